import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// `X-GP-ELIGIBILITY` from the calendar through the reader and matching into the plan's
/// audience (docs/eligibility.md; issue 10): a day that states who it is for is sent to exactly
/// those people, and a faulty rule is reported at its column while the day is still planned.
@Suite struct EligibilityPlanningTests {
    static let calendar = """
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        PRODID:-//AwarenessPlanner tests//EN\r
        BEGIN:VEVENT\r
        UID:screening-thirties@example.org\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;VALUE=DATE:20270510\r
        DTEND;VALUE=DATE:20270517\r
        SUMMARY:Screening in your thirties week (fictional)\r
        X-GP-GROUPS:women-25-64\r
        X-GP-SERVICES:cervical-screening\r
        X-GP-ELIGIBILITY:sex=female age=30-39 exclude=screened-3y\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:broken-rule@example.org\r
        DTSTAMP:20260101T000000Z\r
        DTSTART;VALUE=DATE:20270614\r
        SUMMARY:Broken rule day (fictional)\r
        X-GP-GROUPS:women-25-64\r
        X-GP-SERVICES:cervical-screening\r
        X-GP-ELIGIBILITY:sex=female age=25-6x\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func statedEligibilityBecomesTheAudience() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eligibility-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ics = dir.appendingPathComponent("days.ics")
        try Data(Self.calendar.utf8).write(to: ics)
        let profile = TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml").path
        let outcome = PlanningRun(
            profilePath: profile, source: AwarenessSource(calendars: [ics.path]), window: DateWindow(quarter: "2027-Q2")!
        ).run()
        // The faulty value is reported where it is wrong: line 21, column 33 ("25-6x").
        let fault = try #require(outcome.calendarDiagnostics.first { $0.message.contains("25-6x") })
        #expect(fault.location.line == 21)
        #expect(fault.location.column == 33)
        let days = outcome.days
        #expect(days.first { $0.uid == "screening-thirties@example.org" }?.eligibility == "sex=female age=30-39 exclude=screened-3y")
        let plan = try #require(outcome.result).plan
        let texts = plan.items.filter { $0.title.hasPrefix("Screening in your thirties") && $0.channel.isDirect }
        #expect(!texts.isEmpty, "the stated day got no text or letter")
        for item in texts {
            let lines = try #require(item.audience)
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(line.sex == .female && line.ageFrom >= 30 && (line.ageTo ?? 200) <= 39, "\(line)")
                #expect(line.exclude == ["screened-3y"])
            }
            #expect(item.why.contains { $0.contains("female patients aged 30 to 39") })
        }
        // The day with the broken rule falls back to its groups' own ages (25 to 64).
        for item in plan.items where item.title.hasPrefix("Broken rule day") && item.channel.isDirect {
            #expect(item.audience?.allSatisfy { $0.ageFrom >= 25 && ($0.ageTo ?? 200) <= 64 } == true)
        }
    }
}
