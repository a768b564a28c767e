import Foundation
import ICalKit
import PlannerCore
import PlannerTestSupport
import Testing

/// Every invalid fixture: the exact diagnostics, and the good events still read.
@Suite struct CalendarReaderErrorTests {
    let q1 = Fixture.window("2026-01-01", "2026-04-01")

    func check(
        _ name: String, _ expected: String, occurrences: [String], reversible: Bool = true,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let r = try Fixture.read("invalid/" + name, q1)
        #expect(renderDiagnostics(r) == expected, sourceLocation: sourceLocation)
        #expect(render(r) == occurrences, sourceLocation: sourceLocation)
        #expect(r.hasErrors, sourceLocation: sourceLocation)
        // The same problems are found whatever order the components come in.
        guard reversible else { return }
        let rr = CalendarReader.read(bytes: ComponentOrder.reversed(try Fixture.bytes("invalid/" + name)), path: name, options: q1)
        #expect(diagnosticsWithoutLines(rr) == diagnosticsWithoutLines(r), sourceLocation: sourceLocation)
        #expect(render(rr, lines: false) == render(r, lines: false), sourceLocation: sourceLocation)
    }

    @Test func missingEndVEvent() throws {
        try check(
            "missing-end-vevent.ics",
            """
            missing-end-vevent.ics:4: error: BEGIN:VEVENT has no END:VEVENT before the BEGIN:VEVENT at line 8
            BEGIN:VEVENT
            hint: add END:VEVENT where the VEVENT ends
            """, occurrences: ["2026-02-06 2026-02-07 fine@test - @8 Read anyway"])
        #expect(try Fixture.read("invalid/missing-end-vevent.ics", q1).eventCount == 2)
    }

    @Test func badDateValues() throws {
        try check(
            "bad-dtstart-value.ics",
            """
            bad-dtstart-value.ics:6:26: error: DTSTART value "20260230" is not a valid date: February 2026 has 28 days
            DTSTART;VALUE=DATE:20260230
                                     ^
            hint: write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205
            bad-dtstart-value.ics:11:9: error: DTSTART value "2026XX01" is not a valid DATE-TIME
            DTSTART:2026XX01
                    ^
            hint: write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205
            bad-dtstart-value.ics:16:18: error: DTSTART value "20260301T250000Z" is not a valid date: there is no hour 25
            DTSTART:20260301T250000Z
                             ^
            hint: write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205
            """, occurrences: ["2026-03-02 2026-03-03 good@test - @19 Still read"])
    }

    @Test func garbageLine() throws {
        try check(
            "garbage-line.ics",
            """
            garbage-line.ics:7: error: not a content line (no ':' between a name and a value)
            this line is not a property
            hint: each line must read NAME:VALUE; a continuation line must start with a space
            """, occurrences: ["2026-02-06 2026-02-07 good@test - @10 Still read"])
    }

    @Test func aLoneLineIsNotJoinedWhenTheJoinedPropertyDoesNotParse() throws {
        // After DTSTART the joined value "20260205l Latham..." is no date: the line stays an error.
        try check(
            "continuation-that-does-not-join.ics",
            """
            continuation-that-does-not-join.ics:7:1: error: invalid property name "l Latham"
            l Latham;CUTYPE=INDIVIDUAL:mailto:daniel.latham@example.org
            ^
            hint: property names use only letters, digits and '-'
            """, occurrences: ["2026-02-06 2026-02-07 good@test - @10 Still read"])
    }

    @Test func binaryFile() throws {
        try check(
            "binary.ics",
            """
            binary.ics:1: error: not an iCalendar file: the first line holds invalid UTF-8 (byte 0x89)
            hint: pass a text .ics file that starts with BEGIN:VCALENDAR
            """, occurrences: [])
    }

    @Test func emptyFile() throws {
        try check(
            "empty.ics",
            """
            empty.ics: error: the file is empty
            hint: an iCalendar file starts with BEGIN:VCALENDAR and ends with END:VCALENDAR
            """, occurrences: [])
    }

    @Test func truncatedFile() throws {
        try check(
            "truncated.ics",
            """
            truncated.ics:1: error: BEGIN:VCALENDAR has no END:VCALENDAR: the file ends first
            BEGIN:VCALENDAR
            hint: the file looks truncated; add END:VCALENDAR or download it again
            truncated.ics:8: error: BEGIN:VEVENT has no END:VEVENT: the file ends first
            BEGIN:VEVENT
            hint: the file looks truncated; add END:VEVENT or download it again
            """, occurrences: ["2026-02-05 2026-02-06 good@test - @3 Complete"])
    }

    @Test func rulesLibicalRejects() throws {
        try check(
            "bad-rrule.ics",
            """
            bad-rrule.ics:7:7: error: RRULE value "FREQ=FORTNIGHTLY;COUNT=3" is not a valid RECUR
            RRULE:FREQ=FORTNIGHTLY;COUNT=3
                  ^
            hint: an RRULE reads FREQ=...;BY...=..., e.g. FREQ=YEARLY;BYMONTH=2;BYDAY=1TH (RFC 5545 §3.3.10)
            bad-rrule.ics:13: error: RRULE produces no dates (libical rejects it)
            RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30
            hint: check FREQ and the BY* parts; e.g. February has no 30th
            """,
            occurrences: [
                "2026-01-05 2026-01-06 good@test - @16 Still read",
                "2026-01-12 2026-01-13 good@test - @16 Still read",
            ])
    }

    @Test func invalidUTF8() throws {
        try check(
            "invalid-utf8.ics",
            """
            invalid-utf8.ics:6:12: error: invalid UTF-8 (byte 0xE9)
            SUMMARY:Caf
                       ^
            hint: save the calendar as UTF-8
            """, occurrences: ["2026-02-06 2026-02-07 good@test - @8 Café day"])
    }

    @Test func structureAndLibicalErrors() throws {
        try check(
            "structure-mismatch.ics",
            """
            structure-mismatch.ics:3: error: END:VEVENT without a matching BEGIN:VEVENT
            END:VEVENT
            hint: delete the line or add the missing BEGIN:VEVENT
            structure-mismatch.ics:4: error: VEVENT has no DTSTART
            BEGIN:VEVENT
            hint: add DTSTART;VALUE=DATE:YYYYMMDD for an all-day event (or a date-time for a timed one)
            structure-mismatch.ics:11: error: BEGIN:VALARM has no END:VALARM before the END:VEVENT at line 13
            BEGIN:VALARM
            hint: add END:VALARM where the VALARM ends
            structure-mismatch.ics:16:8: error: cannot read the parameter "TZID"
            DTSTART;TZID:20260205T090000
                   ^
            hint: write parameters as ;NAME=VALUE, e.g. DTSTART;TZID=Europe/London:20260205T090000
            structure-mismatch.ics:22:10: error: DURATION value "P1X" is not a valid DURATION
            DURATION:P1X
                     ^
            hint: write a duration such as P1D, P1W or PT1H30M
            """, occurrences: [],
            // Reversing components needs intact BEGIN/END nesting, which this file lacks on purpose.
            reversible: false)
    }

    @Test func otherFaults() throws {
        let cases: [(String, String)] = [
            (
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nstray text\r\n",
                """
                x.ics:3: error: not a content line (no ':' between a name and a value)
                stray text
                hint: each line must read NAME:VALUE; a continuation line must start with a space
                """
            ),
            (
                "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nX-AFTER:1\r\n",
                """
                x.ics:3: error: a property outside BEGIN:VCALENDAR ... END:VCALENDAR
                X-AFTER:1
                hint: move the line inside the calendar or delete it
                """
            ),
            (
                "Subject: hello\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                """
                x.ics:1: error: not an iCalendar file: the first line is not BEGIN:VCALENDAR
                Subject: hello
                hint: an iCalendar file starts with BEGIN:VCALENDAR
                """
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:n\r\nDTSTART;VALUE=DATE:20260105\r\nSUMMARY:a\u{0}b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                """
                x.ics:5:10: error: binary data (byte 0x0) in a text line
                SUMMARY:a
                         ^
                hint: remove the stray byte; .ics files are UTF-8 text
                """
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:n\r\nDTSTART;VALUE=DATE:20260105\r\nRDATE;VALUE=DATE:20260105,20261301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                """
                x.ics:5:31: error: RDATE value "20261301" is not a valid date: there is no month 13
                RDATE;VALUE=DATE:20260105,20261301
                                              ^
                hint: write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205
                """
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:n\r\nDTSTART;VALUE=DATE:20260105\r\nDTEND:\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                """
                x.ics:5:7: error: DTEND has no value
                DTEND:
                      ^
                hint: give DTEND a value or delete the line
                """
            ),
            (
                "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:n\r\nDTSTART;VALUE=DATE:20260105T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                """
                x.ics:4: error: DTSTART says VALUE=DATE but "20260105T090000" is a date-time
                DTSTART;VALUE=DATE:20260105T090000
                hint: for an all-day date write only YYYYMMDD; for a time drop ;VALUE=DATE
                """
            ),
        ]
        for (text, expected) in cases {
            let r = CalendarReader.read(text: text, path: "x.ics", options: q1)
            #expect(renderDiagnostics(r) == expected)
            #expect(r.occurrences.isEmpty)
        }
    }

    @Test func neverCrashesOrHangsOnOddBytes() {
        // A few hostile shapes; each must return (errors allowed) without a crash.
        var inputs: [[UInt8]] = [
            [], [0], [0xEF, 0xBB, 0xBF], Array("BEGIN:VCALENDAR".utf8), Array("\r\n\r\n\n".utf8),
            Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n".utf8) + [UInt8](repeating: 0x20, count: 10_000),
            Array("BEGIN:VCALENDAR\r\n BEGIN:VEVENT\r\n\tEND:VEVENT\r\nEND:VCALENDAR".utf8),
            Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8),
            Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"a:b\":20260101T000000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8),
            Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=DAILY;COUNT=999999999\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8),
        ]
        var rng = SplitMix64(seed: 42)
        let base = Array((try? Fixture.bytes("valid/recurrence-id-moved.ics")) ?? [])
        for _ in 0..<40 {
            var b = base
            for _ in 0..<8 where !b.isEmpty { b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next()) }
            inputs.append(b)
        }
        var options = Fixture.window("2026-01-01", "2026-01-02")
        options.maxInstancesPerRule = 1000
        for i in inputs {
            let r = CalendarReader.read(bytes: i, path: "fuzz.ics", options: options)
            #expect(r.occurrences.count <= 1001 * max(1, r.eventCount))
        }
    }
}

