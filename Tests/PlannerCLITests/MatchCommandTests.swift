import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// `planner match` end to end: the JSON contract, micro-F1 on the labelled dev set, and
/// byte-identical output across processes.
@Suite struct MatchCommandTests {
    static let dev = TestPaths.spec("matching-dev.ics").path
    static let labels = TestPaths.spec("matching-dev-labels.tsv")
    static let taxonomyMD = TestPaths.spec("taxonomy.md")

    /// Canonical ids: the first cell of each table row in taxonomy.md that looks like an id.
    static func canonicalIds() throws -> Set<String> {
        let text = try String(contentsOf: taxonomyMD, encoding: .utf8)
        var ids = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| ") {
            let cell = line.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
            if !cell.isEmpty, cell.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), cell != "id" { ids.insert(cell) }
        }
        return ids
    }

    static func runMatch(_ extra: [String] = []) throws -> CommandResult {
        try runPlanner(["match", "--calendars", dev, "--from", "2027-01-01", "--to", "2028-01-01", "--format", "json"] + extra)
    }

    @Test func devSetMicroF1ThroughTheCommand() throws {
        let r = try Self.runMatch()
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        var groups: [(uid: String, id: String)] = [], services: [(uid: String, id: String)] = []
        for row in rows {
            let uid = try #require(row["uid"] as? String)
            groups += (row["groups"] as? [String] ?? []).map { (uid, $0) }
            services += (row["services"] as? [String] ?? []).map { (uid, $0) }
        }
        var goldGroups: [(uid: String, id: String)] = [], goldServices: [(uid: String, id: String)] = []
        for line in try String(contentsOf: Self.labels, encoding: .utf8).split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let ids = { (i: Int) in i < cells.count ? cells[i].split(separator: ",").map(String.init) : [] }
            goldGroups += ids(1).map { (cells[0], $0) }
            goldServices += ids(2).map { (cells[0], $0) }
        }
        let valid = try Self.canonicalIds()
        #expect(valid.count == 69)
        let g = MatchScoring.microF1(predicted: groups, gold: goldGroups, validIds: valid)
        let s = MatchScoring.microF1(predicted: services, gold: goldServices, validIds: valid)
        print("planner match on matching-dev.ics: groups F1=\(g.f1) services F1=\(s.f1)")
        #expect(g.f1 >= 0.95)
        #expect(s.f1 >= 0.95)
        // Every labelled day is in the output, matched or not.
        #expect(Set(rows.compactMap { $0["uid"] as? String }).isSuperset(of: goldGroups.map(\.uid)))
    }

    @Test func jsonContractKeysAndProfileFields() throws {
        let r = try Self.runMatch(["--profile", "Profiles/urban-young.yaml"])
        #expect(r.status == 0, "\(r.stderr)")
        let firstLine = try #require(r.stdout.split(separator: "\n").dropFirst().first)
        // Fixed key order: the contract first, then the profile fields.
        let keys = ["\"uid\"", "\"title\"", "\"start\"", "\"groups\"", "\"services\"", "\"score\"", "\"why\"",
                    "\"relevance\"", "\"groupSizes\"", "\"servicesOffered\""]
        var at = firstLine.startIndex
        for k in keys {
            let found = try #require(firstLine.range(of: k, range: at..<firstLine.endIndex), "key \(k) missing or out of order")
            at = found.upperBound
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let burns = try #require(rows.first { ($0["title"] as? String) == "Burns Night" })
        #expect((burns["groups"] as? [String]) == [])
        #expect((burns["relevance"] as? Double) == 0)
        let stop = try #require(rows.first { ($0["title"] as? String) == "No Smoking Day" })
        let sizes = try #require(stop["groupSizes"] as? [[String: Any]])
        #expect(sizes.first?["id"] as? String == "smokers")
        #expect(sizes.first?["size"] as? Int == 1420)
    }

    @Test func sameBytesAcrossProcesses() throws {
        let a = try Self.runMatch(["--profile", "Profiles/coastal-older.yaml"])
        let b = try Self.runMatch(["--profile", "Profiles/coastal-older.yaml"])
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
    }

    @Test func explainShowsEvidenceForEachId() throws {
        let r = try runPlanner(["explain", "Heart Month", "--calendars", Self.dev, "--from", "2027-01-01", "--to", "2028-01-01"])
        #expect(r.status == 0, "\(r.stderr)")
        for id in ["hypertension", "coronary-heart-disease", "heart-failure", "atrial-fibrillation", "blood-pressure-check"] {
            #expect(r.stdout.contains("    \(id) ("), "\(id) missing from:\n\(r.stdout)")
        }
        #expect(r.stdout.contains("      - title phrase"))
        let missing = try runPlanner(["explain", "Hart Month", "--calendars", Self.dev, "--from", "2027-01-01", "--to", "2028-01-01"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("did you mean \"Heart Month\"?"))
    }
}
