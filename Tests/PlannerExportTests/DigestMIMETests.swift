import Foundation
import PlannerCore
import Testing

@testable import PlannerExport

/// The MIME pieces of the weekly digest: RFC 2047 encoded words, folding, quoted-printable, weeks.
@Suite struct DigestMIMETests {
    /// Decodes quoted-printable (RFC 2045 §6.7) independently of the encoder.
    static func decodeQP(_ s: String) -> String {
        var bytes: [UInt8] = []
        let lines = s.components(separatedBy: "\r\n")
        for (n, line) in lines.enumerated() {
            var u = Array(line.utf8)
            var soft = false
            if u.last == UInt8(ascii: "=") {
                soft = true
                u.removeLast()
            }
            var i = 0
            while i < u.count {
                if u[i] == UInt8(ascii: "="), i + 2 < u.count + 0, let b = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(b)
                    i += 3
                } else {
                    bytes.append(u[i])
                    i += 1
                }
            }
            if !soft && n < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `=?utf-8?B?...?=` words separated by folding white space.
    static func decodeWords(_ s: String) -> String {
        let words = s.replacingOccurrences(of: "\r\n", with: "").split(separator: " ")
        var bytes: [UInt8] = []
        for w in words {
            guard w.hasPrefix("=?utf-8?B?"), w.hasSuffix("?=") else { return s }
            bytes += Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))!
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func quotedPrintableKeepsLinesShortAndDecodesBack() {
        let text = "Price: £5 = five pounds \nA line that ends in a tab\t\n.\n" + String(repeating: "Zoë's long line ", count: 20) + "\nend"
        let qp = MIME.quotedPrintable(text)
        #expect(qp.contains("=C2=A35 =3D five pounds=20\r\n"))
        #expect(qp.contains("tab=09\r\n"))
        #expect(qp.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(qp.utf8.allSatisfy { $0 < 0x80 })
        #expect(Self.decodeQP(qp) == text)
    }

    @Test func nonASCIIHeadersBecomeEncodedWordsThatDecodeBack() {
        let subject = "Week of 18 Jan: Zoë’s café – 3 items go out, 2 drafts to sign off and a long tail of words"
        let header = MIME.header("Subject", MIME.encodedWords(subject))
        let lines = header.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(header)")
        #expect(header.utf8.allSatisfy { $0 < 0x80 })
        #expect(header.hasPrefix("Subject:\r\n =?utf-8?B?"), "\(header)")
        // "\r\n" is one Character, so dropLast(1) drops the line end.
        let value = String(header.dropFirst("Subject:".count).dropLast(1)).trimmingCharacters(in: .whitespacesAndNewlines)
        for w in value.replacingOccurrences(of: "\r\n", with: "").split(separator: " ") { #expect(w.count <= 75) }
        #expect(Self.decodeWords(value) == subject)
        // Plain ASCII stays as it is.
        #expect(MIME.encodedWords("Week of 18 Jan: 3 items go out") == "Week of 18 Jan: 3 items go out")
    }

    @Test func mailboxesQuoteOrEncodeTheirNames() {
        #expect(MIME.mailbox(MailAddress(name: "Priya Shah", address: "p@example.org")) == "Priya Shah <p@example.org>")
        #expect(MIME.mailbox(MailAddress(name: "Shah, Priya", address: "p@example.org")) == "\"Shah, Priya\" <p@example.org>")
        let zoe = MIME.mailbox(MailAddress(name: "Dr Zoë Ní Bhriain", address: "z@example.org"))
        #expect(zoe.hasSuffix(" <z@example.org>") && zoe.hasPrefix("=?utf-8?B?"))
        #expect(Self.decodeWords(String(zoe.dropLast(" <z@example.org>".count))) == "Dr Zoë Ní Bhriain")
        #expect(MIME.mailbox(MailAddress(name: nil, address: "z@example.org")) == "z@example.org")
    }

    @Test func datesAndWeeks() {
        #expect(MIME.date(CivilDate(year: 2027, month: 1, day: 18), hour: 7, minute: 5, second: 9) == "Mon, 18 Jan 2027 07:05:09 +0000")
        #expect(Digest.monday(ofWeek: "2027-W03") == CivilDate(year: 2027, month: 1, day: 18))
        #expect(Digest.monday(ofWeek: "2026-W53") == CivilDate(year: 2026, month: 12, day: 28))
        #expect(Digest.monday(ofWeek: "2027-W01") == CivilDate(year: 2027, month: 1, day: 4))
        for bad in ["2027-W53", "2027-W00", "2027-3", "27-W03", "2027-W3"] { #expect(Digest.monday(ofWeek: bad) == nil, "\(bad)") }
    }

    /// A week that sends one wave of a waved item says which wave and how many people it goes
    /// to, not the item's whole audience as if all of it went out that day.
    @Test func aWaveWeekNamesItsWaveAndItsPeople() {
        let d = { (day: Int) in CivilDate(year: 2027, month: 10, day: day) }
        var item = PlanItem(
            id: "flu-2027-10-01-sms-1", campaign: "flu-2027-10-01", sourceUid: "flu@x", title: "Flu", groups: ["adults-65-plus"],
            services: ["flu-vaccination"], channel: .sms, date: d(1), time: nil, recipients: 2281, expectedReach: 2000,
            costPence: 10949, effortCentiHours: 50, prepTasks: [], why: [])
        item.waves = [
            PlanWave(date: d(1), recipients: 571), PlanWave(date: d(8), recipients: 570), PlanWave(date: d(15), recipients: 570),
            PlanWave(date: d(22), recipients: 570),
        ]
        let sendings = ExportContent.sendings(item)
        #expect(sendings.map(\.date) == [d(1), d(8), d(15), d(22)])
        #expect(DigestWeek.waveWords(item, sendings[1]) == "wave 2 of 4, 570 of ")
        #expect(DigestWeek.waveWords(item, sendings[0]) == "wave 1 of 4, 571 of ")
        // One date: no wave words.
        item.waves = nil
        #expect(DigestWeek.waveWords(item, ExportContent.sendings(item)[0]) == "")
    }
}
