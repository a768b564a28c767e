import Foundation
import ICalKit
import PlannerCore
import Testing

/// Reads `relative` as written and with its components reversed; both must give the same
/// occurrences and diagnostics (line numbers aside, as reversal moves lines).
func expectBothOrders(
    _ relative: String, _ options: ReadOptions, _ expected: [String], warnings: [String] = [],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws {
    let r = try Fixture.read(relative, options)
    #expect(render(r) == expected, sourceLocation: sourceLocation)
    #expect(r.diagnostics.filter { $0.severity == .error }.isEmpty, sourceLocation: sourceLocation)
    #expect(r.diagnostics.map(\.description) == warnings, sourceLocation: sourceLocation)
    let reversed = ComponentOrder.reversed(try Fixture.bytes(relative))
    #expect(reversed.count == (try Fixture.bytes(relative)).count, sourceLocation: sourceLocation)
    let rr = CalendarReader.read(bytes: reversed, path: (relative as NSString).lastPathComponent, options: options)
    let withoutLines = expected.map { $0.replacingOccurrences(of: #" @\d+ "#, with: " ", options: .regularExpression) }
    #expect(render(rr, lines: false) == withoutLines, sourceLocation: sourceLocation)
    #expect(diagnosticsWithoutLines(rr) == diagnosticsWithoutLines(r), sourceLocation: sourceLocation)
    #expect(rr.eventCount == r.eventCount, sourceLocation: sourceLocation)
    // Counting only gives the same count and checksum as the full read.
    var lean = options
    lean.summaryOnly = true
    let s = CalendarReader.read(bytes: try Fixture.bytes(relative), path: "x.ics", options: lean)
    #expect(s.summaryLine == r.summaryLine, sourceLocation: sourceLocation)
    #expect(s.occurrenceCount == expected.count, sourceLocation: sourceLocation)
}

@Suite struct CalendarReaderFixtureTests {
    let q1 = Fixture.window("2026-01-01", "2026-04-01")

    @Test func allDayEndIsExclusiveAndWindowEdges() throws {
        try expectBothOrders(
            "valid/dtend-exclusive-all-day.ics", q1,
            [
                "2025-12-29 2026-01-03 overlaps-window-start@test - @22 Runs into the window",
                "2026-02-05 2026-02-06 one-day@test - @4 Time to Talk Day",
                "2026-02-09 2026-02-16 week@test - @10 Eating Disorders Awareness Week",
            ])
        #expect(try Fixture.read("valid/dtend-exclusive-all-day.ics", q1).eventCount == 5)
    }

    @Test func defaultLengthsAndNominalDuration() throws {
        try expectBothOrders(
            "valid/defaults-and-duration.ics", q1,
            [
                "2026-01-01T00:00:00 2026-01-01T00:00:00 zero-length-at-window-start@test - @14 Midnight marker",
                "2026-03-01 2026-03-02 date-no-end@test - @4 St David's Day",
                "2026-03-02T09:00:00 2026-03-02T09:00:00 time-no-end@test UTC @9 Zero length reminder",
                "2026-03-10T18:30:00 2026-03-10T20:00:00 duration-hours@test Europe/London @31 Evening talk",
                "2026-03-16 2026-03-23 duration-week@test - @25 Nutrition and Hydration Week",
                // P1D is nominal: the same wall-clock time the next day, across the clock change.
                "2026-03-28T12:00:00 2026-03-29T12:00:00 duration-day-across-dst@test Europe/London @19 Across the clock change",
            ])
    }

    @Test func rdatePeriodRdateDedupeAndExdate() throws {
        try expectBothOrders(
            "valid/rdate-period.ics", q1,
            [
                "2026-01-05T10:00:00 2026-01-05T12:00:00 clinic@test UTC @4 Drop-in clinic",
                "2026-01-12 2026-01-13 all-day-rdates@test - @14 Flu clinic day",
                "2026-01-20T14:00:00 2026-01-20T17:00:00 clinic@test UTC @4 Drop-in clinic",
                // 2 February is both an RRULE instance and an RDATE: listed once.
                "2026-02-02T10:00:00 2026-02-02T12:00:00 clinic@test UTC @4 Drop-in clinic",
                "2026-02-10T09:00:00 2026-02-10T09:30:00 clinic@test UTC @4 Drop-in clinic",
                "2026-02-25T10:00:00 2026-02-25T12:00:00 clinic@test UTC @4 Drop-in clinic",
                "2026-03-02T10:00:00 2026-03-02T12:00:00 clinic@test UTC @4 Drop-in clinic",
                "2026-03-09 2026-03-10 all-day-rdates@test - @14 Flu clinic day",
            ])
    }

    @Test func recurrenceIDMovesAndCancelsInstances() throws {
        // Weekly on Wednesdays 7 Jan - 4 Feb: 14 Jan moved to Friday 16 Jan (override written
        // before the master), 21 Jan cancelled (RECURRENCE-ID given in UTC), 28 Jan EXDATE,
        // 4 Feb moved out of the window.
        try expectBothOrders(
            "valid/recurrence-id-moved.ics", q1,
            [
                "2026-01-07T18:00:00 2026-01-07T19:00:00 walk@test Europe/London @11 Health walk",
                "2026-01-16T19:00:00 2026-01-16T20:00:00 walk@test Europe/London @4 Health walk (moved to Friday)",
            ])
        let r = try Fixture.read("valid/recurrence-id-moved.ics", Fixture.window("2026-03-01", "2026-05-01"))
        #expect(render(r) == ["2026-04-01T18:00:00 2026-04-01T19:00:00 walk@test Europe/London @26 Health walk (moved out of the window)"])
        #expect(r.eventCount == 4)
    }

    @Test func byteOrderMarkLineFeedsFoldingAndTextFields() throws {
        try expectBothOrders(
            "valid/bom-lf-only-folded.ics", q1,
            [
                "2026-02-04 2026-02-05 folded@test - @4 World Cancer Day, with a long title that is folded",
                "2026-02-10T09:30:00 2026-02-10T10:30:00 floating@test - @18 Floating time (X-WR-TIMEZONE ignored)",
            ])
        let o = try Fixture.read("valid/bom-lf-only-folded.ics", q1).occurrences[0]
        #expect(o.categories == ["Cancer", "Screening, early diagnosis", "Charity"])
        #expect(o.status == "TENTATIVE")
        #expect(o.description == "Line one\nLine two; more")
        #expect(o.url == "https://www.worldcancerday.org/")
        #expect(o.explicitGroups == ["adults-over-50", "smokers"])
        #expect(o.explicitServices == ["screening"])
        #expect(o.allDay)
        let floating = try Fixture.read("valid/bom-lf-only-folded.ics", q1).occurrences[1]
        #expect(floating.explicitGroups == nil)
        #expect(floating.categories == [])
    }

    @Test func zonesUtcOutlookAndLateVTimezone() throws {
        try expectBothOrders(
            "valid/timezones.ics", Fixture.window("2026-06-01", "2026-08-01"),
            [
                "2026-06-15T09:00:00 2026-06-15T10:00:00 outlook@test W. Europe Standard Time @4 Outlook zone",
                "2026-06-22T09:00:00 2026-06-22T10:00:00 outlook@test W. Europe Standard Time @4 Outlook zone",
                // DTEND 09:00Z is 10:00 in London in July.
                "2026-07-01T09:00:00 2026-07-01T10:00:00 utc-end-london-start@test Europe/London @11 End given in UTC",
                "2026-07-04T00:00:00 2026-07-05T00:00:00 new-york-midnight@test America/New_York @17 Independence Day (timed)",
                "2026-07-10T12:00:00 2026-07-10T13:00:00 custom-zone@test Custom Island Time @23 Zone defined after the event",
            ])
    }

    @Test func cancelledEventsAreLeftOut() throws {
        try expectBothOrders(
            "valid/cancelled-and-status.ics", q1, ["2026-03-11 2026-03-12 - - @17 No UID"])
        let r = try Fixture.read("valid/cancelled-and-status.ics", q1)
        #expect(r.occurrences[0].uid == nil)
        #expect(r.occurrences[0].status == "CONFIRMED")
        #expect(r.eventCount == 3)
    }

    @Test func unknownZoneIsAWarningAndReadInTheDefaultZone() throws {
        try expectBothOrders(
            "valid/unknown-tzid.ics", q1,
            ["2026-01-20T10:00:00 2026-01-20T11:00:00 mars@test Europe/London @4 Webinar in an unknown zone"],
            warnings: [
                """
                unknown-tzid.ics:6: warning: unknown time zone "Mars/Olympus_Mons": no VTIMEZONE in the file and not a system zone; read in Europe/London
                DTSTART;TZID=Mars/Olympus_Mons:20260120T100000
                hint: add a VTIMEZONE for "Mars/Olympus_Mons" or use an IANA name such as Europe/London
                """
            ])
        var options = q1
        options.defaultTimeZone = "Europe/Paris"
        let r = try Fixture.read("valid/unknown-tzid.ics", options)
        #expect(r.occurrences.map(\.timezone) == ["Europe/Paris"])
        #expect(r.diagnostics.first?.message.hasSuffix("read in Europe/Paris") == true)
        #expect(!r.hasErrors)
    }

    @Test func timeToTalkDay2026IsThursday5February() throws {
        try expectBothOrders(
            "valid/time-to-talk-day.ics", q1,
            ["2026-02-05 2026-02-06 time-to-talk-day@test - @4 Time to Talk Day"])
        #expect(CivilDate(year: 2026, month: 2, day: 5).isoWeekday == 4)
    }

    @Test func ruleShapesLibicalGetsWrongGiveWarnings() throws {
        try expectBothOrders(
            "valid/rrule-libical-bug-warning.ics", q1,
            [
                "2026-01-05 2026-01-06 setpos-weekly@test - @10 First weekday of the week",
                "2026-01-05 2026-01-06 weekno@test - @4 Monday of week 2",
                // RFC 5545 gives 12 January here; libical 3.0.16 gives 6 January: hence the warning.
                "2026-01-06 2026-01-07 setpos-weekly@test - @10 First weekday of the week",
            ],
            warnings: [
                """
                rrule-libical-bug-warning.ics:7: warning: libical 3.0.16 expands this RRULE incorrectly (BYWEEKNO); the dates may differ from RFC 5545
                RRULE:FREQ=YEARLY;BYWEEKNO=2;BYDAY=MO
                hint: check the dates by hand, or write the rule as a simpler RRULE or as RDATEs
                """,
                """
                rrule-libical-bug-warning.ics:13: warning: libical 3.0.16 expands this RRULE incorrectly (BYSETPOS with FREQ=WEEKLY); the dates may differ from RFC 5545
                RRULE:FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=1;COUNT=2
                hint: check the dates by hand, or write the rule as a simpler RRULE or as RDATEs
                """,
            ])
    }

    @Test func aContinuationThatLostItsSpaceIsJoinedWithAWarningNamingBothLines() throws {
        // Confluence exports drop the leading space: ORGANIZER;CN=Danie / l Latham;CUTYPE=... (issue 12).
        try expectBothOrders(
            "valid/continuation-lost-its-space.ics", q1,
            ["2026-02-05 2026-02-06 confluence@test - @4 Exported from Confluence"],
            warnings: [
                """
                continuation-lost-its-space.ics:9: warning: line 9 does not start with a space but continues the property on line 8; it was joined to it
                l Latham;CUTYPE=INDIVIDUAL:mailto:daniel.latham@example.org
                hint: a continuation line must start with a space (some exporters drop it); add one to keep the file valid
                """
            ])
    }

    @Test func foldersAreReadRecursivelyInPathOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reader-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("b"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = Data(try Fixture.bytes("valid/time-to-talk-day.ics"))
        try one.write(to: dir.appendingPathComponent("b/z.ics"))
        try one.write(to: dir.appendingPathComponent("a.ICS"))
        try Data("not a calendar".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let r = CalendarReader.read(paths: [dir.path], options: q1)
        #expect(r.eventCount == 2)
        #expect(r.occurrences.map { ($0.source.path as NSString).lastPathComponent } == ["a.ICS", "z.ics"])
        let missing = CalendarReader.read(paths: [dir.appendingPathComponent("nope.ics").path], options: q1)
        #expect(missing.hasErrors)
        #expect(missing.diagnostics.first?.message == "no such file or folder")
    }

    @Test func contractOrderMatchesCore() throws {
        // The reader sorts with precomputed keys; it must agree with Occurrence.contractOrder.
        let r = try Fixture.read("valid/defaults-and-duration.ics", Fixture.window("2025-01-01", "2027-01-01"))
        let t = try Fixture.read("valid/dtend-exclusive-all-day.ics", Fixture.window("2025-01-01", "2027-01-01"))
        let merged = CalendarReader.read(
            text: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20260301\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T000000\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20260301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            path: "x.ics", options: q1)
        for result in [r, t, merged] {
            #expect(result.occurrences == result.occurrences.sorted(by: Occurrence.contractOrder))
        }
        // A date sorts before a date-time on the same day ("2026-03-01" < "2026-03-01T00:00:00").
        #expect(merged.occurrences.map { $0.uid ?? "" } == ["b", "c", "a"])
    }
}

@Suite struct CalendarReaderBehaviourTests {
    static func calendar(_ events: [[String]]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0"] + events.flatMap { ["BEGIN:VEVENT"] + $0 + ["END:VEVENT"] }
            + ["END:VCALENDAR", ""]).joined(separator: "\r\n")
    }

    /// Reads `text`, and checks that the components in reverse order read the same.
    static func read(
        _ text: String, _ from: String, _ to: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> ReadResult {
        let r = CalendarReader.read(text: text, path: "t.ics", options: Fixture.window(from, to))
        let rr = CalendarReader.read(text: ComponentOrder.reversed(text), path: "t.ics", options: Fixture.window(from, to))
        #expect(render(rr, lines: false) == render(r, lines: false), sourceLocation: sourceLocation)
        #expect(diagnosticsWithoutLines(rr) == diagnosticsWithoutLines(r), sourceLocation: sourceLocation)
        return r
    }

    @Test func jumpingAheadKeepsAnInstanceThatStartedBeforeTheWindow() {
        // A yearly month-long event: the 2025 instance starts 1 December and runs into January.
        let text = Self.calendar([
            ["UID:december@test", "DTSTART;VALUE=DATE:20181201", "DTEND;VALUE=DATE:20190101", "RRULE:FREQ=YEARLY", "SUMMARY:December"],
            ["UID:week@test", "DTSTART;VALUE=DATE:20181228", "DURATION:P7D", "RRULE:FREQ=YEARLY", "SUMMARY:Week"],
        ])
        for t in [text, ComponentOrder.reversed(text)] {
            let r = Self.read(t, "2025-12-31", "2026-01-05")
            #expect(render(r, lines: false) == [
                "2025-12-01 2026-01-01 december@test - December",
                "2025-12-28 2026-01-04 week@test - Week",
            ])
        }
    }

    @Test func tooManyInstancesStopWithAWarning() {
        var options = Fixture.window("2026-01-01", "2026-01-02")
        options.maxInstancesPerRule = 50
        let text = Self.calendar([["UID:m@test", "DTSTART:20260101T000000", "RRULE:FREQ=MINUTELY", "SUMMARY:Every minute"]])
        let r = CalendarReader.read(text: text, path: "t.ics", options: options)
        #expect(r.occurrences.count == 50)
        #expect(renderDiagnostics(r) == """
            t.ics:6: warning: RRULE stopped after 50 instances before the window ends
            RRULE:FREQ=MINUTELY
            hint: the rule repeats too often for a planning calendar; later instances are left out
            """)
    }

    @Test func structuralFaultsAreFoundOutsideTheWindowToo() {
        // Our own checks run on every event; libical's X-LIC-ERRORs only on events that can
        // touch the window (an event that cannot is never handed to libical).
        let text = Self.calendar([
            ["UID:far@test", "DTSTART;VALUE=DATE:20300230", "SUMMARY:Bad date, far away"],
            ["UID:far2@test", "DTSTART;VALUE=DATE:20300301", "DTSTAMP:2030XX01", "SUMMARY:libical fault, far away"],
            ["UID:near@test", "DTSTART;VALUE=DATE:20260301", "DURATION:P1X", "SUMMARY:libical fault, in the window"],
        ])
        let r = Self.read(text, "2026-01-01", "2026-04-01")
        #expect(r.diagnostics.map { "\($0.location.line ?? 0) \($0.message)" } == [
            "5 DTSTART value \"20300230\" is not a valid date: February 2030 has 28 days",
            "17 DURATION value \"P1X\" is not a valid DURATION",
        ])
        #expect(r.eventCount == 3)
    }

    @Test func durationOfAllDayEventsAndNegativeLengths() {
        let text = Self.calendar([
            ["UID:same-day@test", "DTSTART;VALUE=DATE:20260105", "DTEND;VALUE=DATE:20260105", "SUMMARY:DTEND equals DTSTART"],
            [
                "UID:backwards@test", "DTSTART:20260106T100000Z", "DTEND:20260106T090000Z", "RRULE:FREQ=DAILY;COUNT=1",
                "SUMMARY:Ends before it starts",
            ],
        ])
        let r = Self.read(text, "2026-01-01", "2026-02-01")
        #expect(render(r, lines: false) == [
            "2026-01-05 2026-01-06 same-day@test - DTEND equals DTSTART",
            "2026-01-06T10:00:00 2026-01-06T10:00:00 backwards@test UTC Ends before it starts",
        ])
        #expect(r.diagnostics.map(\.message) == [
            "DTEND is not after DTSTART; read as a one-day event", "DTEND is before DTSTART; read as zero length",
        ])
        #expect(!r.hasErrors)
    }

    @Test func emptyTextValuesAreValid() {
        // RFC 5545 TEXT may be empty; Outlook writes LOCATION: and DESCRIPTION: (libical flags them).
        let text = Self.calendar([
            [
                "UID:e@test", "DTSTART;VALUE=DATE:20260105", "LOCATION:", "DESCRIPTION:", "X-ALT-DESC:", "SUMMARY:",
                "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:", "TRIGGER:-PT15M", "END:VALARM",
            ]
        ])
        let r = Self.read(text, "2026-01-01", "2026-02-01")
        #expect(r.diagnostics.isEmpty)
        #expect(r.occurrences.map(\.title) == [""])
        #expect(r.occurrences.first?.description == "")
    }

    @Test func sequenceDecidesBetweenCopiesOfOneUID() {
        let text = Self.calendar([
            ["UID:s@test", "SEQUENCE:1", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Old"],
            ["UID:s@test", "SEQUENCE:2", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;VALUE=DATE:20260112", "SUMMARY:New"],
            // An override of an instance the newest master excludes is dropped.
            ["UID:s@test", "SEQUENCE:2", "RECURRENCE-ID;VALUE=DATE:20260112", "DTSTART;VALUE=DATE:20260113", "SUMMARY:Moved"],
        ])
        for t in [text, ComponentOrder.reversed(text)] {
            let r = Self.read(t, "2026-01-01", "2026-02-01")
            #expect(render(r, lines: false) == [
                "2026-01-05 2026-01-06 s@test - New", "2026-01-19 2026-01-20 s@test - New",
            ])
            #expect(r.diagnostics.map(\.message) == [
                "another VEVENT with UID \"s@test\" (line 10, SEQUENCE 2) replaces this one (SEQUENCE 1)"
            ])
        }
    }

    @Test func untilInUTCIsComparedInAbsoluteTime() {
        // 09:00 London in summer is 08:00Z: UNTIL=...T080000Z includes the 27 April instance.
        let text = Self.calendar([
            [
                "UID:u@test", "DTSTART;TZID=Europe/London:20250423T090000", "RRULE:FREQ=DAILY;UNTIL=20250427T080000Z",
                "SUMMARY:Daily",
            ]
        ])
        let r = Self.read(text, "2025-04-01", "2025-05-01")
        #expect(r.occurrences.map(\.start.iso).last == "2025-04-27T09:00:00")
        #expect(r.occurrences.count == 5)
    }

    @Test func endBeforeStartIsSwapped() {
        let text = Self.calendar([["UID:w@test", "DTSTART:20190304T083000", "DTEND:20190304T080000", "SUMMARY:Swapped"]])
        let r = Self.read(text, "2019-03-01", "2019-04-01")
        #expect(render(r, lines: false) == ["2019-03-04T08:00:00 2019-03-04T08:30:00 w@test - Swapped"])
        #expect(r.diagnostics.map(\.message) == ["DTEND is before DTSTART; read with the two swapped"])
    }

    @Test func exdateInAnotherZoneAndDateOnlyExdate() {
        let text = Self.calendar([
            [
                "UID:x@test", "DTSTART;TZID=Europe/London:20260701T100000", "RRULE:FREQ=DAILY;COUNT=4",
                // 09:00Z is 10:00 in London in July; the DATE value removes 3 July whatever the time.
                "EXDATE:20260702T090000Z", "EXDATE;VALUE=DATE:20260703", "SUMMARY:Daily",
            ]
        ])
        let r = Self.read(text, "2026-06-01", "2026-08-01")
        #expect(r.occurrences.map(\.start.iso) == ["2026-07-01T10:00:00", "2026-07-04T10:00:00"])
    }
}

@Suite struct JumpAheadPhaseTests {
    /// Rules with INTERVAL keep their phase when the iterator jumps to the window
    /// (icalrecur_iterator_set_start). Expected dates counted from DTSTART by hand:
    /// 1997-09-02 + 14 n days reaches 2026-01-13 (n = 743); + 3 n days reaches 2026-01-03.
    @Test(arguments: [
        ("FREQ=WEEKLY;INTERVAL=2;WKST=SU", "2026-01-01", "2026-02-01", ["2026-01-13", "2026-01-27"]),
        ("FREQ=DAILY;INTERVAL=3", "2026-01-01", "2026-01-10", ["2026-01-03", "2026-01-06", "2026-01-09"]),
        // 1997-09 + 2 n months reaches January 2026 (340 months later).
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "2026-01-01", "2026-03-01", ["2026-01-06", "2026-01-13", "2026-01-20", "2026-01-27"]),
    ])
    func intervalPhase(rule: String, from: String, to: String, expected: [String]) {
        let text = CalendarReaderBehaviourTests.calendar([
            ["UID:p@test", "DTSTART;TZID=America/New_York:19970902T090000", "RRULE:\(rule)", "SUMMARY:p"]
        ])
        let r = CalendarReaderBehaviourTests.read(text, from, to)
        #expect(r.occurrences.map(\.start.iso) == expected.map { $0 + "T09:00:00" })
    }

    @Test func electionDayEveryFourYears() {
        let text = CalendarReaderBehaviourTests.calendar([
            [
                "UID:e@test", "DTSTART;TZID=America/New_York:19961105T090000",
                "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "SUMMARY:e",
            ]
        ])
        let r = CalendarReaderBehaviourTests.read(text, "2008-01-01", "2013-01-01")
        #expect(r.occurrences.map(\.start.iso) == ["2008-11-04T09:00:00", "2012-11-06T09:00:00"])
    }
}

@Suite struct PrefixedZoneTests {
    @Test func vendorPrefixedTZIDsResolveToTheirOlsonName() {
        let text = CalendarReaderBehaviourTests.calendar([
            [
                "UID:m@test", "DTSTART;TZID=/mozilla.org/20070129_1/America/New_York:20260301T230000",
                "DTEND:20260302T050000Z", "SUMMARY:m",
            ],
            [
                "UID:f@test", "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20260301T100000",
                "DTEND:20260301T100000Z", "SUMMARY:f",
            ],
        ])
        let r = CalendarReaderBehaviourTests.read(text, "2026-03-01", "2026-04-01")
        #expect(r.diagnostics.isEmpty)
        // 05:00Z is 00:00 in New York (EST) and 11:00 in Berlin (CET): the zones were found.
        #expect(render(r, lines: false) == [
            "2026-03-01T10:00:00 2026-03-01T11:00:00 f@test /freeassociation.sourceforge.net/Europe/Berlin f",
            "2026-03-01T23:00:00 2026-03-02T00:00:00 m@test /mozilla.org/20070129_1/America/New_York m",
        ])
    }
}
