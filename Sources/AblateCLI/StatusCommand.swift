import ArgumentParser
import Foundation
import Harness
import Store

/// `ablate status [SWEEP]`: trial counts from the store.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show sweeps and their trial counts from the store.")

    @Argument(help: "A sweep id (default: every sweep).") var sweep: String?
    @Option(help: "The SQLite store.") var store: String = "results/ablate.sqlite"
    @Flag(help: "List every trial of the sweep with its status and error.") var trials = false
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let db = try StoreAccess.open(store)
        let ids: [String]
        do { ids = try sweep.map { [try db.sweep($0).id] } ?? db.sweeps().map(\.id) } catch let e as StoreError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(65)
        }
        var objects: [[String: Any]] = []
        for id in ids {
            let s = try db.summary(sweep: id)
            if json {
                objects.append(s.jsonObject)
            } else {
                print(s.statusLine)
                if trials {
                    for (t, axes) in try db.trials(sweep: id, phase: .tune) {
                        print("tune " + t.statusLine(axes: axes))
                    }
                    for (t, axes) in try db.trials(sweep: id) {
                        print(t.statusLine(axes: axes))
                    }
                }
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else if ids.isEmpty {
            print("no sweeps in \(store)")
        }
    }
}
