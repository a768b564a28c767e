import Foundation
import Testing

/// Golden files for the exporters: the expected bytes of an output, kept in the repository and
/// compared byte for byte (never with line endings normalised, so a CRLF that became LF fails).
public enum Golden {
    /// The environment variable that rewrites golden files instead of comparing with them.
    public static let recordVariable = "RECORD_GOLDENS"

    /// What one comparison found. `failure` is nil when the bytes matched.
    public struct Outcome: Sendable, Equatable {
        public var failure: String?
        /// True when the golden file was (re)written.
        public var recorded: Bool

        public init(failure: String?, recorded: Bool) {
            self.failure = failure
            self.recorded = recorded
        }
    }

    /// Whether `environment` asks for goldens to be rewritten (`RECORD_GOLDENS=1`).
    public static func isRecording(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        let value = environment[recordVariable] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// Compares `actual` with the file at `golden`. When `record` is true the file is rewritten
    /// with `actual` and the outcome is still a failure, so a recording run never passes by accident.
    public static func compare(_ actual: Data, with golden: URL, record: Bool) -> Outcome {
        if record {
            do {
                try FileManager.default.createDirectory(
                    at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: golden, options: .atomic)
            } catch {
                return Outcome(failure: "\(golden.path): could not record the golden file: \(error)", recorded: false)
            }
            return Outcome(
                failure: "\(golden.path): golden file recorded (\(actual.count) bytes); run again without "
                    + "\(recordVariable) to compare with it", recorded: true)
        }
        guard let expected = FileManager.default.contents(atPath: golden.path) else {
            return Outcome(
                failure: "\(golden.path): no golden file; run with \(recordVariable)=1 to record it", recorded: false)
        }
        if expected == actual { return Outcome(failure: nil, recorded: false) }
        return Outcome(
            failure: "\(golden.path): output differs from the golden file (- golden, + actual; ␍ is a carriage return)\n"
                + lineDiff(expected: expected, actual: actual), recorded: false)
    }

    /// A one-hunk line diff: the lines both sides share at the start and the end are left out,
    /// the golden's remaining lines are shown with "-", the actual's with "+", each with its
    /// line number. Lines are split on LF only, and every CR is shown as ␍, so a line-ending
    /// difference is visible.
    public static func lineDiff(expected: Data, actual: Data) -> String {
        let a = lines(expected), b = lines(actual)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        var out = ""
        for i in prefix..<(a.count - suffix) { out += "-\(i + 1): \(shown(a[i]))\n" }
        for i in prefix..<(b.count - suffix) { out += "+\(i + 1): \(shown(b[i]))\n" }
        return out
    }

    /// The bytes split after each LF; a last line without LF is kept and marked when shown.
    static func lines(_ data: Data) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in data {
            current.append(byte)
            if byte == 0x0A {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func shown(_ line: [UInt8]) -> String {
        var body = line
        let hasNewline = body.last == 0x0A
        if hasNewline { body.removeLast() }
        // Replaced as bytes: in a Swift String "\r\n" is one Character and would hide the CR.
        let visible = body.flatMap { $0 == 0x0D ? Array("␍".utf8) : [$0] }
        let text = String(decoding: visible, as: UTF8.self)
        return hasNewline ? text : text + " (no newline at the end)"
    }
}

/// Fails the current test unless `actual` is byte for byte the golden file at `golden`. With
/// `RECORD_GOLDENS=1` in the environment the golden file is rewritten and the test fails, saying so.
public func assertGolden(
    _ actual: Data, matches golden: URL,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let outcome = Golden.compare(actual, with: golden, record: Golden.isRecording(environment))
    if let failure = outcome.failure { Issue.record(Comment(rawValue: failure), sourceLocation: sourceLocation) }
}

/// `assertGolden` for text, compared as its UTF-8 bytes.
public func assertGolden(
    _ actual: String, matches golden: URL,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertGolden(Data(actual.utf8), matches: golden, environment: environment, sourceLocation: sourceLocation)
}
