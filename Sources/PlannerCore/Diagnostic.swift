/// A problem found in the user's input, reported the way compilers do:
///
///     path:line:col: error: what
///     <the source line>
///           ^
///     hint: how to fix it
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The offending source line, printed under the message when known.
    public var sourceLine: String?
    public var hint: String?

    public init(
        _ severity: Severity, _ location: SourceLocation, _ message: String,
        sourceLine: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.hint = hint
    }

    public var isError: Bool { severity == .error }

    /// The full multi-line text (no trailing newline).
    public var description: String {
        var lines = ["\(location): \(severity.rawValue): \(message)"]
        if let sourceLine {
            lines.append(sourceLine)
            if let col = location.column, location.line != nil, col >= 1 {
                // Caret under the column (1-based, counted in characters; tabs kept so it lines up).
                let prefix = sourceLine.prefix(col - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                lines.append(prefix + "^")
            }
        }
        if let hint { lines.append("hint: \(hint)") }
        return lines.joined(separator: "\n")
    }

    /// Total order for reporting: by location, then severity, then message.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity.rawValue < b.severity.rawValue }
        return a.message < b.message
    }
}

/// The closest candidate to `word` within a small edit distance, for "did you mean".
public func closestMatch(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates.sorted() {
        let d = Diagnostic.editDistance(word, c)
        if d <= max(2, word.count / 3), best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}

extension Diagnostic {
    /// Levenshtein edit distance, ignoring case, for "did you mean" hints.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
