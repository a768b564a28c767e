import Foundation
import Testing

@testable import ICalKit
@testable import PlannerExport

/// The byte-level text helpers the exports use for speed give exactly what the Character- and
/// Foundation-based code they replaced gave, on ordinary and awkward inputs.
@Suite struct ByteLevelTextTests {
    static let samples = [
        "", "plain", "a|b*c_d`e<f>g[h]i\\j", "line\nnext\r\nthird\rfourth", "£12 – “quoted” café", "*\u{301}x",
        "x\u{301}*", "e\u{301}|", "\r\n\r\n", "<br>", "a<br>b<br>", "<br><br>c", "a<b>r<br", "2 day(s) and 1 batch(es)",
        "(s", "s)", "(es", "day(s)", "batch(es)", "x\r\r\n \ny", "\r\r\n \n\r\r\n \n", "a,b", "say \"hi\"", "😀|😀",
        "\u{600}*", "no\ttabs",
    ]

    /// `PlanMarkdown.escape` as it was, on Characters.
    static func escapeByCharacters(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]": out.append("\\"); out.append(ch)
            case "\n", "\r\n", "\r": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    @Test(arguments: samples) func markdownEscapeIsTheCharacterEscape(_ s: String) {
        #expect(PlanMarkdown.escape(s) == Self.escapeByCharacters(s))
        #expect(PlanMarkdown.splitAtBreaks(s) == s.components(separatedBy: "<br>"))
    }

    @Test(arguments: samples) func csvFieldsAndPluralsAndFolding(_ s: String) {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        let quoted = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(CSV.field(s) == (needsQuotes ? quoted : s))
        #expect(ExportContent.hasPluralMark(s) == (s.contains("(s)") || s.contains("(es)")))
        #expect(CalendarWriter.repairFolding(s) == s.replacingOccurrences(of: "\r\r\n \n", with: "\r\n"))
    }
}
