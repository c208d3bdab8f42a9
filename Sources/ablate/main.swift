import AblateCLI

// The command lives in the AblateCLI library so that other packages can build the same
// tool with their own variants registered; `main()` also checks the CPU flags.
Ablate.main()
