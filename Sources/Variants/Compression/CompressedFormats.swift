import NN

/// The stored formats of the built-in compression methods, registered for loading.
public enum CompressedFormats {
    /// Registers the decoder of every built-in compressed format with
    /// `CompressedLinearFormats` (one line per format; repeating it is harmless).
    public static func registerBuiltIn() {
        CompressedLinearFormats.register("lowrank", LowRankCompressedLinear.decode)
        CompressedLinearFormats.register("tt", TensorTrainLinear.decode)
        CompressedLinearFormats.register("kmeans", ClusteredLinear.decode)
        CompressedLinearFormats.register("sparse", SparseLinear.decode)
        CompressedLinearFormats.register("nm", NMSparseLinear.decode)
        CompressedLinearFormats.register("int", IntQuantizedLinear.decode)
        CompressedLinearFormats.register("nm-int", NMQuantizedLinear.decode)
        CompressedLinearFormats.register("float", FloatQuantizedLinear.decode)
        CompressedLinearFormats.register("lorc", LowRankCompensatedLinear.decode)
    }
}
