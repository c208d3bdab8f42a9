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
        folderComponents(for: data).reduce(out) { $0.appendingPathComponent($1, isDirectory: true) }
    }

    private func folderComponents(for data: SweepData) -> [String] {
        [SafePath.component(data.sweep.suite), SafePath.component(data.sweep.id)]
    }

    /// Writes the report of `data` (with `baseline`'s comparison Markdown when given). Figures
    /// that cannot be rendered leave their script and data and a note in the report; figures of
    /// an earlier report of the sweep that this one no longer draws are removed. Every file is
    /// written by `SafeFile`: a symbolic link inside the report folder is an error, never followed.
    public func write(_ data: SweepData, baseline: String? = nil, command: String) throws -> Result {
        let folder = try SafeFile.folder(folderComponents(for: data), under: out)
        let figures = try SafeFile.folder(["figures"], under: folder)
        let charts = ChartBuilder(data: data, policy: policy).charts()
        var renderer = gnuplot
        var problem: String? = gnuplot == nil ? GnuplotError.missing.description : nil
        for chart in charts {
            do {
                try chart.write(to: figures, format: format, gnuplot: renderer)
            } catch let e as GnuplotError {
                problem = e.description
                if case .failed = e { renderer = nil }
            }
        }
        try removeStaleFigures(in: figures, keeping: Set(charts.map(\.name)))
        let report = MarkdownReport(data: data, charts: charts, format: format, figureNote: problem, baseline: baseline,
                                    command: command, policy: policy)
        let markdown = folder.appendingPathComponent("report.md")
        try SafeFile.write(Data(report.text.utf8), to: markdown, origin: .inTree)
        return Result(folder: folder, markdown: markdown, charts: charts.map(\.name), problem: problem)
    }

    /// Removes the scripts, data and images in `figures` whose chart is not in `keeping`
    /// (unlinking removes a link itself, never its target).
    private func removeStaleFigures(in figures: URL, keeping: Set<String>) throws {
        let extensions: Set<String> = Set(["gp", "dat"] + FigureFormat.allCases.map(\.rawValue))
        for file in try FileManager.default.contentsOfDirectory(atPath: figures.path) {
            let url = figures.appendingPathComponent(file)
            guard extensions.contains(url.pathExtension), !keeping.contains(url.deletingPathExtension().lastPathComponent) else { continue }
            try FileManager.default.removeItem(at: url)
        }
    }
}
