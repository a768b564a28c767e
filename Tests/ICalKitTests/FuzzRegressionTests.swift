import ICalKit
import PlannerCore
import Testing

/// Inputs `make fuzz` found, kept as fixtures.
@Suite struct FuzzRegressionTests {
    let window = Fixture.window("2024-01-01", "2028-01-01")

    /// Every instance of a weekly rule from 1600 to 1999 lasts until 2026 or later, so all
    /// 20,871 of them overlap the window (the count and checksum python recurring-ical-events
    /// gives, py_expand.py); the cleaned view keeps them apart, as they come from one event.
    /// Before the fix the cleaned view compared every pair of them (a libFuzzer timeout).
    @Test func weeklyInstancesSpanningCenturiesAllOverlapTheWindow() throws {
        let r = try Fixture.read("valid/weekly-instances-spanning-centuries.ics", window)
        #expect(r.diagnostics.isEmpty)
        #expect(r.summaryLine == "events=1 occurrences=20871 checksum=958f4031f36b50a1")
        #expect(r.occurrences.first.map { "\($0.start.iso) \($0.end.iso)" } == "1600-01-05T18:00:00 2026-01-07T19:00:00")
        #expect(r.occurrences.last.map { "\($0.start.iso) \($0.end.iso)" } == "1999-12-29T18:00:00 2425-12-31T19:00:00")
        let cleaned = CleanedView.build(r.occurrences) { _, _ in 0 }
        #expect(cleaned.count == 20871)
        #expect(cleaned.allSatisfy { $0.sources.count == 1 && $0.mergedUids.isEmpty })
    }

    /// The input libFuzzer reported (garbled copies of the fixtures, one weekly rule from the
    /// year 26 to 1013 with a DTEND in 2026): errors are reported, the rest is read, and the
    /// cleaned view of its tens of thousands of long instances is built.
    @Test func fuzzTimeoutInputIsReadAndCleaned() throws {
        let r = try Fixture.read("invalid/fuzz-timeout-long-span-weekly-rule.ics", window)
        #expect(r.hasErrors)
        let long = r.occurrences.filter { $0.uid == "walk@test" && $0.start.civilDate.year < 2024 }
        #expect(long.count > 50_000)
        let cleaned = CleanedView.build(r.occurrences) { _, _ in 0 }
        #expect(cleaned.count <= r.occurrences.count)
        #expect(cleaned.filter { $0.uid == "walk@test" && $0.start.civilDate.year < 2024 }.count == long.count)
    }
}
