/// One figure: its gnuplot commands and the data they plot, kept together so an author can
/// restyle the figure from the saved `.gp` and `.dat` files.
public struct Chart: Sendable, Equatable {
    /// The file stem (`pareto-latency`): the figure, script and data are `<name>.<ext>`, `.gp`, `.dat`.
    public var name: String
    /// The title printed above the figure in the report.
    public var title: String
    /// A sentence under the figure saying what is plotted.
    public var caption: String
    /// Plot commands (everything after the terminal and output lines); they read `<name>.dat`.
    public var commands: String
    /// The data file: blocks separated by two blank lines (gnuplot's `index`), `#` comments.
    public var data: String
    /// The figure's height in standard heights (above 1 for stacked panels).
    public var heightScale: Double

    /// A chart.
    public init(name: String, title: String, caption: String, commands: String, data: String, heightScale: Double = 1) {
        self.name = name; self.title = title; self.caption = caption; self.commands = commands; self.data = data
        self.heightScale = heightScale
    }

    /// The data file's name.
    public var dataFile: String { name + ".dat" }

    /// The complete script for `format`: terminal, output file, then the plot commands.
    public func script(format: FigureFormat) -> String {
        "# \(title)\n# Regenerate: gnuplot \(name).gp (run in this folder)\n"
            + "set terminal \(format.terminal(heightScale: heightScale))\nset output '\(name).\(format.rawValue)'\n" + commands
    }
}

/// The image formats reports render.
public enum FigureFormat: String, Sendable, CaseIterable {
    case svg, png, pdf

    /// The gnuplot terminal line for a figure `heightScale` standard heights tall.
    func terminal(heightScale: Double = 1) -> String {
        switch self {
        case .svg: return "svg size 800,\(Int(520 * heightScale)) dynamic font 'Helvetica,13' background rgb 'white'"
        case .png: return "pngcairo size 1200,\(Int(780 * heightScale)) font 'Helvetica,13'"
        case .pdf: return "pdfcairo size 6in,\(NumberFormat.short(3.9 * heightScale))in font 'Helvetica,10'"
        }
    }
}

/// A series of a chart's data file: a label and its rows.
struct DataBlock {
    var label: String
    var rows: [[Double]]
}

extension Chart {
    /// A data file of blocks (one per series), each headed by a comment naming the series and columns.
    static func dataText(columns: [String], blocks: [DataBlock]) -> String {
        var out = "# columns: " + columns.joined(separator: " ") + "\n"
        for (i, block) in blocks.enumerated() {
            if i > 0 { out += "\n\n" }
            out += "# index \(i): \(block.label)\n"
            for row in block.rows { out += row.map(NumberFormat.data).joined(separator: " ") + "\n" }
            // An empty block would merge with its neighbours and shift every later index.
            if block.rows.isEmpty { out += columns.map { _ in "NaN" }.joined(separator: " ") + "\n" }
        }
        return out
    }

    /// A string literal for a gnuplot script (single quotes, doubled inside).
    static func quoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " ") + "'"
    }
}
