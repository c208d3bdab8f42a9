import ArgumentParser
import Reports

/// `ablate list catalogue`: every built-in variant and task as one Markdown document, the
/// text of `docs/catalogue.md` (`make catalogue` rewrites that file with it).
struct ListCatalogue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "Print every variant (by family) and every task as Markdown tables (docs/catalogue.md).")

    func run() throws {
        // The document ends with a table row's newline; print adds none.
        print(Catalogue.markdown(), terminator: "")
    }
}
