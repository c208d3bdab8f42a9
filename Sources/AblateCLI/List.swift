import ArgumentParser
import Foundation
import Tasks

/// `ablate list …`: what Ablate knows about. One subcommand per kind of thing.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tasks and the variants Ablate knows.",
        subcommands: [ListTasks.self, ListVariants.self, ListCatalogue.self])
}

/// `ablate list tasks [--json]`.
struct ListTasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks", abstract: "List every task id with its model family and data source.")

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        if json {
            let data = try JSONSerialization.data(withJSONObject: TaskCatalog.all.map(\.jsonObject),
                                                  options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let width = TaskCatalog.ids.map(\.count).max() ?? 0
        let familyWidth = TaskCatalog.all.map(\.family.rawValue.count).max() ?? 0
        for d in TaskCatalog.all {
            let id = d.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let family = d.family.rawValue.padding(toLength: familyWidth, withPad: " ", startingAt: 0)
            print("\(id)  \(family)  \(d.summary)")
        }
        print("\n`ablate describe TASK-ID` shows a task's parameters, metrics and data source.")
    }
}
