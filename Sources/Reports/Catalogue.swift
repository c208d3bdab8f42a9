import Configuration
import Tasks
import Variants

/// The catalogue of every built-in variant and task as Markdown (`docs/catalogue.md`),
/// generated from the registry and the task catalogue so it cannot go stale: the
/// `ablate list catalogue` command prints it and a test compares it with the committed file.
/// Output follows registry order and depends on nothing else, so it is byte-stable.
public enum Catalogue {
    /// The command that prints the catalogue, named in its header.
    public static let command = "ablate list catalogue"

    /// The whole document: header, the variants family by family, then the tasks.
    /// Built-in variants only (not those added with `Registry.register`), so what a
    /// process registered cannot change the committed file.
    public static func markdown(variants: [VariantDescriptor] = Registry.builtIn,
                                tasks: [TaskDescriptor] = TaskCatalog.all) -> String {
        var out = "# Catalogue: every variant and task\n\n"
        out += "Generated from the variant registry and the task catalogue by `\(command)` "
        out += "(`make catalogue` rewrites this file); do not edit by hand. "
        out += "`ablate describe ID` gives each parameter's type, range and meaning.\n\n"
        out += variantsMarkdown(variants)
        out += "\n" + tasksMarkdown(tasks)
        return out
    }

    /// A parameter list for one table cell: `name=default` (with the unit, if any) in
    /// declaration order; "none" when there are no parameters.
    static func parametersCell(_ parameters: [ParameterSpec]) -> String {
        guard !parameters.isEmpty else { return "none" }
        return parameters.map { p in
            Markdown.code("\(p.name)=\(p.defaultDescription)") + (p.unit.map { " \($0)" } ?? "")
        }.joined(separator: ", ")
    }
}
