import ICalKit
import Testing

@Suite struct LibICalTests {
    /// Without the tzdata package libical silently treats zoned times as floating
    /// (feasibility.md §5); this guards the install step.
    @Test func londonZoneKnowsSummerTime() {
        #expect(LibICal.hasZone("Europe/London"))
        #expect(LibICal.utcOffset(zone: "Europe/London", at: (2026, 1, 15, 12, 0)) == 0)
        #expect(LibICal.utcOffset(zone: "Europe/London", at: (2026, 7, 1, 12, 0)) == 3600)
        #expect(LibICal.utcOffset(zone: "No/Such_Zone", at: (2026, 7, 1, 12, 0)) == nil)
    }
}
