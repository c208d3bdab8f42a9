import Foundation

/// Why a figure could not be rendered.
public enum GnuplotError: Error, Equatable, CustomStringConvertible {
    /// No `gnuplot` program on the PATH.
    case missing
    /// gnuplot ran and failed; its error output.
    case failed(chart: String, status: Int32, stderr: String)

    /// A sentence saying what went wrong and what to do.
    public var description: String {
        switch self {
        case .missing:
            return "gnuplot is not installed (Debian: apt-get install gnuplot-nox); the report has its tables, "
                + "and each figure's .gp script and .dat data are written so it can be rendered later"
        case let .failed(chart, status, stderr):
            return "gnuplot failed on \(chart).gp (exit \(status)): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// The gnuplot program, driven through a pipe: the script goes to its standard input.
public struct Gnuplot: Sendable {
    /// The program's path.
    public let executable: String

    /// The `gnuplot` found on `PATH` (nil when there is none).
    public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> Gnuplot? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return Gnuplot(executable: candidate) }
        }
        return nil
    }

    /// A driver for the program at `executable`.
    public init(executable: String) { self.executable = executable }

    /// Runs `script` with `folder` as the working directory (so relative file names resolve there).
    public func run(script: String, in folder: URL, name: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = folder
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GnuplotError.failed(chart: name, status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
        }
    }
}

extension Chart {
    /// Writes `<name>.gp` and `<name>.dat` into `folder` and, given a gnuplot, renders
    /// `<name>.<format>` by piping the script to it.
    public func write(to folder: URL, format: FigureFormat, gnuplot: Gnuplot?) throws {
        let text = script(format: format)
        try Data(text.utf8).write(to: folder.appendingPathComponent(name + ".gp"), options: .atomic)
        try Data(data.utf8).write(to: folder.appendingPathComponent(dataFile), options: .atomic)
        guard let gnuplot else { return }
        try gnuplot.run(script: text, in: folder, name: name)
    }
}
