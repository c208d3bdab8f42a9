import AblateCLI
import CustomVariant
import Variants

// Registered before the command runs, so that `run` validates suites naming norm.scalenorm
// and its trial child processes (this same binary, `ablate-plus trial …`) can build it.
Registry.register(scaleNormVariant)
Ablate.main()
