/// Turns offsets in a text (counted in Unicode scalars) into 1-based lines and columns, and
/// gives the text of a line for compiler-style messages.
public struct TextLocator: Sendable {
    public let scalars: [Unicode.Scalar]
    /// Offsets where each line starts.
    let lineStarts: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (i, u) in scalars.enumerated() where u == "\n" { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The 1-based line and column of `offset`. Columns count characters (Unicode scalars).
    public func location(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, offset - lineStarts[lo] + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1 && number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : scalars.count
        if end > start && scalars[end - 1] == "\r" { end -= 1 }
        return string(start..<end)
    }

    /// The text of a range of offsets.
    public func string(_ range: Range<Int>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[range])
        return String(v)
    }
}

/// Character classes as Python's `re` module sees them in a `str` pattern, so word and sentence
/// counts match textstat's.
enum PyChar {
    /// `\w`: a letter (Unicode categories Lu, Ll, Lt, Lm, Lo), a number, or `_`.
    static func isWord(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 128 {  // ASCII fast path
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
        }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return u.properties.numericType != nil
        }
    }

    /// `\s`: white space.
    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        if u.value < 128 {  // ASCII fast path: space, \t \n \v \f \r and the four separators
            return u.value == 32 || (u.value >= 9 && u.value <= 13) || (u.value >= 28 && u.value <= 31)
        }
        switch u {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}", "\u{85}": return true
        default: return u.properties.isWhitespace
        }
    }
}
