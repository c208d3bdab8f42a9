import Tasks

extension Catalogue {
    /// The tasks section: one table in catalogue order with each task's model family,
    /// parameters, metrics and data source (generated, or the files it reads).
    public static func tasksMarkdown(_ tasks: [TaskDescriptor] = TaskCatalog.all) -> String {
        var out = "## Tasks\n\n"
        out += "\(tasks.count) tasks. Data \"generated\" needs no download; the others read the files named.\n\n"
        out += Markdown.table(["id", "what it is", "model", "parameters (defaults)", "metrics", "data"],
                              tasks.map { d in
                                  [Markdown.code(d.id), d.summary, d.family.rawValue, parametersCell(d.parameters),
                                   d.metrics.map(\.name).joined(separator: ", "), d.dataSource]
                              })
        return out
    }
}
