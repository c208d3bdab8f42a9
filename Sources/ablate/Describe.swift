import ArgumentParser
import Foundation
import Tasks

/// `ablate describe ID`: a task's (later also a variant's) parameters, defaults, metrics and
/// data source. Dispatches on the id's family prefix.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a task: parameters and defaults, metrics (unit, polarity), data source.")

    @Argument(help: "The id, e.g. task.copy (see `ablate list tasks`).")
    var id: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let family = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id
        switch family {
        case "task":
            try describeTask()
        default:
            // Only tasks are catalogued so far; an id without a known prefix may be a task typo.
            if let near = TaskCatalog.suggestion(for: id) {
                throw fail("unknown id '\(id)'; did you mean \(near)? (`ablate list tasks` lists the tasks)")
            }
            throw fail("unknown id '\(id)': only tasks (task.*) can be described so far; `ablate list tasks` lists them")
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
        print("\nparameters:")
        let nameWidth = d.parameters.map(\.name.count).max() ?? 0
        for p in d.parameters {
            let name = p.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let def = p.defaultValue.description.isEmpty ? "\"\"" : p.defaultValue.description
            let unit = p.unit.map { " \($0)" } ?? ""
            print("  \(name)  \(p.type.rawValue), default \(def)\(unit); \(p.allowedDescription)")
            print("  \(String(repeating: " ", count: nameWidth))  \(p.summary)")
        }
        print("\nmetrics:")
        let metricWidth = d.metrics.map(\.name.count).max() ?? 0
        for m in d.metrics {
            let name = m.name.padding(toLength: metricWidth, withPad: " ", startingAt: 0)
            print("  \(name)  \(m.unit), \(m.higherIsBetter ? "higher is better" : "lower is better"): \(m.summary)")
        }
    }
}
