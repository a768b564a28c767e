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
