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

    /// The image file's name in `format`.
    public func imageFile(_ format: FigureFormat) -> String { name + "." + format.rawValue }

    /// The complete script for `format`: terminal, output file, then the plot commands. The
    /// title goes into the opening comment as a quoted literal, so it cannot continue the comment
    /// onto a command line.
    public func script(format: FigureFormat) -> String {
        header(format) + "set output \(Chart.quoted(imageFile(format)))\n" + commands
    }

    /// The script gnuplot is given when Ablate renders: no output file, so the image comes back
    /// on standard output and gnuplot itself opens no file for writing.
    func renderingScript(format: FigureFormat) -> String { header(format) + commands }

    private func header(_ format: FigureFormat) -> String {
        "# \(Chart.quoted(title))\n# Regenerate: gnuplot \(name).gp (run in this folder)\nset terminal \(format.terminal(heightScale: heightScale))\n"
    }

    /// Whether `name` is a usable file stem: ASCII letters, digits, `-`, `_` and inner dots.
    static func isFileStem(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".")
        }
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
    /// A data file of blocks (one per series), each headed by a comment naming the series and
    /// columns (names shown on one line, so they cannot add rows).
    static func dataText(columns: [String], blocks: [DataBlock]) -> String {
        var out = "# columns: " + columns.map(Escaping.visible).joined(separator: " ") + "\n"
        for (i, block) in blocks.enumerated() {
            if i > 0 { out += "\n\n" }
            out += "# index \(i): \(Escaping.visible(block.label))\n"
            for row in block.rows { out += row.map(NumberFormat.data).joined(separator: " ") + "\n" }
            // An empty block would merge with its neighbours and shift every later index.
            if block.rows.isEmpty { out += columns.map { _ in "NaN" }.joined(separator: " ") + "\n" }
        }
        return out
    }

    /// A string literal for a gnuplot script: every label, title and name a builder prints goes
    /// through it (`Escaping.gnuplot`); `Gnuplot.refusal(in:)` rejects a script where one did not.
    static func quoted(_ s: String) -> String { Escaping.gnuplot(s) }
}
