import Foundation
import PlannerTestSupport
import Testing

/// `planner match --format json` on the bundled programmes calendar gives every programme exactly
/// the groups and services its table row labels (tools/calendars/programmes.tsv).
@Suite struct ProgrammesMatchTests {
    /// slug -> (groups, services) from the generator's table.
    static func labels() throws -> [String: (groups: [String], services: [String])] {
        let tsv = TestPaths.packageRoot.appendingPathComponent("tools/calendars/programmes.tsv")
        var result: [String: (groups: [String], services: [String])] = [:]
        let rows = try String(contentsOf: tsv, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        for line in rows.dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            result[cells[0]] = (cells[10].split(separator: ",").map(String.init), cells[11].split(separator: ",").map(String.init))
        }
        return result
    }

    @Test func everyProgrammeGetsItsLabelledGroupsAndServices() throws {
        let r = try runPlanner([
            "match", "--calendars", "Calendars/nhs-programmes.ics", "--from", "2026-01-01", "--to", "2029-01-01", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stderr.contains("warning") && !r.stderr.contains("error"), "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let labels = try Self.labels()
        #expect(labels.count == 14)
        var seen: [String: Int] = [:]
        for row in rows {
            let uid = try #require(row["uid"] as? String)
            let slug = String(uid.split(separator: "@")[0])
            let label = try #require(labels[slug], "\(slug) is not in programmes.tsv")
            #expect(Set(row["groups"] as? [String] ?? []) == Set(label.groups), "\(slug) groups")
            #expect(Set(row["services"] as? [String] ?? []) == Set(label.services), "\(slug) services")
            seen[slug, default: 0] += 1
        }
        #expect(Set(seen.keys) == Set(labels.keys))
        #expect(rows.count == 78)  // 10 yearly programmes x 3 years + 4 quarterly x 12
    }

    @Test func daysReadsTheCalendarWithNoErrorOrWarning() throws {
        let r = try runPlanner([
            "days", "--calendars", "Calendars/nhs-programmes.ics", "--from", "2026-01-01", "--to", "2029-01-01",
        ])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Awareness days from 2026-01-01 to 2029-01-01 (exclusive): 78 occurrences\n"))
    }
}
