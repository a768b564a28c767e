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

    /// plan.md's message lines split on bytes are the Character split: with CRLFs, lone CRs,
    /// combining marks after a line feed, emoji and empty lines.
    @Test(arguments: samples + ["\n", "\n\n", "a\n\u{301}b", "a\n\n", "\nx", "💊\n😀\n", "é\r\nx\ny", "x\r", "\u{600}\nz"])
    func markdownLinesAreTheCharacterSplit(_ s: String) {
        #expect(PlanMarkdown.lines(s) == s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// A JSON string appended straight from the string's bytes is `quoted(s)`: for native
    /// strings, bridged (non-contiguous) ones, and every byte that needs escaping.
    @Test(arguments: samples + ["\u{2028}", "a\u{2029}b", "\u{7F}", "\u{1F}x", "\"", "\\", "\t", "\u{E2}", "✓"])
    func jsonAppendQuotedIsQuoted(_ s: String) {
        var out = JSONWriter.Bytes()
        JSONWriter.appendQuoted(s, to: &out)
        #expect(out.string == JSONWriter.quoted(s))
        var bridged = JSONWriter.Bytes()
        let ns = NSString(string: s + "é") as String
        JSONWriter.appendQuoted(ns, to: &bridged)
        #expect(bridged.string == JSONWriter.quoted(ns))
    }

    @Test(arguments: samples) func csvFieldsAndPluralsAndFolding(_ s: String) {
        let needsQuotes = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        let quoted = "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(CSV.field(s) == (needsQuotes ? quoted : s))
        #expect(ExportContent.hasPluralMark(s) == (s.contains("(s)") || s.contains("(es)")))
        #expect(CalendarWriter.repairFolding(s) == s.replacingOccurrences(of: "\r\r\n \n", with: "\r\n"))
    }

    /// The state file written straight into bytes is the state file the generic JSON writer
    /// writes: no entries, one, and many in shuffled order, with times present and absent,
    /// cancelled or not, and texts that need escaping.
    @Test func stateFileIsTheGenericJSONWriting() {
        #expect(ExportState().render() == ExportState().plainRender())
        var entries: [ExportState.Entry] = []
        for (k, s) in Self.samples.enumerated() {
            entries.append(
                ExportState.Entry(
                    uid: "uid-\((k * 7919) % 101)-\(s)", kind: k % 2 == 0 ? "event" : "todo", channel: "sms\(s)",
                    itemDate: "2027-01-\(k % 28 + 1)", hash: String(UInt64(k) &* 0x9E37_79B9_7F4A_7C15, radix: 16),
                    sequence: k * 3 - 1, stamp: "20270101T0900\(k % 10)0Z", start: "2027-02-0\(k % 9 + 1)", end: s,
                    startTime: k % 3 == 0 ? nil : "09:\(k % 6)0", endTime: k % 4 == 0 ? nil : s, summary: s,
                    cancelled: k % 5 == 0))
            let state = ExportState(entries: entries)
            #expect(state.render() == state.plainRender())
        }
        var shuffled = ExportState(entries: entries)
        shuffled.entries.reverse()
        #expect(shuffled.render() == shuffled.plainRender())
    }
}
