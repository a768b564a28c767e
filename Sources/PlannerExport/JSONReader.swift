import PlannerCore

/// A parsed JSON value that remembers where it starts in the text, so that a reader of a
/// JSON file can say `file:line:col` for a value it cannot use. Object members keep their order.
public struct JSONNode: Sendable {
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number as written (RFC 8259 grammar checked).
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public var kind: Kind
    /// Byte offset of the value's first character in the text.
    public var offset: Int

    /// True for JSON null.
    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// "an object", "a string", ... for messages.
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "true or false"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}

/// JSON text (RFC 8259, UTF-8) parsed into `JSONNode`s; a syntax error is thrown as a
/// diagnostic with its line, column and the line itself.
public enum JSONReader {
    public static func parse(_ text: String, path: String) throws(JSONReadError) -> JSONNode {
        var parser = Parser(bytes: Array(text.utf8), text: SourceText(text), path: path)
        return try parser.document()
    }

    struct Parser {
        let bytes: [UInt8]
        let text: SourceText
        let path: String
        var pos = 0
        var depth = 0

        mutating func document() throws(JSONReadError) -> JSONNode {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
            skipSpace()
            let value = try self.value()
            skipSpace()
            if pos < bytes.count { throw error("unexpected text after the end of the JSON value") }
            return value
        }

        mutating func skipSpace() {
            while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
        }

        func error(_ message: String, at offset: Int? = nil) -> JSONReadError {
            JSONReadError(diagnostics: [
                text.diagnostic(
                    path: path, offset: offset ?? pos, message,
                    hint: "check the file is JSON as the planner writes it (a missing comma, quote or bracket?)")
            ])
        }

        mutating func value() throws(JSONReadError) -> JSONNode {
            guard pos < bytes.count else { throw error("the JSON ends too early") }
            let start = pos
            switch bytes[pos] {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""): return JSONNode(kind: .string(try string()), offset: start)
            case UInt8(ascii: "t"): try literal("true"); return JSONNode(kind: .bool(true), offset: start)
            case UInt8(ascii: "f"): try literal("false"); return JSONNode(kind: .bool(false), offset: start)
            case UInt8(ascii: "n"): try literal("null"); return JSONNode(kind: .null, offset: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(kind: .number(try number()), offset: start)
            default: throw error("expected a JSON value")
            }
        }

        mutating func literal(_ word: String) throws(JSONReadError) {
            let w = Array(word.utf8)
            guard bytes.count - pos >= w.count, Array(bytes[pos..<pos + w.count]) == w else {
                throw error("expected a JSON value")
            }
            pos += w.count
        }

        mutating func enter() throws(JSONReadError) {
            depth += 1
            if depth > 256 { throw error("the JSON is nested more than 256 levels deep") }
        }

        mutating func object() throws(JSONReadError) -> JSONNode {
            let start = pos
            try enter()
            pos += 1
            var members: [(key: String, value: JSONNode)] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                depth -= 1
                return JSONNode(kind: .object(members), offset: start)
            }
            while true {
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
                let key = try string()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected \":\" after the key") }
                pos += 1
                skipSpace()
                members.append((key, try value()))
                skipSpace()
                guard pos < bytes.count else { throw error("the JSON ends inside an object") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                guard bytes[pos] == UInt8(ascii: "}") else { throw error("expected \",\" or \"}\"") }
                pos += 1
                depth -= 1
                return JSONNode(kind: .object(members), offset: start)
            }
        }

        mutating func array() throws(JSONReadError) -> JSONNode {
            let start = pos
            try enter()
            pos += 1
            var elements: [JSONNode] = []
            skipSpace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                depth -= 1
                return JSONNode(kind: .array(elements), offset: start)
            }
            while true {
                skipSpace()
                elements.append(try value())
                skipSpace()
                guard pos < bytes.count else { throw error("the JSON ends inside a list") }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    continue
                }
                guard bytes[pos] == UInt8(ascii: "]") else { throw error("expected \",\" or \"]\"") }
                pos += 1
                depth -= 1
                return JSONNode(kind: .array(elements), offset: start)
            }
        }

        mutating func string() throws(JSONReadError) -> String {
            pos += 1  // the opening quote
            var out: [UInt8] = []
            while true {
                guard pos < bytes.count else { throw error("the JSON ends inside a string") }
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { throw error("a control character must be escaped inside a string") }
                if b != UInt8(ascii: "\\") {
                    out.append(b)
                    pos += 1
                    continue
                }
                let escape = pos
                pos += 1
                guard pos < bytes.count else { throw error("the JSON ends inside a string") }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(escapeAt: escape)
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A surrogate pair: the low half must follow as another \u escape.
                        guard bytes.count - pos >= 6, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
                        else { throw error("a \\u escape of a high surrogate must be followed by its low surrogate", at: escape) }
                        pos += 2
                        let low = try hex4(escapeAt: escape)
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error("a \\u escape of a high surrogate must be followed by its low surrogate", at: escape)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("\\u escape of a lone surrogate", at: escape) }
                    out.append(contentsOf: Array(String(u).utf8))
                default: throw error("unknown escape in a string", at: escape)
                }
            }
        }

        mutating func hex4(escapeAt escape: Int) throws(JSONReadError) -> UInt32 {
            guard bytes.count - pos >= 4 else { throw error("a \\u escape needs four hexadecimal digits", at: escape) }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[pos]
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: throw error("a \\u escape needs four hexadecimal digits", at: escape)
                }
                v = v * 16 + UInt32(d)
                pos += 1
            }
            return v
        }

        mutating func number() throws(JSONReadError) -> String {
            let start = pos
            func digits() -> Int {
                let s = pos
                while pos < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[pos]) { pos += 1 }
                return pos - s
            }
            if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            let intStart = pos
            let n = digits()
            guard n > 0 else { throw error("expected digits in the number", at: start) }
            if n > 1, bytes[intStart] == UInt8(ascii: "0") { throw error("a number must not start with 0", at: start) }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
                pos += 1
                guard digits() > 0 else { throw error("expected digits after the decimal point", at: start) }
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
                pos += 1
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
                guard digits() > 0 else { throw error("expected digits in the exponent", at: start) }
            }
            return String(decoding: bytes[start..<pos], as: UTF8.self)
        }
    }
}

/// Problems found reading a JSON file, each as `file:line:col: error: ...` with the line and a caret.
public struct JSONReadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A text with its line starts, to turn a byte offset into a line, a column (in characters, as
/// the caret is drawn) and the line itself.
struct SourceText: Sendable {
    let bytes: [UInt8]
    let lineStarts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    func diagnostic(path: String, offset: Int, _ message: String, hint: String) -> Diagnostic {
        // The last line start at or before the offset.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var end = start
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let line = String(decoding: bytes[start..<end], as: UTF8.self)
        let column = String(decoding: bytes[start..<min(max(offset, start), end)], as: UTF8.self).count + 1
        return Diagnostic(
            .error, SourceLocation(path: path, line: lo + 1, column: column), message, sourceLine: line, hint: hint)
    }
}
