import ArgumentParser
import Configuration
import Foundation
import Tasks
import Variants

/// `ablate describe ID`: a task's or a variant's parameters and defaults, and for tasks the
/// metrics and data source, for variants the cost and source paper. Dispatches on the id's
/// family prefix.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a task or a variant: parameters and defaults; metrics and data source, or cost and paper.")

    @Argument(help: "The id, e.g. task.copy or norm.rmsnorm (see `ablate list tasks`, `ablate list variants`).")
    var id: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let family = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id
        switch family {
        case "task":
            try describeTask()
        default:
            if let d = Registry.descriptor(id) { return try describeVariant(d) }
            // An unknown id: suggest the nearest variant (in its family, if that is known) or task.
            let near = Registry.suggestion(for: id, in: VariantFamily(rawValue: family)) ?? TaskCatalog.suggestion(for: id)
            if let near {
                throw fail("unknown id '\(id)'; did you mean \(near)? (`ablate list variants`, `ablate list tasks`)")
            }
            throw fail("unknown id '\(id)'; `ablate list variants` and `ablate list tasks` list the ids")
        }
    }

    private func describeVariant(_ d: VariantDescriptor) throws {
        if json {
            let data = try JSONSerialization.data(withJSONObject: d.jsonObject, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("\(d.id): \(d.summary)")
        print("paper:     \(d.paper)")
        print("real cost: \(d.realCost)")
        printParameters(d.parameters)
    }

    private func printParameters(_ parameters: [ParameterSpec]) {
        print("\nparameters:" + (parameters.isEmpty ? " none" : ""))
        let nameWidth = parameters.map(\.name.count).max() ?? 0
        for p in parameters {
            let name = p.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let unit = p.unit.map { " \($0)" } ?? ""
            print("  \(name)  \(p.type.rawValue), default \(p.defaultDescription)\(unit); \(p.allowedDescription)")
            print("  \(String(repeating: " ", count: nameWidth))  \(p.summary)")
        }
    }

    /// Prints `message` to stderr; the result is the exit code for bad input (65) to throw.
    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("ablate describe: \(message)\n".utf8))
        return ExitCode(65)
    }

    private func describeTask() throws {
        let d: TaskDescriptor
        do {
            d = try TaskCatalog.descriptor(id)
        } catch let error as TaskError {
            throw fail(error.description)
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: d.jsonObject, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("\(d.id): \(d.summary)")
        print("model family: \(d.family)")
        print("data source:  \(d.dataSource)")
        printParameters(d.parameters)
        print("\nmetrics:")
        let metricWidth = d.metrics.map(\.name.count).max() ?? 0
        for m in d.metrics {
            let name = m.name.padding(toLength: metricWidth, withPad: " ", startingAt: 0)
            print("  \(name)  \(m.unit), \(m.higherIsBetter ? "higher is better" : "lower is better"): \(m.summary)")
        }
    }
}
