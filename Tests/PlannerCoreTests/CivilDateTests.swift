import PlannerCore
import Testing

@Suite struct CivilDateTests {
    @Test func roundTripsThroughDayNumbers() {
        var d = CivilDate(year: 1899, month: 12, day: 25)
        for _ in 0..<100_000 {
            #expect(CivilDate(daysSinceEpoch: d.daysSinceEpoch) == d)
            d = d.adding(days: 3)
        }
    }

    @Test func knownWeekdaysAndWeeks() {
        #expect(CivilDate(year: 2026, month: 2, day: 5).isoWeekday == 4)  // Time to Talk Day 2026, a Thursday
        #expect(CivilDate(year: 1970, month: 1, day: 1).isoWeekday == 4)
        #expect(CivilDate(year: 2027, month: 1, day: 3).isoWeekLabel == "2026-W53")
        #expect(CivilDate(year: 2027, month: 1, day: 4).isoWeekLabel == "2027-W01")
        #expect(CivilDate(year: 2024, month: 12, day: 30).isoWeekLabel == "2025-W01")
    }

    @Test func parsesOnlyRealDates() {
        #expect(CivilDate(iso: "2027-02-28") == CivilDate(year: 2027, month: 2, day: 28))
        #expect(CivilDate(iso: "20280229") == CivilDate(year: 2028, month: 2, day: 29))
        #expect(CivilDate(iso: "2027-02-29") == nil)
        #expect(CivilDate(iso: "2027-13-01") == nil)
        #expect(CivilDate(iso: "2027-1-01") == nil)
    }

    @Test func nextQuarterStartsAfterToday() {
        #expect(DateWindow.nextQuarter(after: CivilDate(year: 2026, month: 12, day: 2))
            == DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2027, month: 4, day: 1)))
        #expect(DateWindow.nextQuarter(after: CivilDate(year: 2027, month: 1, day: 1)).from
            == CivilDate(year: 2027, month: 4, day: 1))
        #expect(DateWindow(quarter: "2027-q4")?.to == CivilDate(year: 2028, month: 1, day: 1))
    }

    @Test func windowRuleMatchesTheReaderContract() {
        let w = DateWindow(from: CivilDate(year: 2025, month: 1, day: 1), to: CivilDate(year: 2026, month: 1, day: 1))
        let d = { (y: Int, m: Int, dd: Int) in EventTime.date(CivilDate(year: y, month: m, day: dd)) }
        #expect(w.contains(start: d(2024, 12, 31), end: d(2025, 1, 1)) == false)  // ends exactly at from
        #expect(w.contains(start: d(2024, 12, 31), end: d(2025, 1, 2)))
        #expect(w.contains(start: d(2025, 12, 31), end: d(2026, 1, 1)))
        #expect(w.contains(start: d(2026, 1, 1), end: d(2026, 1, 2)) == false)
        #expect(w.contains(start: d(2025, 1, 1), end: d(2025, 1, 1)))  // zero length at from
    }
}

/// Quarterly amounts scaled to a window (issue 11, C).
@Suite struct WindowQuarterShareTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day) }

    @Test func anExactQuarterIsOneQuarter() {
        let q = DateWindow(quarter: "2027-Q4")!
        #expect(q.isCalendarQuarter)
        #expect(q.quarters == 1)
        #expect(q.scaledFromQuarterly(67_500) == 67_500)
    }

    @Test func aWindowAcrossTwoQuartersTakesEachQuartersDays() {
        // 15 Feb to 14 Apr 2027: 45 of Q1's 90 days and 14 of Q2's 91.
        let w = DateWindow(from: Self.d(2027, 2, 15), to: Self.d(2027, 4, 15))
        #expect(!w.isCalendarQuarter)
        #expect(w.quarterPieces.map(\.days) == [45, 14])
        #expect(w.scaledFromQuarterly(90_000) == 90_000 * 45 / 90 + 90_000 * 14 / 91)
        // A day short of a quarter is not a quarter.
        #expect(!DateWindow(from: Self.d(2027, 10, 1), to: Self.d(2027, 12, 31)).isCalendarQuarter)
    }
}
