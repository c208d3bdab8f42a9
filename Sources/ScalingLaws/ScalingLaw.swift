/// Scaling-law fitting (being built).
public enum ScalingLaw {}
