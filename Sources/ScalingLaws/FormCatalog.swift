/// The forms a user can name, by id.
public enum FormCatalog {
    /// Short names accepted on the command line, with their ids.
    public static let names = ["power", "saturating-power", "chinchilla", "broken-power", "log-linear"]

    /// The form named `name` (with or without the `fit.` prefix) for `inputs` input columns;
    /// nil for an unknown name.
    public static func form(named name: String, inputs: Int) -> (any ScalingLawForm)? {
        let short = name.hasPrefix("fit.") ? String(name.dropFirst(4)) : name
        switch short {
        case "power": return PowerLaw()
        case "saturating-power", "saturating": return SaturatingPowerLaw()
        case "chinchilla": return ChinchillaLaw()
        case "broken-power", "broken": return BrokenPowerLaw()
        case "log-linear": return LogLinear(inputs: inputs)
        default: return nil
        }
    }

    /// The default form for a number of input columns: `chinchilla` for two, `saturating-power` for one,
    /// `log-linear` otherwise.
    public static func defaultName(inputs: Int) -> String {
        switch inputs {
        case 1: return "saturating-power"
        case 2: return "chinchilla"
        default: return "log-linear"
        }
    }
}
