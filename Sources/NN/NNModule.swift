/// Neural-network layers (being built).
public enum NNModule {}
