/// CSV as RFC 4180 describes it: fields separated by commas, records ended by CRLF, a field
/// quoted when it holds a comma, a double quote, CR or LF (its quotes doubled), UTF-8 without a
/// byte-order mark. Every CSV file and listing the planner writes goes through here.
public enum CSV {
    /// One field, quoted when needed. The test is on Unicode scalars, not Characters: in Swift
    /// "\r\n" is a single Character, equal to neither "\r" nor "\n", so a cell holding a CRLF
    /// would otherwise be written unquoted and split the record.
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return s
        }
        var out = "\""
        for u in s.unicodeScalars {
            if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
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
