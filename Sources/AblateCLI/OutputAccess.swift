import ArgumentParser
import Foundation
import Reports

/// Writing output files with the CLI's error conventions.
enum OutputAccess {
    /// `body`'s result; an output `SafeFile` refused or could not write is reported and exits 73
    /// (sysexits' "cannot create output file").
    static func writing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SafeFileError {
            FileHandle.standardError.write(Data("error: \(e)\n".utf8))
            throw ExitCode(73)
        }
    }
}
