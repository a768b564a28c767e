/// An error inside an input file that was read all the same (a broken event in a calendar):
/// the plan was made from the rest, and plan.json carries the error as `inputErrors` so that
/// nobody mistakes the plan for a complete one.
public struct InputError: Sendable, Hashable, Codable, Comparable {
    /// The file as the user named it (or as the planner names a bundled one).
    public var file: String
    /// The 1-based line, nil when the reader could not place the error.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The errors of `diagnostics` (warnings are left out), sorted by (file, line, message).
    public static func from(_ diagnostics: [Diagnostic]) -> [InputError] {
        diagnostics.filter(\.isError).map {
            InputError(file: $0.location.path, line: $0.location.line, message: $0.message)
        }.sorted()
    }

    /// By file, then line (no line first), then message.
    public static func < (a: InputError, b: InputError) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
        return a.message < b.message
    }

    /// "file:line: message", or "file: message" without a line.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
