import ArgumentParser
import Configuration
import Foundation
import Variants

/// `ablate list variants [--family F] [--json]`.
struct ListVariants: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants", abstract: "List every registered variant id with its summary.")

    @Option(help: "Only this family: \(VariantFamily.allCases.map(\.rawValue).joined(separator: ", ")).")
    var family: String?

    @Flag(help: "Print JSON (id, family, summary, paper, real cost, parameters with defaults).")
    var json = false

    func run() throws {
        var selected = Registry.all
        if let family {
            guard let f = VariantFamily(rawValue: family) else {
                let near = Nearest.match(family, in: VariantFamily.allCases.map(\.rawValue))
                FileHandle.standardError.write(Data(("ablate list variants: unknown family '\(family)'"
                    + (near.map { "; did you mean \($0)?" } ?? "") + " Families: "
                    + VariantFamily.allCases.map(\.rawValue).joined(separator: ", ") + "\n").utf8))
                throw ExitCode(64)
            }
            selected = selected.filter { $0.family == f }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: selected.map(\.jsonObject),
                                                  options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let width = selected.map(\.id.count).max() ?? 0
        for d in selected {
            print("\(d.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(d.summary)")
        }
        print("\n`ablate describe VARIANT-ID` shows a variant's parameters, cost and source paper.")
    }
}
