import Foundation
import ICalKit
import PlannerCore
import PlannerIO
import Testing

/// The bundled calendars: read with no error and no warning over their whole span, the facts
/// the planner depends on hold, and the bank holidays warn past the years they cover.
@Suite struct BundledCalendarTests {
    static let span = DateWindow(from: CivilDate(year: 2025, month: 1, day: 1), to: CivilDate(year: 2030, month: 1, day: 1))

    @Test func awarenessCalendarReadsCleanly() throws {
        let r = AwarenessInput.read(calendars: [], window: Self.span, timeZone: "Europe/London")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.description))")
        let titles = Set(r.occurrences.map(\.title))
        #expect(titles.count >= 120)
        // Time to Talk Day 2026 is Thursday 5 February (first Thursday of February).
        let ttt = r.occurrences.filter { $0.title == "Time to Talk Day" }.map(\.start)
        #expect(ttt.contains(.date(CivilDate(year: 2026, month: 2, day: 5))))
        #expect(ttt.contains(.date(CivilDate(year: 2027, month: 2, day: 4))))
        // UIDs never carry a year for recurring days, and every occurrence is all-day.
        #expect(r.occurrences.allSatisfy { $0.allDay })
        let stoptober = r.occurrences.filter { $0.title == "Stoptober" }
        #expect(Set(stoptober.compactMap(\.uid)) == ["stoptober@awareness-planner.uk"])
        #expect(stoptober.count == 4)  // 2026-2029: the rule starts in 2026
    }

    /// Whole months cover their whole month every year: February ends on the 29th in 2028 (a
    /// RECURRENCE-ID override of the same UID), on the 28th in 2027 and 2029.
    @Test func februaryMonthsCoverTheLeapDay() throws {
        let r = AwarenessInput.read(calendars: [], window: Self.span, timeZone: "Europe/London")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.description))")
        for title in ["Heart Month", "Raynaud's Awareness Month"] {
            let spans = r.occurrences.filter { $0.title == title }.map { "\($0.start.civilDate.iso)..\($0.end.civilDate.iso)" }
            // The rule starts in 2026; ends are exclusive.
            #expect(
                spans == [
                    "2026-02-01..2026-03-01", "2027-02-01..2027-03-01", "2028-02-01..2028-03-01", "2029-02-01..2029-03-01",
                ], "\(title)")
            let uids = Set(r.occurrences.filter { $0.title == title }.compactMap(\.uid))
            #expect(uids.count == 1, "\(title): \(uids)")
        }
    }

    @Test(arguments: [Nation.england, .scotland, .northernIreland])
    func bankHolidaysReadCleanlyAndWarnPastTheirYears(_ nation: Nation) throws {
        let covered = AwarenessInput.bankHolidays(
            nation: nation, window: DateWindow(from: CivilDate(year: 2025, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1)))
        #expect(covered.diagnostics.isEmpty, "\(covered.diagnostics.map(\.description))")
        #expect(covered.days.allSatisfy { !$0.0.isWeekend })
        #expect(covered.days.count >= 24)
        let past = AwarenessInput.bankHolidays(
            nation: nation, window: DateWindow(from: CivilDate(year: 2027, month: 10, day: 1), to: CivilDate(year: 2028, month: 4, day: 1)))
        #expect(past.diagnostics.map(\.severity) == [.warning])
        #expect(past.diagnostics.first?.message.hasPrefix("no bank-holiday data for 2028 (the bundled feed covers 2025-2027)") == true)
    }

    @Test func englandAndWales2027MatchesGovUK() throws {
        let r = AwarenessInput.bankHolidays(
            nation: .england, window: DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1)))
        // domain_facts.md §2.2, from the GOV.UK JSON copy.
        #expect(r.days.map { $0.0.iso } == [
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        ])
    }
}
