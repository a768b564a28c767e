/// Reading one content line as `NAME *(;PARAM=VALUE) : VALUE` on raw bytes (RFC 5545 §3.1).

struct PropertyLine {
    /// Upper-cased property name.
    var name: String
    /// Byte offset where the value starts (just after the separating colon).
    var valueStart: Int
    /// Byte range of the parameters (between the name and the colon), possibly empty.
    var paramsRange: Range<Int>

    /// Splits `b`; nil when there is no colon outside a quoted parameter value.
    init?(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = b.count
        while i < n, b[i] != Bytes.semicolon, b[i] != Bytes.colon { i += 1 }
        guard i < n else { return nil }
        let nameEnd = i
        var inQuote = false
        while i < n {
            let c = b[i]
            if c == Bytes.quote { inQuote.toggle() } else if c == Bytes.colon, !inQuote { break }
            i += 1
        }
        guard i < n else { return nil }
        self.name = Bytes.upperASCIIString(UnsafeBufferPointer(rebasing: b[0..<nameEnd]))
        self.paramsRange = nameEnd..<i
        self.valueStart = i + 1
    }

    /// The parameters as (upper-cased name, unquoted value) pairs in written order.
    /// A parameter with several comma-separated values keeps them joined.
    func parameters(_ b: UnsafeBufferPointer<UInt8>) -> [(name: String, value: String)] {
        guard !paramsRange.isEmpty else { return [] }
        var out: [(String, String)] = []
        var i = paramsRange.lowerBound
        let end = paramsRange.upperBound
        while i < end {
            guard b[i] == Bytes.semicolon else { break }
            i += 1
            let nameStart = i
            while i < end, b[i] != Bytes.equals, b[i] != Bytes.semicolon { i += 1 }
            let pname = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<i]), as: UTF8.self).uppercased()
            var value: [UInt8] = []
            if i < end, b[i] == Bytes.equals { (value, i) = Self.scanValue(b, from: i + 1, to: end, keep: true) }
            out.append((pname, String(decoding: value, as: UTF8.self)))
        }
        return out
    }

    /// The value of the first parameter named `wanted` (upper-case ASCII), as `parameters`
    /// gives it, found on the bytes without building the others.
    func parameter(_ wanted: StaticString, _ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard !paramsRange.isEmpty else { return nil }
        let w = UnsafeBufferPointer(start: wanted.utf8Start, count: wanted.utf8CodeUnitCount)
        var i = paramsRange.lowerBound
        let end = paramsRange.upperBound
        while i < end {
            guard b[i] == Bytes.semicolon else { return nil }
            i += 1
            let nameStart = i
            while i < end, b[i] != Bytes.equals, b[i] != Bytes.semicolon { i += 1 }
            var match = i - nameStart == w.count
            if match {
                for k in 0..<w.count {
                    var c = b[nameStart + k]
                    if c >= 0x61 && c <= 0x7A { c -= 0x20 }
                    if c != w[k] {
                        match = false
                        break
                    }
                }
            }
            var value: [UInt8] = []
            if i < end, b[i] == Bytes.equals { (value, i) = Self.scanValue(b, from: i + 1, to: end, keep: match) }
            if match { return String(decoding: value, as: UTF8.self) }
        }
        return nil
    }

    /// A parameter value from `start` (just after its '=') to the next unquoted ';' or `end`,
    /// quotes removed; the bytes are collected only when `keep`. Returns the index it stopped at.
    private static func scanValue(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, keep: Bool)
        -> (value: [UInt8], next: Int)
    {
        var value: [UInt8] = []
        var i = start
        var inQuote = false
        while i < end {
            let c = b[i]
            if c == Bytes.quote {
                inQuote.toggle()
            } else if c == Bytes.semicolon, !inQuote {
                break
            } else if keep {
                value.append(c)
            }
            i += 1
        }
        return (value, i)
    }

    func value(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[valueStart..<b.count]), as: UTF8.self)
    }

    /// The value as TEXT, unescaped (RFC 5545 §3.3.11), working on the bytes.
    func textValue(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let v = UnsafeBufferPointer(rebasing: b[valueStart..<b.count])
        guard v.contains(Bytes.backslash) else { return String(decoding: v, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = 0
        while i < v.count {
            let c = v[i]
            if c == Bytes.backslash, i + 1 < v.count {
                let n = v[i + 1]
                switch n {
                case 0x6E, 0x4E: out.append(0x0A)
                case Bytes.backslash, Bytes.semicolon, Bytes.comma: out.append(n)
                default:
                    out.append(c)
                    out.append(n)
                }
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// TEXT values (RFC 5545 §3.3.11).
enum ICalText {
    /// Unescapes `\\`, `\;`, `\,`, `\n` and `\N`; other backslashes are kept as written.
    static func unescape(_ s: Substring) -> String {
        guard s.utf8.contains(Bytes.backslash) else { return String(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var it = s.makeIterator()
        while let c = it.next() {
            if c == "\\", let n = it.next() {
                switch n {
                case "n", "N": out.append("\n")
                case "\\", ";", ",": out.append(n)
                default:
                    out.append(c)
                    out.append(n)
                }
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String { unescape(s[...]) }

    /// Splits a TEXT list on commas that are not escaped, then unescapes each part.
    static func splitList(_ s: String) -> [String] {
        var parts: [String] = []
        var current = Substring()
        var start = s.startIndex
        var i = s.startIndex
        var escaped = false
        while i < s.endIndex {
            let c = s[i]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "," {
                current = s[start..<i]
                parts.append(unescape(current))
                start = s.index(after: i)
            }
            i = s.index(after: i)
        }
        parts.append(unescape(s[start..<s.endIndex]))
        return parts
    }
}
