import Foundation
import PlannerCore
import PlannerExport
import PlannerTestSupport
import Testing

/// The summaries of a many-practices run: summary.csv, the table and the progress lines.
@Suite struct PracticesSummaryTests {
    static let window = DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2027, month: 4, day: 1))

    /// Fictional practices: a planned one, one whose name needs quoting, one over budget (a
    /// negative amount left), and one that failed.
    static let rows = [
        PracticeOutcome(
            stem: "alpha", profilePath: "p/alpha.yaml", practice: "Alpha Surgery", odsCode: "Y00001",
            figures: PlanFigures(
                campaigns: 3, items: 7, reach: 1234, warnings: 2, smsCostPence: 12_345, smsBudgetPence: 20_000,
                letterCostPence: 0, letterBudgetPence: 5_000)),
        PracticeOutcome(
            stem: "beta", profilePath: "p/beta.yaml", practice: "Beta, \"Riverside\"\r\nBranch", odsCode: "Y00002",
            figures: PlanFigures(
                campaigns: 1, items: 2, reach: 10, warnings: 0, smsCostPence: -150, smsBudgetPence: 0,
                letterCostPence: 5, letterBudgetPence: 100)),
        PracticeOutcome(
            stem: "gamma", profilePath: "p/gamma.yaml", practice: "gamma", odsCode: "", report: "p/gamma.yaml:2:1: error: ...",
            failure: "1 error in the profile"),
    ]

    static var golden: URL { TestPaths.packageRoot.appendingPathComponent("Tests/PlannerExportTests/Fixtures/golden") }

    @Test func summaryCSVMatchesItsGoldenFile() {
        assertGolden(PracticesSummary.csv(Self.rows), matches: Self.golden.appendingPathComponent("practices-summary.csv"))
    }

    @Test func summaryCSVQuotesAndSignsCorrectly() {
        let csv = PracticesSummary.csv(Self.rows)
        // The CRLF inside the name stays inside one quoted field.
        #expect(csv.contains("beta,\"Beta, \"\"Riverside\"\"\r\nBranch\",Y00002,planned,1,2,10,-1.50,0.00,0.05,1.00,0\r\n"))
        #expect(csv.contains("gamma,gamma,,failed: 1 error in the profile,,,,,,,,\r\n"))
        #expect(csv.hasPrefix("profile,practice,odsCode,status,campaigns,items,expectedReach,smsSpend,smsBudget,"))
    }

    @Test func tableTotalsThePlannedPractices() {
        let table = PracticesSummary.table(Self.rows, window: Self.window, csvPath: "out/summary.csv")
        #expect(table.hasPrefix("Quarter plans for 2 of 3 practices: 2027-01-01 to 2027-03-31\nSummary written to out/summary.csv\n\n"))
        let total = table.split(separator: "\n").last.map(String.init) ?? ""
        #expect(total.hasPrefix("Total "))
        let cells = total.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(cells == ["Total", "4", "9", "1244", "£121.95 / £200.00", "£0.05 / £51.00", "2"])
        #expect(table.contains("gamma"))
        #expect(table.contains("not planned: 1 error in the profile"))
    }

    @Test func progressLines() {
        #expect(PracticesSummary.progressLine(Self.rows[0]) == "alpha: 3 campaigns, 7 items, 2 warnings")
        #expect(PracticesSummary.progressLine(Self.rows[2]) == "gamma: FAILED (1 error in the profile)")
    }
}
