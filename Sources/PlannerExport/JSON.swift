import PlannerCore

/// A JSON value whose objects keep their keys in the order they were built. Every JSON file and
/// listing the planner writes (plan.json, `days` and `match` JSON) is built as one of these and
/// written by `JSONWriter`, so the bytes depend only on the value: never on a dictionary's
/// hash order, the locale or how a floating-point number prints.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Already formatted: an integer or fixed decimals (see `JSONWriter.number`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// An integer.
    public static func int(_ n: Int) -> JSONValue { .number(String(n)) }

    /// A string, or null when absent.
    public static func nullable(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// An array of strings.
    public static func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
}

/// One key and its value in a `JSONValue.object`.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// Writes `JSONValue`s in the project's three layouts: indented (plan.json), inline (one value on
/// one line, `{"a": 1, "b": [2, 3]}`) and listing (an array with one inline value per line, as the
/// `days` and `match` commands print). Keys are written in the value's order.
public enum JSONWriter {
    /// Two spaces per level, one member or element per line, no final newline.
    public static func indented(_ value: JSONValue) -> String {
        var out = Bytes()
        writeIndented(value, level: 0, into: &out)
        return out.string
    }

    /// On one line, ", " between members and elements and ": " after keys.
    public static func inline(_ value: JSONValue) -> String {
        var out = Bytes()
        writeInline(value, into: &out)
        return out.string
    }

    /// "[\n  row,\n  row\n]\n" with each row inline; "[]\n" when there are none.
    public static func listing(_ rows: [JSONValue]) -> String {
        if rows.isEmpty { return "[]\n" }
        var out = Bytes()
        out += "[\n"
        for (i, row) in rows.enumerated() {
            out += "  "
            writeInline(row, into: &out)
            out += i == rows.count - 1 ? "\n" : ",\n"
        }
        out += "]\n"
        return out.string
    }

    /// The text being written, as UTF-8 bytes (appending to a byte array is cheaper than to a String).
    struct Bytes {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(4096) }

        static func += (out: inout Bytes, s: String) {
            var s = s
            s.withUTF8 { out.bytes.append(contentsOf: $0) }
        }

        mutating func indent(_ level: Int) {
            for _ in 0..<level { bytes.append(0x20); bytes.append(0x20) }
        }

        /// The bytes are valid UTF-8: they are whole strings' bytes.
        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A JSON number with at most `places` decimals and no trailing zeros: 0.5 -> "0.5",
    /// 0.94321 -> "0.943", 1 -> "1".
    public static func number(_ x: Double, places: Int = 3) -> String {
        Format.decimal(x, places: places, trimmingZeros: true)
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped (and
    /// U+2028, U+2029, which some JavaScript readers take for line ends), everything else
    /// written as UTF-8.
    public static func quoted(_ s: String) -> String {
        // Fast path (most strings): nothing to escape. 0xE2 leads U+2028 and U+2029 in UTF-8.
        if !needsEscaping(s) { return "\"" + s + "\"" }
        // Byte by byte: the input is valid UTF-8, so E2 80 A8 and E2 80 A9 are exactly U+2028
        // and U+2029, and every other byte is copied.
        let bytes = Array(s.utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                out += Array("\\u202".utf8)
                out.append(bytes[i + 2] == 0xA8 ? 0x38 : 0x39)
                i += 2
            default:
                if b < 0x20 || b == 0x7F {
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                } else {
                    out.append(b)
                }
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    static func needsEscaping(_ s: String) -> Bool {
        s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 })
    }

    /// Appends `quoted(s)` to `out` (without building the quoted string when nothing is escaped).
    static func appendQuoted(_ s: String, to out: inout Bytes) {
        // One pass over the string's own bytes when it is stored contiguously (native strings
        // are): copied as they are when no byte needs escaping, as `needsEscaping` decides.
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { b in
            for x in b where x < 0x20 || x == 0x22 || x == 0x5C || x == 0x7F || x == 0xE2 { return false }
            out.bytes.append(0x22)
            out.bytes.append(contentsOf: b)
            out.bytes.append(0x22)
            return true
        }
        if done == true { return }
        if needsEscaping(s) {
            out += quoted(s)
        } else {
            out.bytes.append(0x22)
            out += s
            out.bytes.append(0x22)
        }
    }

    static func writeScalar(_ value: JSONValue, into out: inout Bytes) -> Bool {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): appendQuoted(s, to: &out)
        case .array, .object: return false
        }
        return true
    }

    static func writeInline(_ value: JSONValue, into out: inout Bytes) {
        if writeScalar(value, into: &out) { return }
        switch value {
        case .array(let elements):
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += ", " }
                writeInline(e, into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += ", " }
                appendQuoted(m.key, to: &out)
                out += ": "
                writeInline(m.value, into: &out)
            }
            out += "}"
        default: break
        }
    }

    static func writeIndented(_ value: JSONValue, level: Int, into out: inout Bytes) {
        if writeScalar(value, into: &out) { return }
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, e) in elements.enumerated() {
                out.indent(level + 1)
                writeIndented(e, level: level + 1, into: &out)
                out += i + 1 < elements.count ? ",\n" : "\n"
            }
            out.indent(level)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, m) in members.enumerated() {
                out.indent(level + 1)
                appendQuoted(m.key, to: &out)
                out += ": "
                writeIndented(m.value, level: level + 1, into: &out)
                out += i + 1 < members.count ? ",\n" : "\n"
            }
            out.indent(level)
            out += "}"
        default: break
        }
    }
}
