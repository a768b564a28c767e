import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// `planner plan --emit-model` and `--model-solution` (issue 11, item 1): the model is written
/// byte for byte the same every run; the planner's own plan, given back as a solution, decodes
/// to a plan that keeps every rule with the planner's objective; bad solution files are refused.
@Suite struct PlanModelCommandTests {
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("plan-model-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func emit(_ dir: URL, _ name: String, extra: [String] = []) throws -> CommandResult {
        try runPlanner(
            [
                "plan", "--profile", "Profiles/coastal-older.yaml", "--quarter", "2027-Q4", "--out",
                dir.appendingPathComponent(name).path, "--emit-model", dir.appendingPathComponent("\(name).lp").path,
            ] + extra)
    }

    @Test func modelIsDeterministicAndThePlannersPlanDecodesBack() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.emit(dir, "a").status == 0)
        #expect(try Self.emit(dir, "b").status == 0)
        let a = try Data(contentsOf: dir.appendingPathComponent("a.lp"))
        #expect(a == (try Data(contentsOf: dir.appendingPathComponent("b.lp"))))
        let sidecar = try Data(contentsOf: dir.appendingPathComponent("a.lp.json"))
        #expect(sidecar == (try Data(contentsOf: dir.appendingPathComponent("b.lp.json"))))
        let text = String(decoding: a, as: UTF8.self)
        for part in ["Maximize\n obj:", "\nSubject To\n", "\nBounds\n", "\nBinaries\n", " older_count:", " budget_sms:"] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(text.hasSuffix("End\n"))
        let side = try #require(try JSONSerialization.jsonObject(with: sidecar) as? [String: Any])
        let planner = try #require(side["planner"] as? [String: Any])
        #expect((planner["violations"] as? [Any])?.isEmpty == true)
        let start = try #require(side["start"] as? [String: Any])
        // The planner's plan as a solution file: decoded, it keeps every rule and scores the same.
        let solution = dir.appendingPathComponent("solution.json")
        try JSONSerialization.data(withJSONObject: ["values": start]).write(to: solution)
        #expect(try Self.emit(dir, "a", extra: ["--model-solution", solution.path]).status == 0)
        let check = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("solution.json.check.json")))
                as? [String: Any])
        #expect((check["violations"] as? [Any])?.isEmpty == true, "\(check["violations"] ?? "")")
        #expect((check["refusals"] as? [Any])?.isEmpty == true, "\(check["refusals"] ?? "")")
        let mine = try #require((planner["objective"] as? NSNumber)?.doubleValue)
        let decoded = try #require((check["objective"] as? NSNumber)?.doubleValue)
        #expect(abs(mine - decoded) <= 1e-6 * mine)
        // A solution that texts every segment breaks the budget, and the check says so.
        var spend = start
        for name in text.split(separator: "\n").filter({ $0.hasPrefix(" d_") && $0.hasSuffix("_sms") }) {
            spend[String(name.dropFirst())] = 1
        }
        try JSONSerialization.data(withJSONObject: ["values": spend]).write(to: solution)
        #expect(try Self.emit(dir, "a", extra: ["--model-solution", solution.path]).status == 0)
        let broken = try String(contentsOf: dir.appendingPathComponent("solution.json.check.json"), encoding: .utf8)
        #expect(broken.contains("budget: sms spends"))
    }

    @Test func badSolutionFilesAreRefused() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try "not json".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Self.emit(dir, "a", extra: ["--model-solution", bad.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.json:1: error: not a solution file"))
        #expect(r.stderr.contains("hint: "))
        let alone = try runPlanner(["plan", "--profile", "Profiles/coastal-older.yaml", "--model-solution", bad.path])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--model-solution needs --emit-model"))
    }
}
