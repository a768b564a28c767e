import ICalKit
import PlannerCore
import Testing

/// Shapes seen in real exports that libical 3.0.16 flags but that do not touch the day:
/// properties RFC 5545 allows without defining them (iana-prop) and faults inside a VALARM.
@Suite struct ForeignShapesTests {
    @Test func unknownPropertiesAndAlarmFaultsKeepTheEvent() throws {
        try expectBothOrders(
            "valid/unknown-properties-and-alarm-faults.ics", Fixture.window("2026-01-01", "2026-04-01"),
            [
                "2026-02-11 2026-02-12 link@test - @4 Day with RFC 9253 and vendor properties",
                "2026-02-12 2026-02-13 alarm@test - @12 Day with a broken alarm",
            ],
            warnings: [
                """
                unknown-properties-and-alarm-faults.ics:9:1: warning: property "LINK" is not one the planner knows; ignored (further uses in this file are ignored silently)
                LINK;LINKREL=SOURCE;VALUE=URI:https://example.org/day
                ^
                """,
                """
                unknown-properties-and-alarm-faults.ics:10:1: warning: property "SUBCALENDAR-ID" is not one the planner knows; ignored (further uses in this file are ignored silently)
                SUBCALENDAR-ID:42
                ^
                """,
                """
                unknown-properties-and-alarm-faults.ics:21: warning: unknown VALUE type "TIME" for TRIGGER (in a VALARM; the VALARM is ignored, the event is read)
                TRIGGER;VALUE=TIME:230000
                hint: use VALUE=DATE for all-day dates or VALUE=DATE-TIME
                """,
            ])
    }
}

@Suite struct UntilBeforeStartTests {
    @Test func ruleEndingBeforeItsStartGivesNoDatesAndAWarning() {
        let text = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:u@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261005",
            "RRULE:FREQ=WEEKLY;UNTIL=20261001", "SUMMARY:Ends before it starts", "END:VEVENT",
            "BEGIN:VEVENT", "UID:v@test", "DTSTAMP:20260101T000000Z", "DTSTART;VALUE=DATE:20261005",
            "RRULE:FREQ=WEEKLY;UNTIL=20261012", "SUMMARY:Two weeks", "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        let r = CalendarReader.read(text: text, path: "until.ics", options: Fixture.window("2026-01-01", "2027-01-01"))
        #expect(render(r) == ["2026-10-05 2026-10-06 v@test - @11 Two weeks", "2026-10-12 2026-10-13 v@test - @11 Two weeks"])
        #expect(renderDiagnostics(r) == """
            until.ics:8: warning: RRULE ends (UNTIL) before DTSTART, so the event has no dates; it is left out
            RRULE:FREQ=WEEKLY;UNTIL=20261001
            hint: check the UNTIL date, or remove the RRULE if the event happens once
            """)
    }
}
