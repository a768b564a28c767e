import Foundation
import PlannerTestSupport
import Testing

/// The summary `planner plan` prints (issue 11): one screen a practice manager can act on.
@Suite struct SummaryTests {
    static let profiles = ["coastal-older", "urban-young"]
    static let quarters = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]

    static func summary(_ profile: String, _ quarter: String, extra: [String] = []) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("summary-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runPlanner(
            ["plan", "--profile", "Profiles/\(profile).yaml", "--quarter", quarter, "--out", dir.path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.replacingOccurrences(of: dir.path, with: "OUT")
    }

    /// Both sample profiles in every quarter of 2027: at most 40 lines of at most 100
    /// characters, weeks as dates, no "(s)" plurals and no warning codes.
    @Test(arguments: profiles) func everyQuarterFitsOneScreen(_ profile: String) throws {
        for quarter in Self.quarters {
            let text = try Self.summary(profile, quarter)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count <= 40, "\(profile) \(quarter): \(lines.count) lines\n\(text)")
            for line in lines { #expect(line.count <= 100, "\(profile) \(quarter): \(line.count) characters: \(line)") }
            // The hours and the count of further warnings are never cut short mid-word ("full: 27 Sep, 18...").
            for line in lines where line.hasPrefix("Staff hours: ") || line.hasPrefix("  (") {
                #expect(!line.hasSuffix("..."), "\(profile) \(quarter): \(line)")
            }
            #expect(text.hasPrefix("Quarter plan for "), "\(text)")
            #expect(text.contains("\nWeek by week"), "\(text)")
            #expect(text.contains("\nMoney: ") && text.contains("\nStaff hours: "), "\(text)")
            #expect(!text.contains("(s)"), "\(text)")
            #expect(text.range(of: #"\d{4}-W\d{2}"#, options: .regularExpression) == nil, "\(text)")
            for code in ["day-not-fitted", "channel-dropped", "reminder-dropped", "online-only", "tentative-date"] {
                #expect(!text.contains(code), "\(code) in \(text)")
            }
        }
    }

    /// `--verbose` keeps the long form: every warning, each week's hours by date.
    @Test func verboseListsEveryWarningWithoutCodesOrWeekNumbers() throws {
        let text = try Self.summary("coastal-older", "2027-Q4", extra: ["--verbose"])
        #expect(text.split(separator: "\n").count > 40)
        #expect(text.contains("\nStaff hours per week"))
        #expect(text.contains("week of 4 Oct 2027"))
        #expect(text.contains("Reminders left out ("), "\(text)")
        #expect(!text.contains("reminder-dropped"))
        #expect(!text.contains("(s)"))
        #expect(text.range(of: #"\d{4}-W\d{2}"#, options: .regularExpression) == nil)
    }

    @Test func urbanYoungFirstQuarterMatchesItsGolden() throws {
        let text = try Self.summary("urban-young", "2027-Q1")
        assertGolden(
            text,
            matches: TestPaths.packageRoot.appendingPathComponent("Tests/PlannerCLITests/Fixtures/summary/urban-young-2027-Q1.txt"))
    }
}
