import Foundation

/// Why a figure could not be rendered.
public enum GnuplotError: Error, Equatable, CustomStringConvertible {
    /// No `gnuplot` program on the PATH.
    case missing
    /// gnuplot ran and failed; its error output.
    case failed(chart: String, status: Int32, stderr: String)
    /// A chart's script would let gnuplot run a command or read text as code (a builder printed
    /// data without `Chart.quoted`), or its name is not a plain file stem; nothing was written.
    case unsafeScript(chart: String, problem: String)

    /// A sentence saying what went wrong and what to do.
    public var description: String {
        switch self {
        case .missing:
            return "gnuplot is not installed (Debian: apt-get install gnuplot-nox); the report has its tables, "
                + "and each figure's .gp script and .dat data are written so it can be rendered later"
        case let .failed(chart, status, stderr):
            return "gnuplot failed on \(chart).gp (exit \(status)): \(Escaping.visible(stderr.trimmingCharacters(in: .whitespacesAndNewlines)))"
        case let .unsafeScript(chart, problem):
            return "figure \(Escaping.visible(chart)) not written: its gnuplot script \(problem)"
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

    /// Runs `script` with `folder` as the working directory (so relative file names resolve
    /// there) and returns what gnuplot wrote to standard output: the image, when the script sets
    /// no output file.
    public func run(script: String, in folder: URL, name: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The script is written and the errors drained on their own threads while the image is
        // read here: gnuplot starts writing the image before it has read a long script, so any
        // one of the three pipes filling would stall both processes.
        let stderrBox = ReadBox(), written = DispatchSemaphore(value: 0)
        let reader = Thread { stderrBox.data = errors.fileHandleForReading.readDataToEndOfFile(); stderrBox.done.signal() }
        reader.start()
        let scriptHandle = input.fileHandleForWriting, scriptData = Data(script.utf8)
        // A gnuplot that stops early closes its end: the write then fails (EPIPE, SIGPIPE ignored)
        // instead of ending Ablate, and the exit status below reports the error.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? scriptHandle.write(contentsOf: scriptData)
            try? scriptHandle.close()
            written.signal()
        }
        writer.start()
        let image = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        written.wait()
        stderrBox.done.wait()
        guard process.terminationStatus == 0 else {
            throw GnuplotError.failed(chart: name, status: process.terminationStatus, stderr: String(decoding: stderrBox.data, as: UTF8.self))
        }
        return image
    }

    /// Identifiers that run programs, read other scripts or change folders; no chart uses them.
    static let forbiddenWords: Set<String> = ["system", "shell", "load", "call", "eval", "cd", "save", "import", "pipe", "reread"]

    /// Why `script` is unsafe to run, or nil: a command starting with `!`, a backquote or `@`
    /// outside a single-quoted string, a double-quoted string (backquotes are expanded inside
    /// those), a forbidden word, a string literal spanning a line, or a comment continued onto
    /// the next line. Single-quoted literals (`Chart.quoted`) are opaque to gnuplot and skipped.
    public static func refusal(in script: String) -> String? {
        var commandStart = true, previous: Character = "\n"
        var word = ""
        var index = script.startIndex
        func finishWord() -> String? {
            defer { word = "" }
            return forbiddenWords.contains(word.lowercased()) ? "uses '\(word)'" : nil
        }
        while index < script.endIndex {
            let c = script[index]
            if c.isLetter || c == "_" || (c.isNumber && !word.isEmpty) {
                word.append(c)
            } else if let problem = finishWord() {
                return problem
            }
            switch c {
            case "'":
                guard let close = closingQuote(in: script, from: script.index(after: index)) else {
                    return "has a string literal that does not end on its line"
                }
                index = close
                commandStart = false
            case "\"", "`", "@":
                return "has \(c) outside a single-quoted string"
            case "!" where commandStart:
                return "has a shell command (!)"
            case "#":
                let end = script[index...].firstIndex(of: "\n") ?? script.endIndex
                if script[index..<end].hasSuffix("\\") { return "has a comment continued onto the next line" }
                index = end
                continue
            case ";":
                commandStart = true
            case "\n":
                commandStart = previous != "\\"
            default:
                if !c.isWhitespace { commandStart = false }
            }
            if !c.isWhitespace || c == "\n" { previous = c }
            index = script.index(after: index)
        }
        return finishWord()
    }

    /// The index of the quote closing a single-quoted literal whose text starts at `start`
    /// (`''` is a quote inside it), or nil when the line ends first.
    private static func closingQuote(in script: String, from start: String.Index) -> String.Index? {
        var i = start
        while i < script.endIndex {
            switch script[i] {
            case "\n": return nil
            case "'":
                let next = script.index(after: i)
                guard next < script.endIndex, script[next] == "'" else { return i }
                i = script.index(after: next)
                continue
            default: break
            }
            i = script.index(after: i)
        }
        return nil
    }
}

/// Bytes read on another thread, handed over through a semaphore.
private final class ReadBox: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}

extension Chart {
    /// Writes `<name>.gp` and `<name>.dat` into `folder` and, given a gnuplot, renders
    /// `<name>.<format>` from its standard output. Every file is written by `SafeFile` (no link
    /// is followed, no special file replaced); a script `Gnuplot.refusal(in:)` rejects is not
    /// written or run.
    public func write(to folder: URL, format: FigureFormat, gnuplot: Gnuplot?) throws {
        guard Chart.isFileStem(name) else { throw GnuplotError.unsafeScript(chart: name, problem: "would be saved under a name that is not a plain file name") }
        let text = script(format: format)
        if let problem = Gnuplot.refusal(in: text) { throw GnuplotError.unsafeScript(chart: name, problem: problem) }
        try SafeFile.write(Data(text.utf8), to: folder.appendingPathComponent(name + ".gp"), origin: .inTree)
        try SafeFile.write(Data(data.utf8), to: folder.appendingPathComponent(dataFile), origin: .inTree)
        guard let gnuplot else { return }
        let image = try gnuplot.run(script: renderingScript(format: format), in: folder, name: name)
        try SafeFile.write(image, to: folder.appendingPathComponent(imageFile(format)), origin: .inTree)
    }
}
