/// CSV as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field
/// quoted when it holds a comma, a double quote, CR or LF (its quotes doubled), UTF-8 without a
/// byte-order mark. Every CSV file and listing the planner writes goes through here.
public enum CSV {
    /// One field, quoted when needed. The test is on Unicode scalars, not Characters: in Swift
    /// "\r\n" is a single Character, equal to neither "\r" nor "\n", so a cell holding a CRLF
    /// would otherwise be written unquoted and split the record.
    public static func field(_ s: String) -> String {
        // On the UTF-8 bytes: the four are ASCII, and no byte of a multi-byte scalar is ASCII.
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// One record: the fields joined by commas, then CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A header record followed by the rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = record(header)
        for row in rows { out += record(row) }
        return out
    }
}
