import ArgumentParser
import Foundation
import Harness
import Reports
import Variants

/// `ablate coord-check`: how each layer's activation size moves with width, standard vs μP.
struct CoordCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coord-check",
        abstract: "Coordinate check: each layer's activation size after a few steps across widths, standard vs μP.",
        discussion: """
            Rebuilds the suite's first trial at each width (head width fixed, so heads grow with width), trains \
            --steps steps at a constant --lr with the trial's optimizer and no clipping, and records the mean \
            |coordinate| of the embedding output, each block's mixer and feed-forward updates and output, and the \
            logits, averaged over --seeds. A parametrization is flat when every layer's slope of log size on log \
            width at the last step is within --threshold; under μP it should be. Writes coord-check.txt, \
            coord-check.json and a chart per parametrization (gnuplot) into --out.
            """)

    @Option(help: "The suite whose first trial gives the task, model and optimizer.") var suite: String = "suites/lr-sensitivity.yaml"
    @Option(help: "Comma-separated widths.") var widths: String = "32,64,128,256"
    @Option(help: "Training steps (sizes are recorded at steps 0 … steps).") var steps: Int = 4
    @Option(help: "Constant learning rate (the lr-sensitivity suite's best standard rate at width 32).") var lr: Double = 1e-2
    @Option(help: "Seeds averaged over.") var seeds: Int = 3
    @Option(help: "μP's base width (default: the smallest width).") var baseWidth: Int?
    @Option(help: "μP's readout: zero or normal.") var readout: String = "normal"
    @Option(help: "Head width d_h (default: the trial's width ÷ heads).") var headWidth: Int?
    @Option(help: "Largest |slope| of log size on log width that counts as flat.") var threshold: Double = CoordinateCheck.defaultThreshold
    @Option(help: "Folder for the table, JSON and charts.") var out: String = "reports/coord-check"
    @Option(help: "Figure format: svg, png or pdf.") var format: String = "svg"
    @Flag(help: "Print the JSON instead of the table.") var json = false

    func parsedWidths() throws -> [Int] { try WidthsOption.parse(widths, example: "32,64,128") }

    func validate() throws {
        _ = try parsedWidths()
        if MuP.Readout(rawValue: readout) == nil { throw ValidationError("--readout must be zero or normal, not '\(readout)'") }
        if FigureFormat(rawValue: format) == nil { throw ValidationError("--format must be svg, png or pdf, not '\(format)'") }
    }

    func run() throws {
        let ladder = try parsedWidths()
        let mup = CoordinateCheckRequest.Parametrization.mup(baseWidth: baseWidth ?? ladder.min()!, readout: MuP.Readout(rawValue: readout)!)
        let request = CoordinateCheckRequest(base: try CoordinateCheckRequest.base(suite: try Suite.load(path: suite)), widths: ladder,
                                             steps: steps, learningRate: lr, seeds: seeds, parametrizations: [.standard, mup],
                                             headWidth: headWidth, threshold: threshold)
        let check = try request.run()
        print(json ? check.json : check.text)
        do {
            try check.write(to: URL(fileURLWithPath: out), format: FigureFormat(rawValue: format)!, gnuplot: Gnuplot.locate())
        } catch let error as GnuplotError {
            FileHandle.standardError.write(Data("warning: charts not rendered: \(error)\n".utf8))
        }
        FileHandle.standardError.write(Data("wrote coord-check.txt, coord-check.json and \(check.charts.count) chart(s) in \(out)\n".utf8))
    }
}
