import Foundation

extension TrialOutcome {
    /// The outcome as JSON (the trial process → runner hand-off).
    public func encoded() throws -> Data {
        try JSONCoding.encoder(.compact).encode(self)
    }

    /// Decodes `encoded()`.
    public static func decode(_ data: Data) throws -> TrialOutcome {
        try JSONCoding.decoder().decode(TrialOutcome.self, from: data)
    }
}
