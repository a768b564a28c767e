import Foundation
@testable import ICalKit
import PlannerCore
import Testing

/// The Swift calendar writer (`CalendarWriter.writeBytes`) against libical's (`libicalWrite`):
/// the same bytes for pseudo-random documents, with values that escape, fold at every length,
/// fold inside multi-byte characters and between a line's CR and LF; documents it leaves to
/// libical are only those with control characters, another METHOD or out-of-range numbers.
@Suite struct CalendarWriterBytesTests {
    /// A small deterministic generator (SplitMix64).
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func bool() -> Bool { next() & 1 == 1 }
    }

    static let pieces: [String] = [
        "a", "b", "Z", "0", "7", " ", " ", ",", ";", ":", "\\", "\"", "'", "-", "@", ".", "/", "+", "=", "?", "&",
        "é", "ŵ", "✓", "💊", "£", "\n", "\t", "\r", "x", "y", "http://", "Dry January", "café", "https://www.nhs.uk/",
    ]

    static func string(_ r: inout Mix, max: Int, controls: Bool) -> String {
        var s = ""
        // Long runs of one kind of character make folds fall back to UTF-8 boundaries.
        switch r.int(6) {
        case 0: s = String(repeating: "u", count: r.int(200))
        case 1: s = String(repeating: "é", count: r.int(120))
        case 2: s = String(repeating: "💊", count: r.int(60)) + String(repeating: "a", count: r.int(4))
        default:
            let n = r.int(max + 1)
            while s.unicodeScalars.count < n {
                let p = pieces[r.int(pieces.count)]
                if !controls && (p == "\t" || p == "\r") { continue }
                s += p
            }
        }
        return s
    }

    static func date(_ r: inout Mix) -> CivilDate {
        CivilDate(daysSinceEpoch: 19_000 + r.int(3_000))
    }

    static func document(_ r: inout Mix, controls: Bool) -> CalendarDocument {
        func str(_ max: Int) -> String { string(&r, max: max, controls: controls) }
        func opt(_ max: Int) -> String? { r.int(4) == 0 ? nil : str(max) }
        let stamp = UTCStamp(secondsSinceEpoch: 1_700_000_000 + r.int(100_000_000))
        var events: [CalendarEvent] = []
        for _ in 0..<r.int(6) {
            let d = date(&r)
            let timing: EventTiming =
                r.bool()
                ? .allDay(start: d, end: d.adding(days: 1 + r.int(3)))
                : .londonTime(date: d, startMinutes: r.int(1_440), endMinutes: r.int(1_500))
            let statuses: [CalendarEventStatus?] = [nil, .confirmed, .tentative, .cancelled]
            events.append(
                CalendarEvent(
                    uid: r.int(5) == 0 ? String(repeating: "u", count: 50 + r.int(30)) + "@example.org" : str(90),
                    sequence: r.int(5) == 0 ? r.int(100_000) : r.int(3), dtstamp: stamp, timing: timing, summary: str(120),
                    description: opt(400), categories: (0..<r.int(4)).map { _ in str(20) },
                    // A URL is written as it is: one with a line break is left to libical.
                    url: opt(120).map { controls ? $0 : $0.replacingOccurrences(of: "\n", with: "") },
                    status: statuses[r.int(statuses.count)]))
        }
        var todos: [CalendarTodo] = []
        for _ in 0..<r.int(5) {
            let statuses: [CalendarTodoStatus?] = [nil, .needsAction, .completed, .cancelled]
            todos.append(
                CalendarTodo(
                    uid: str(90), sequence: r.int(4), dtstamp: stamp, due: date(&r), summary: str(120), description: opt(300),
                    status: statuses[r.int(statuses.count)]))
        }
        return CalendarDocument(
            prodid: r.int(3) == 0 ? str(80) : "-//AwarenessPlanner//Exports 1.0//EN",
            method: r.int(5) == 0 ? nil : "PUBLISH", name: r.int(4) == 0 ? nil : str(110), events: events, todos: todos)
    }

    @Test func writesWhatLibicalWrites() {
        var r = Mix(state: 20)
        var fast = 0
        for k in 0..<600 {
            let controls = k % 4 == 3
            let doc = Self.document(&r, controls: controls)
            let plain = CalendarWriter.libicalWrite(doc)
            let bytes = CalendarWriter.writeBytes(doc)
            // Every document without a tab or CR (and METHOD PUBLISH or none) is written in Swift.
            if !controls { #expect(bytes != nil, "document \(k)") }
            if let bytes {
                fast += 1
                #expect(bytes == plain, "document \(k)")
                if bytes != plain { break }
            }
            #expect(CalendarWriter.write(doc) == plain)
        }
        #expect(fast >= 450)
    }

    /// Values of every length from 0 to 160 octets in each property, so that every fold
    /// position (and the fold between CR and LF) is met.
    @Test func everyLengthFoldsAsLibicalDoes() {
        let stamp = UTCStamp(secondsSinceEpoch: 1_796_083_200)
        for n in 0...160 {
            for filler in ["u", "a b", "é", "x;y", "💊z", ",", "\n"] {
                var s = ""
                while s.utf8.count < n { s += filler }
                let d = CivilDate(year: 2027, month: 1, day: 4)
                let doc = CalendarDocument(
                    prodid: s, method: "PUBLISH", name: s,
                    events: [
                        CalendarEvent(
                            uid: s, sequence: n, dtstamp: stamp, timing: .allDay(start: d, end: d.adding(days: 1)), summary: s,
                            description: s, categories: [s, "SMS"], url: s.replacingOccurrences(of: "\n", with: ""),
                            status: .confirmed)
                    ],
                    todos: [CalendarTodo(uid: s, sequence: 0, dtstamp: stamp, due: d, summary: s, description: s)])
                let bytes = CalendarWriter.writeBytes(doc)
                #expect(bytes != nil)
                #expect(bytes == CalendarWriter.libicalWrite(doc), "\(n) x \(filler.debugDescription)")
            }
        }
    }

    /// A category or name with nothing to clean is returned as it is; the rest are cleaned by
    /// the plain code: the same text for awkward spaces, combining marks after a space, and
    /// pseudo-random strings.
    @Test func cleanCategoryIsThePlainCleaning() {
        var samples = [
            "", " ", "  ", "a", "a b", "a  b", " a", "a ", "a,b", "a;b", "a\\b", "a\nb", "a\rb", "a \u{301}b", " \u{301}x",
            "x \u{301}", "\u{600} y", "x\u{600} y", "é ✓ 💊", "people 75+", "SMS", "a\r\nb", "\t", "a\tb",
        ]
        var r = Mix(state: 7)
        for _ in 0..<2_000 { samples.append(Self.string(&r, max: 12, controls: true)) }
        for s in samples {
            #expect(CalendarWriter.cleanCategory(s) == CalendarWriter.cleanCategoryPlain(s), "\(s.debugDescription)")
            let bridged = NSString(string: s) as String
            #expect(CalendarWriter.cleanCategory(bridged) == CalendarWriter.cleanCategoryPlain(s))
        }
    }

    @Test func leavesControlCharactersAndOtherMethodsToLibical() {
        var doc = CalendarWriterTests.sample()
        #expect(CalendarWriter.writeBytes(doc) == CalendarWriter.libicalWrite(doc))
        doc.events[0].summary += "\t"
        #expect(CalendarWriter.writeBytes(doc) == nil)
        #expect(CalendarWriter.write(doc) == CalendarWriter.libicalWrite(doc))
        doc = CalendarWriterTests.sample()
        doc.method = "REQUEST"
        #expect(CalendarWriter.writeBytes(doc) == nil)
        #expect(CalendarWriter.write(doc) == CalendarWriter.libicalWrite(doc))
    }
}
