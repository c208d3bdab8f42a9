import ArgumentParser
import Harness

/// `ablate schema`: the JSON Schema of the suite format.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of suite files (for editors).")

    func run() throws {
        print(SuiteSchema.jsonSchemaText)
    }
}
