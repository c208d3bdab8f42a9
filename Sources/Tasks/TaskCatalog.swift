/// Tasks: datasets and synthetic task generators (being built).
public enum TaskCatalog {}
