import Foundation

/// Writes a sweep's report folder: `<out>/<suite>/<sweep-id>/report.md` and `figures/`.
public struct ReportWriter: Sendable {
    /// What a report run produced.
    public struct Result: Sendable {
        /// The report folder and the Markdown file.
        public var folder: URL
        public var markdown: URL
        /// The figures written (scripts and data always; images when `problem` is nil).
        public var charts: [String]
        /// Why figures were not rendered (gnuplot missing or failing); nil when they all were.
        public var problem: String?
    }

    /// The base folder (`reports`).
    public var out: URL
    public var format: FigureFormat
    /// The gnuplot to render with (nil: write scripts and data only).
    public var gnuplot: Gnuplot?
    public var policy: MetricPolicy

    /// A writer into `out`.
    public init(out: URL, format: FigureFormat = .svg, gnuplot: Gnuplot? = Gnuplot.locate(), policy: MetricPolicy = MetricPolicy()) {
        self.out = out; self.format = format; self.gnuplot = gnuplot; self.policy = policy
    }

    /// The report folder of `data`: suite and sweep id made into safe path components.
    public func folder(for data: SweepData) -> URL {
        out.appendingPathComponent(SafePath.component(data.sweep.suite), isDirectory: true)
            .appendingPathComponent(SafePath.component(data.sweep.id), isDirectory: true)
    }

    /// Writes the report of `data` (with `baseline`'s comparison Markdown when given). Figures
    /// that cannot be rendered leave their script and data and a note in the report.
    public func write(_ data: SweepData, baseline: String? = nil, command: String) throws -> Result {
        let folder = folder(for: data)
        let figures = folder.appendingPathComponent("figures", isDirectory: true)
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let charts = ChartBuilder(data: data, policy: policy).charts()
        var problem: String? = gnuplot == nil ? GnuplotError.missing.description : nil
        for chart in charts {
            do {
                try chart.write(to: figures, format: format, gnuplot: problem == nil ? gnuplot : nil)
            } catch let e as GnuplotError {
                problem = e.description
            }
        }
        let report = MarkdownReport(data: data, charts: charts, format: format, figureNote: problem, baseline: baseline,
                                    command: command, policy: policy)
        let markdown = folder.appendingPathComponent("report.md")
        try Data(report.text.utf8).write(to: markdown, options: .atomic)
        return Result(folder: folder, markdown: markdown, charts: charts.map(\.name), problem: problem)
    }
}
