import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// The planning pipeline as a library call (`PlanningRun`, `PracticeBatch`): values back,
/// nothing printed, each stage's problems kept apart.
@Suite struct PlanningRunTests {
    static let q1 = DateWindow(quarter: "2027-Q1")!
    static let urban = TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml").path
    static let coastal = TestPaths.packageRoot.appendingPathComponent("Profiles/coastal-older.yaml").path

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("planning-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func plansTheSampleQuarterAndSaysWhereItGoes() throws {
        let outcome = PlanningRun(profilePath: Self.urban, window: Self.q1, outputFolder: "out/here").run()
        #expect(outcome.stoppedAt == nil)
        #expect(!outcome.hasInputErrors)
        #expect(outcome.profile?.hasErrors == false)
        #expect(outcome.decisions?.isMissing == false)
        #expect(outcome.calendarDiagnostics.isEmpty)
        let result = try #require(outcome.result)
        #expect(result.plan.practiceName == "Wharfside Health Centre")
        #expect(result.plan.from == CivilDate(year: 2027, month: 1, day: 1))
        #expect(result.plan.to == CivilDate(year: 2027, month: 4, day: 1))
        #expect(!result.plan.items.isEmpty)
        // The profile's 1,420 smokers, spread over age bands for planning (each band rounded).
        let smokers = try #require(result.groupSizes["smokers"])
        #expect(abs(smokers - 1420) <= 2)
        #expect(outcome.planFile.path.hasSuffix("out/here/plan.json"))
        // Nothing was written: the caller renders and writes.
        #expect(!FileManager.default.fileExists(atPath: outcome.planFile.path))
    }

    @Test func aProfileGivenAsAValuePlansTheSame() throws {
        let read = PlanningRun(profilePath: Self.coastal, window: Self.q1).run()
        let practice = try #require(read.practice)
        let given = PlanningRun(profilePath: Self.coastal, profile: practice, window: Self.q1).run()
        #expect(given.profile == nil)
        #expect(try #require(given.result).plan == (try #require(read.result)).plan)
    }

    /// `planOnly` (what a many-practices run calls) gives the plan and input of `plan`, which
    /// adds the figures around them: both samples, with and without a today that moves prep tasks.
    @Test func planOnlyGivesThePlanOfTheFullRun() throws {
        let source = AwarenessSource()
        let taxonomy = try source.taxonomy()
        let cleaned = source.cleanedDays(window: Self.q1)
        let matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        for path in [Self.urban, Self.coastal] {
            let practice = try #require(PlanningRun(profilePath: path, window: Self.q1).run().practice)
            let holidays = BankHolidaySet(nation: practice.nation, window: Self.q1)
            for today in [nil, CivilDate(year: 2026, month: 12, day: 20)] {
                let full = PlanningRun.plan(
                    practice: practice, days: cleaned.days, matches: matches, taxonomy: taxonomy, window: Self.q1,
                    holidays: holidays, decisions: [], today: today)
                let only = PlanningRun.planOnly(
                    practice: practice, days: cleaned.days, matches: matches, taxonomy: taxonomy, window: Self.q1,
                    holidays: holidays, decisions: [], today: today)
                #expect(!only.plan.items.isEmpty)
                #expect(only.plan == full.plan)
                #expect(only.input == full.input)
            }
        }
    }

    @Test func aBrokenProfileStopsTheRunWithItsDiagnostics() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("broken.yaml").path
        try Data("name: Broken Practice\nlistSize: lots\n".utf8).write(to: URL(fileURLWithPath: path))
        let outcome = PlanningRun(profilePath: path, window: Self.q1).run()
        #expect(outcome.stoppedAt == .profile)
        #expect(outcome.hasInputErrors)
        #expect(outcome.result == nil)
        #expect(outcome.decisions == nil)
        let validation = try #require(outcome.profile)
        #expect(validation.hasErrors)
        #expect(validation.errors.allSatisfy { $0.location.path == path })
    }

    @Test func aMissingDecisionsFileNamedExplicitlyStopsTheRun() throws {
        let outcome = PlanningRun(profilePath: Self.urban, decisionsPath: "no/such/decisions.yaml", window: Self.q1).run()
        #expect(outcome.stoppedAt == .decisions)
        #expect(outcome.result == nil)
        let decisions = try #require(outcome.decisions)
        #expect(decisions.isMissing)
        #expect(
            decisions.report == """
                no/such/decisions.yaml: error: There is no decisions file at this path.
                hint: Check the path, or create it with planner decide (see docs/decisions.md).
                """)
    }

    @Test func aBrokenTaxonomyStopsTheRun() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("missing-taxonomy.yaml").path
        let outcome = PlanningRun(
            profilePath: Self.urban, source: AwarenessSource(taxonomyFiles: [missing]), window: Self.q1
        ).run()
        #expect(outcome.stoppedAt == .taxonomy)
        #expect(outcome.result == nil)
        #expect(outcome.taxonomyDiagnostics.map(\.message) == ["cannot read the taxonomy file"])
    }

    @Test func aCalendarWithAnErrorIsStillPlannedAndReported() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ics = dir.appendingPathComponent("cal.ics")
        let text = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN",
            "BEGIN:VEVENT", "UID:bad@example.org", "DTSTART:2027XX01", "SUMMARY:Broken day", "END:VEVENT",
            "BEGIN:VEVENT", "UID:ttt@example.org", "DTSTART;VALUE=DATE:20270204", "SUMMARY:Time to Talk Day",
            "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        try Data(text.utf8).write(to: ics)
        let outcome = PlanningRun(
            profilePath: Self.urban, source: AwarenessSource(calendars: [ics.path]), window: Self.q1
        ).run()
        #expect(outcome.stoppedAt == nil)
        #expect(outcome.calendarHasErrors)
        #expect(outcome.hasInputErrors)
        #expect(outcome.calendarDiagnostics.contains { $0.isError && $0.location.line == 6 })
        let plan = try #require(outcome.result).plan
        #expect(plan.items.contains { $0.title == "Time to Talk Day" })
    }

    @Test func sameInputsGiveTheSamePlan() throws {
        let a = PlanningRun(profilePath: Self.urban, window: Self.q1).run()
        let b = PlanningRun(profilePath: Self.urban, window: Self.q1).run()
        #expect(try #require(a.result).plan == (try #require(b.result)).plan)
    }
}

@Suite struct PracticeBatchTests {
    /// A folder with both samples and one broken profile.
    static func profiles() throws -> URL {
        let dir = try PlanningRunTests.folder()
        for name in ["urban-young.yaml", "coastal-older.yaml"] {
            try FileManager.default.copyItem(
                at: TestPaths.packageRoot.appendingPathComponent("Profiles/\(name)"),
                to: dir.appendingPathComponent(name))
        }
        try Data("name: Broken Practice\nlistSize: lots\n".utf8).write(to: dir.appendingPathComponent("broken.yaml"))
        return dir
    }

    @Test func plansEveryPracticeWritesTheirFilesAndKeepsTheBrokenOneApart() throws {
        let dir = try Self.profiles()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let batch = PracticeBatch(folder: dir.path, window: PlanningRunTests.q1, outputFolder: out.path)
        let preparation = batch.prepare()
        #expect(preparation.stopped.isEmpty)
        #expect(!preparation.calendarHasErrors)
        let ready = try #require(preparation.ready)
        #expect(ready.count == 3)
        let seen = Progressed()
        let outcome = batch.plan(
            ready,
            rendering: PracticeBatch.Rendering(
                plan: { "\($0.practiceName): \($0.items.count) items\n" },
                summary: { rows in rows.map { "\($0.stem) \($0.figures == nil ? "failed" : "planned")\n" }.joined() })
        ) { i, row in seen.add(i, row.stem) }
        #expect(outcome.practices.map(\.stem) == ["broken", "coastal-older", "urban-young"])
        #expect(seen.sorted == [(0, "broken"), (1, "coastal-older"), (2, "urban-young")].map { "\($0.0) \($0.1)" })
        #expect(outcome.anyFailed)
        #expect(outcome.summaryWriteError == nil)
        let broken = outcome.practices[0]
        #expect(broken.figures == nil)
        #expect(broken.failure?.hasSuffix("in the profile") == true)
        #expect(!broken.report.isEmpty)
        // Each planned practice is planned as a single run plans it.
        let single = try #require(PlanningRun(profilePath: PlanningRunTests.urban, window: PlanningRunTests.q1).run().result)
        #expect(outcome.practices[2].figures == PlanFigures(single.plan))
        let written = try String(contentsOf: out.appendingPathComponent("urban-young/plan.json"), encoding: .utf8)
        #expect(written == "Wharfside Health Centre: \(single.plan.items.count) items\n")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("broken/plan.json").path))
        let summary = try String(contentsOf: batch.summaryFile, encoding: .utf8)
        #expect(summary == "broken failed\ncoastal-older planned\nurban-young planned\n")
    }

    @Test func aFolderWithoutProfilesStopsWithADiagnostic() throws {
        let dir = try PlanningRunTests.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let preparation = PracticeBatch(folder: dir.path, window: PlanningRunTests.q1, outputFolder: dir.path).prepare()
        #expect(preparation.ready == nil)
        #expect(
            preparation.stopped.map(\.description) == [
                "\(dir.path): error: There are no profiles (*.yaml) in this folder.\n"
                    + "hint: Put one practice profile per file in it; see docs/profile.md."
            ])
    }
}

/// Progress calls gathered from many threads.
// @unchecked Sendable: every access to `calls` holds `lock`.
final class Progressed: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [String] = []

    func add(_ i: Int, _ stem: String) {
        lock.lock()
        calls.append("\(i) \(stem)")
        lock.unlock()
    }

    var sorted: [String] {
        lock.lock()
        defer { lock.unlock() }
        return calls.sorted()
    }
}
