import NN

extension Registry {
    /// The compressed twin types of every registered compression method, in registry order
    /// (a type several methods write appears once per method): what a compressed checkpoint
    /// is decoded with.
    public static var twins: [any CompressedLinear.Type] { all.flatMap(\.twins) }
}
