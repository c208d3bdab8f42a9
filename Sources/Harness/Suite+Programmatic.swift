extension Suite {
    /// A suite built in code rather than read from a file (a benchmark's one-trial suite): a
    /// mapping validated as a file's document is; `file` names it in errors, and its text is
    /// the document's flow rendering.
    public init(document: SuiteNode, file: String) throws {
        let variants = try SuiteValidator.validate(document)
        self.init(file: file, text: document.flowText, document: document, overrides: [], variants: variants)
    }
}
