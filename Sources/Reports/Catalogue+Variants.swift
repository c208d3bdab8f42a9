import Variants

extension Catalogue {
    /// The variants section: per family (in the order the families first appear in
    /// `variants`) a heading, the family's one-line summary and a table of its variants.
    public static func variantsMarkdown(_ variants: [VariantDescriptor] = Registry.builtIn) -> String {
        var families: [VariantFamily] = []
        for f in variants.compactMap(\.family) where !families.contains(f) { families.append(f) }
        var out = "## Variants\n\n"
        out += "\(variants.count) variants in \(families.count) families. "
        out += "Real cost says whether the variant changes time or memory on a dense-BLAS CPU.\n"
        for family in families {
            let members = variants.filter { $0.family == family }
            out += "\n### `\(family.rawValue).*`\n\n\(family.summary)\n\n"
            out += Markdown.table(["id", "what it is", "parameters (defaults)", "paper", "real cost"],
                                  members.map { d in
                                      [Markdown.code(d.id), d.summary, parametersCell(d.parameters), d.paper, d.realCost]
                                  })
        }
        return out
    }
}
