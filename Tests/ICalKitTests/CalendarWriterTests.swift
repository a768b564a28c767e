import Foundation
import ICalKit
import PlannerCore
import Testing

@Suite struct CalendarWriterTests {
    static let stamp = UTCStamp(date: CivilDate(year: 2026, month: 12, day: 1), hour: 9, minute: 30, second: 5)

    static func sample() -> CalendarDocument {
        CalendarDocument(
            prodid: "-//AwarenessPlanner//Tests//EN", method: "PUBLISH", name: "Tests, with a comma",
            events: [
                CalendarEvent(
                    uid: "a@test", sequence: 0, dtstamp: stamp,
                    timing: .allDay(start: CivilDate(year: 2027, month: 1, day: 4), end: CivilDate(year: 2027, month: 1, day: 5)),
                    summary: "SMS: Dry January, then; more \\ text",
                    description: "Line one, with a comma; and a semicolon\nLine two: Ysgol Gymraeg, café, ŵ, ✓",
                    categories: ["SMS", "smokers, heavy", "people 75+"], url: "https://www.nhs.uk/better-health/",
                    status: .confirmed),
                CalendarEvent(
                    uid: "b@test", sequence: 3, dtstamp: stamp,
                    timing: .londonTime(date: CivilDate(year: 2027, month: 6, day: 2), startMinutes: 600, endMinutes: 630),
                    summary: "Timed in summer", status: .confirmed),
                CalendarEvent(
                    uid: "d@test", sequence: 4, dtstamp: stamp,
                    timing: .allDay(start: CivilDate(year: 2027, month: 2, day: 1), end: CivilDate(year: 2027, month: 2, day: 2)),
                    summary: "Dropped", status: .cancelled),
            ],
            todos: [
                CalendarTodo(
                    uid: "c@test", sequence: 1, dtstamp: stamp, due: CivilDate(year: 2027, month: 1, day: 2),
                    summary: "Prep: clinical sign-off, Dry January", status: .needsAction)
            ])
    }

    @Test func writesCRLFAndTheExpectedProperties() {
        let text = CalendarWriter.write(Self.sample())
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Every LF is part of a CRLF.
        #expect(!text.utf8.enumerated().contains { i, b in b == 10 && (i == 0 || Array(text.utf8)[i - 1] != 13) })
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("METHOD:PUBLISH\r\n"))
        #expect(unfolded.contains("X-WR-CALNAME:Tests with a comma\r\n"))
        #expect(unfolded.contains("NAME:Tests\\, with a comma\r\n"))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20270104\r\n"))
        #expect(unfolded.contains("DTEND;VALUE=DATE:20270105\r\n"))
        #expect(unfolded.contains("DTSTAMP:20261201T093005Z\r\n"))
        #expect(unfolded.contains("DTSTART;TZID=Europe/London:20270602T100000\r\n"))
        #expect(unfolded.contains("DTEND;TZID=Europe/London:20270602T103000\r\n"))
        #expect(unfolded.contains("TZID:Europe/London\r\n"))
        #expect(!text.contains("freeassociation"))
        #expect(unfolded.contains("SUMMARY:SMS: Dry January\\, then\\; more \\\\ text\r\n"))
        #expect(unfolded.contains("DESCRIPTION:Line one\\, with a comma\\; and a semicolon\\nLine two: Ysgol Gymraeg\\, café\\, ŵ\\, ✓\r\n"))
        #expect(unfolded.contains("CATEGORIES:SMS,smokers heavy,people 75+\r\n"))
        #expect(unfolded.contains("STATUS:CANCELLED\r\n"))
        #expect(unfolded.contains("BEGIN:VTODO\r\n"))
        #expect(unfolded.contains("DUE;VALUE=DATE:20270102\r\n"))
        #expect(unfolded.contains("STATUS:NEEDS-ACTION\r\n"))
        #expect(unfolded.contains("SEQUENCE:3\r\n"))
        // Folding at 75 octets (RFC 5545 §3.1).
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
    }

    @Test func roundTripsThroughTheProjectReaderWithoutErrors() {
        let text = CalendarWriter.write(Self.sample())
        #expect(CalendarWriter.libicalErrorCount(text) == 0)
        let window = DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1))
        let result = CalendarReader.read(text: text, path: "written.ics", options: ReadOptions(window: window))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let byUID = Dictionary(uniqueKeysWithValues: result.occurrences.compactMap { o in o.uid.map { ($0, o) } })
        let a = byUID["a@test"]
        #expect(a?.title == "SMS: Dry January, then; more \\ text")
        #expect(a?.description == "Line one, with a comma; and a semicolon\nLine two: Ysgol Gymraeg, café, ŵ, ✓")
        #expect(a?.start == .date(CivilDate(year: 2027, month: 1, day: 4)))
        #expect(a?.end == .date(CivilDate(year: 2027, month: 1, day: 5)))
        #expect(a?.url == "https://www.nhs.uk/better-health/")
        #expect(a?.categories == ["SMS", "smokers heavy", "people 75+"])
        let b = byUID["b@test"]
        #expect(b?.timezone == "Europe/London")
        #expect(b?.start == .dateTime(LocalDateTime(date: CivilDate(year: 2027, month: 6, day: 2), hour: 10)))
    }

    /// libical 3.0.16 folds some lines between their CR and LF (a 73-octet UID after a fold at
    /// "UID:"); the writer repairs it, so no CR or LF is ever alone.
    @Test(arguments: 60...80) func noLineIsFoldedInsideItsLineEnding(_ length: Int) {
        let uid = String(repeating: "u", count: length - 12) + "@example.org"
        var doc = Self.sample()
        doc.events[0].uid = uid
        doc.events[0].summary = String(repeating: "s", count: length)
        let text = CalendarWriter.write(doc)
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() {
            if b == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10, "bare CR at \(i)") }
            if b == 10 { #expect(i > 0 && bytes[i - 1] == 13, "bare LF at \(i)") }
        }
        let window = DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1))
        let result = CalendarReader.read(text: text, path: "written.ics", options: ReadOptions(window: window))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.occurrences.contains { $0.uid == uid && $0.title == doc.events[0].summary })
    }

    @Test func sameValuesGiveTheSameBytes() {
        #expect(CalendarWriter.write(Self.sample()) == CalendarWriter.write(Self.sample()))
    }

    @Test func stampFromEpochSeconds() {
        #expect(UTCStamp(secondsSinceEpoch: 1_798_761_600).description == "20270101T000000Z")
        #expect(UTCStamp(secondsSinceEpoch: 1_798_761_600 + 3661).description == "20270101T010101Z")
    }

    /// A stamp's text (now padded by `zeroPadded`) is what the plain padding wrote: String(n)
    /// with zeros in front up to the width, for ordinary, wide and negative fields.
    @Test func stampTextIsThePlainPadding() {
        func p(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        func plain(_ t: UTCStamp) -> String {
            "\(p(t.date.year, 4))\(p(t.date.month, 2))\(p(t.date.day, 2))T\(p(t.hour, 2))\(p(t.minute, 2))\(p(t.second, 2))Z"
        }
        for seconds in stride(from: 0, to: 4_000_000_000, by: 9_999_991) {
            let t = UTCStamp(secondsSinceEpoch: seconds)
            #expect(t.description == plain(t))
        }
        let odd = [
            UTCStamp(date: CivilDate(year: 12345, month: 1, day: 2), hour: 3, minute: 4, second: 5),
            UTCStamp(date: CivilDate(year: -7, month: -1, day: 0), hour: -3, minute: 100, second: 59),
            UTCStamp(date: CivilDate(year: 5, month: 10, day: 31), hour: 23, minute: 59, second: 60),
        ]
        for t in odd { #expect(t.description == plain(t)) }
        #expect(Self.stamp.description == "20261201T093005Z")
    }
}
