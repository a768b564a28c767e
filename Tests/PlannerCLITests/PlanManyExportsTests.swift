import Foundation
import PlannerTestSupport
import Testing

/// `planner plan --profiles DIR` writes each practice's exports beside its plan.json (issue 14):
/// the same files and bytes as `planner plan --profile` for that practice, whatever the process,
/// and a practice whose exports cannot be written keeps its earlier exports.
@Suite struct PlanManyExportsTests {
    static let stamp = "1796083200"  // 2026-12-01T00:00:00Z

    static func folder() throws -> (dir: URL, profiles: URL, out: URL) { try sampleProfilesFolder("plan-many-exports") }

    /// Every file under `dir` (the weekly emails in digest/ too), as paths relative to it.
    static func files(_ dir: URL) throws -> [String] {
        var names: [String] = []
        var isDir: ObjCBool = false
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir.path) {
            _ = FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir)
            if !isDir.boolValue { names.append(name) }
        }
        return names.sorted()
    }

    static func many(_ profiles: URL, _ out: URL) throws -> CommandResult {
        try runPlanner(
            ["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path],
            environment: ["SOURCE_DATE_EPOCH": stamp])
    }

    @Test func eachPracticeGetsTheSameExportsAsASingleRun() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.many(profiles, out)
        #expect(r.status == 0, "\(r.stderr)")
        // A second process into another folder: the same bytes (hash seeds differ per process).
        let again = dir.appendingPathComponent("again")
        #expect(try Self.many(profiles, again).status == 0)
        for stem in ["urban-young", "coastal-older"] {
            let folder = out.appendingPathComponent(stem)
            let names = try Self.files(folder)
            for name in [
                ".export-state.json", "calendar.ics", "google-calendar.csv", "outlook-calendar.csv", "plan.csv", "plan.json",
                "plan.md", "tasks.ics",
            ] {
                #expect(names.contains(name), "\(stem): \(name) missing from \(names)")
            }
            #expect(names.contains { $0.hasPrefix("social-") && $0.hasSuffix(".csv") }, "\(stem): \(names)")
            #expect(!names.contains { $0.contains(".tmp-") }, "\(stem): \(names)")
            let single = dir.appendingPathComponent("single-\(stem)")
            let s = try runPlanner(
                [
                    "plan", "--profile", profiles.appendingPathComponent("\(stem).yaml").path, "--quarter", "2027-Q1",
                    "--out", single.path,
                ], environment: ["SOURCE_DATE_EPOCH": Self.stamp])
            #expect(s.status == 0, "\(s.stderr)")
            #expect(try Self.files(single) == names, "\(stem)")
            for name in names {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(bytes == (try Data(contentsOf: single.appendingPathComponent(name))), "\(stem)/\(name) differs from a single run")
                #expect(
                    bytes == (try Data(contentsOf: again.appendingPathComponent(stem).appendingPathComponent(name))),
                    "\(stem)/\(name) differs between processes")
            }
        }
        // The exports are the goldens of `planner export` (the same plan, stamp and files).
        let golden = TestPaths.packageRoot.appendingPathComponent("Tests/PlannerCLITests/Fixtures/exports/urban-young-2027-Q1")
        for name in ["calendar.ics", "tasks.ics", "plan.csv", "plan.md", "google-calendar.csv", "outlook-calendar.csv"] {
            #expect(
                try Data(contentsOf: out.appendingPathComponent("urban-young/\(name)"))
                    == (try Data(contentsOf: golden.appendingPathComponent(name))), "\(name)")
        }
    }

    /// A re-run over the same folder is a re-plan: unchanged entries keep their bytes even with
    /// a later time stamp, so calendars that subscribed see no change.
    @Test func aSecondRunWithALaterStampChangesNoByte() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.many(profiles, out).status == 0)
        let folder = out.appendingPathComponent("coastal-older")
        var first: [String: Data] = [:]
        for n in try Self.files(folder) { first[n] = try Data(contentsOf: folder.appendingPathComponent(n)) }
        let r = try runPlanner(
            ["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path],
            environment: ["SOURCE_DATE_EPOCH": "1797292800"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.files(folder) == first.keys.sorted())
        // A digest email carries the run's "now" in its Date header (the day it is written); the
        // rest of it, Message-ID included, is the same.
        func withoutDate(_ d: Data) -> String {
            String(decoding: d, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("Date: ") }.joined(separator: "\r\n")
        }
        for (n, bytes) in first {
            let now = try Data(contentsOf: folder.appendingPathComponent(n))
            if n.hasPrefix("digest/") {
                #expect(withoutDate(now) == withoutDate(bytes), "\(n) changed")
            } else {
                #expect(now == bytes, "\(n) changed")
            }
        }
    }

    /// A practice whose exports cannot be replaced (here a folder where calendar.ics goes) is
    /// reported and fails the run (exit 65); its earlier exports are left exactly as they were,
    /// no temporary file is left, and the other practice is planned and exported.
    @Test func exportsThatCannotBeWrittenKeepTheEarlierOnes() throws {
        let (dir, profiles, out) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.many(profiles, out).status == 0)
        let urban = out.appendingPathComponent("urban-young")
        var before: [String: Data] = [:]
        for n in try Self.files(urban) where n != "calendar.ics" && n != "plan.json" {
            before[n] = try Data(contentsOf: urban.appendingPathComponent(n))
        }
        try FileManager.default.removeItem(at: urban.appendingPathComponent("calendar.ics"))
        try FileManager.default.createDirectory(
            at: urban.appendingPathComponent("calendar.ics/in-the-way"), withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: out.appendingPathComponent("coastal-older"))
        let r = try runPlanner(
            ["plan", "--profiles", profiles.path, "--quarter", "2027-Q1", "--out", out.path],
            environment: ["SOURCE_DATE_EPOCH": "1797292800"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(profiles.path)/urban-young.yaml: not planned: the exports could not be written"), "\(r.stderr)")
        #expect(r.stderr.contains("the earlier exports are kept"), "\(r.stderr)")
        for (n, bytes) in before { #expect(try Data(contentsOf: urban.appendingPathComponent(n)) == bytes, "\(n) changed") }
        #expect(!(try Self.files(urban)).contains { $0.contains(".tmp-") })
        let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(csv.contains("\r\nurban-young,Wharfside Health Centre,Y07341,failed: the exports could not be written"), "\(csv)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("coastal-older/calendar.ics").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("coastal-older/plan.md").path))
    }
}
