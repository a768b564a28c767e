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
        var out: [UInt8] = []
        append(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A header record followed by the rows.
    public static func document(header: [String], rows: [[String]]) -> String {
        // Every record's bytes go into one buffer: building each field, each record and their
        // joins as separate strings was most of the CSV exports' time (four files a practice).
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        append(header, to: &out)
        for row in rows { append(row, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `record(fields)`'s bytes to `out`, quoting each field as `field` does.
    static func append(_ fields: [String], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(0x2C) }
            var f = f
            f.withUTF8 { bytes in
                // On the UTF-8 bytes, as in `field`: the four are ASCII, and no byte of a
                // multi-byte scalar is ASCII.
                guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
                    out.append(contentsOf: bytes)
                    return
                }
                out.append(0x22)
                for b in bytes {
                    out.append(b)
                    if b == 0x22 { out.append(0x22) }
                }
                out.append(0x22)
            }
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    /// `record` as the plain string code (the tests compare the two).
    static func plainRecord(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// `document` as the plain string code (the tests compare the two).
    static func plainDocument(header: [String], rows: [[String]]) -> String {
        var out = plainRecord(header)
        for row in rows { out += plainRecord(row) }
        return out
    }
}
