@testable import PlannerExport
import Testing

/// RFC 4180 fields and records.
@Suite struct CSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        // "\r\n" is one Character in Swift, equal to neither "\r" nor "\n": it must still be quoted.
        ("two\r\nlines", "\"two\r\nlines\""),
        ("Men’s Health Week; é 💊", "Men’s Health Week; é 💊"),
    ])
    func field(_ raw: String, _ written: String) {
        #expect(CSV.field(raw) == written)
    }

    @Test func recordsEndInCRLF() {
        #expect(CSV.record(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
        #expect(
            CSV.document(header: ["id", "note"], rows: [["1", "x\r\ny"], ["2", "ok"]])
                == "id,note\r\n1,\"x\r\ny\"\r\n2,ok\r\n")
        #expect(CSV.document(header: ["id"], rows: []) == "id\r\n")
    }

    /// A cell with a CRLF stays inside one record: splitting the bytes on unquoted CRLF gives
    /// the header and exactly one row.
    @Test func aCRLFInsideACellDoesNotSplitTheRecord() {
        let text = CSV.document(header: ["uid", "title"], rows: [["a@example.org", "First\r\nSecond"]])
        var records: [String] = []
        var current = "", quoted = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                records.append(current)
                current = ""
                i += 2
                continue
            }
            current.unicodeScalars.append(Unicode.Scalar(b))
            i += 1
        }
        #expect(records.count == 2)
        #expect(current.isEmpty)
    }

    /// The one-buffer `record` and `document` write what the plain code (each field quoted as a
    /// string, then joined) writes, on fields of every kind: empty, ASCII, quotes, commas, CR,
    /// LF, CRLF, non-ASCII and pseudo-random mixes of them.
    @Test func oneBufferRecordsAreThePlainRecords() {
        let pieces = ["", "a", ",", "\"", "\n", "\r", "\r\n", "é", "💊", "Men’s", " ", "x,y", "\"\"", "Ω\"", ";"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var rows: [[String]] = [[], [""], ["", ""]]
        for _ in 0..<400 {
            rows.append((0..<(next() % 9)).map { _ in (0..<(next() % 6)).map { _ in pieces[next() % pieces.count] }.joined() })
        }
        for row in rows { #expect(CSV.record(row) == CSV.plainRecord(row), "\(row)") }
        #expect(CSV.document(header: ["a", "b,c"], rows: rows) == CSV.plainDocument(header: ["a", "b,c"], rows: rows))
        #expect(CSV.document(header: [], rows: []) == CSV.plainDocument(header: [], rows: []))
    }
}
