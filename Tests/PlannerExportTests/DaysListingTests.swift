import Foundation
import PlannerCore
import PlannerExport
import PlannerTestSupport
import Testing

/// The `days` listings (contracts, see README): key and column order, escaping and quoting,
/// pinned by golden files. Fictional days with the awkward values real feeds carry.
@Suite struct DaysListingTests {
    static let days: [Occurrence] = {
        let d = { (m: Int, day: Int) in CivilDate(year: 2027, month: m, day: day) }
        return [
            Occurrence(
                uid: "ttt@example.org", title: "Time to Talk Day", start: .date(d(2, 4)), end: .date(d(2, 5)),
                timezone: nil, categories: ["Mental health", "Awareness day"], status: "CONFIRMED",
                source: SourceLocation(path: "cal.ics", line: 10)),
            Occurrence(
                uid: nil, title: "Heart \"Month\", talk\\walk", start: .date(d(2, 1)), end: .date(d(3, 1)),
                timezone: nil, categories: [], status: "TENTATIVE", source: SourceLocation(path: "feeds/other.ics", line: 3)),
            Occurrence(
                uid: "clinic@example.org", title: "Café clinic 💊\nsecond line",
                start: .dateTime(LocalDateTime(date: d(2, 9), hour: 9, minute: 30)),
                end: .dateTime(LocalDateTime(date: d(2, 9), hour: 11)), timezone: "Europe/London",
                categories: ["a;b"], status: nil, source: SourceLocation(path: "cal.ics", line: 22)),
        ].sorted(by: Occurrence.contractOrder)
    }()

    static var golden: URL { TestPaths.packageRoot.appendingPathComponent("Tests/PlannerExportTests/Fixtures/golden") }

    @Test func rawJSON() {
        assertGolden(DaysListing.json(Self.days), matches: Self.golden.appendingPathComponent("days-raw.json"))
        #expect(DaysListing.json([Occurrence]()) == "[]\n")
    }

    @Test func rawCSV() {
        assertGolden(DaysListing.csv(Self.days), matches: Self.golden.appendingPathComponent("days-raw.csv"))
    }

    @Test func cleanedJSONAndCSVAddTheirColumns() {
        let cleaned = CleanedView.build(Self.days) { _, _ in 0 }
        assertGolden(DaysListing.json(cleaned), matches: Self.golden.appendingPathComponent("days-clean.json"))
        assertGolden(DaysListing.csv(cleaned), matches: Self.golden.appendingPathComponent("days-clean.csv"))
    }

    /// The JSON parses, and every row has the contract keys in order.
    @Test func rawJSONKeysInContractOrder() throws {
        let node = try JSONReader.parse(DaysListing.json(Self.days), path: "days.json")
        guard case .array(let rows) = node.kind else {
            Issue.record("not a list")
            return
        }
        #expect(rows.count == 3)
        for row in rows {
            guard case .object(let members) = row.kind else {
                Issue.record("row is not an object")
                continue
            }
            #expect(
                members.map(\.key) == ["uid", "title", "start", "end", "allDay", "timezone", "categories", "status", "source"])
        }
    }
}
