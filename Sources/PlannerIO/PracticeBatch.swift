import Dispatch
import Foundation
import PlannerCore
import PlannerDrafts

/// Every practice in a folder of profiles (a primary care network, an ICB): the calendars are
/// read, cleaned and matched once; each practice is planned in parallel and its plan.json and
/// exports written to `<outputFolder>/<profile name>/`; then summary.csv across practices. Output bytes
/// do not depend on the number of cores or on timing: results are kept by profile index and
/// written in profile-name order. Nothing is printed: the caller shows progress and reports.
///
/// Two steps, so that the caller can report the calendars' problems before planning starts:
/// `prepare()` lists and reads the profiles, the taxonomy and the calendars; `plan(_:...)`
/// plans and writes.
public struct PracticeBatch: Sendable {
    public var folder: String
    public var source: AwarenessSource
    public var window: DateWindow
    public var outputFolder: String

    public init(folder: String, source: AwarenessSource = AwarenessSource(), window: DateWindow, outputFolder: String) {
        self.folder = folder
        self.source = source
        self.window = window
        self.outputFolder = outputFolder
    }

    /// Where summary.csv goes.
    public var summaryFile: URL { URL(fileURLWithPath: outputFolder).appendingPathComponent("summary.csv") }

    /// What goes in the files. PlannerIO writes them but does not render them: the bytes come
    /// from the caller (PlannerExport's `PlanJSON` and `PracticesSummary`).
    public struct Rendering: Sendable {
        public var plan: @Sendable (Plan) -> String
        public var summary: @Sendable ([PracticeOutcome]) -> String
        /// Writes a practice's exports (calendar.ics, the CSV files, plan.md) into its folder,
        /// beside plan.json, given its plan, profile and the profile's path (its templates folder
        /// is relative to it); nil writes none. It must leave the earlier exports as they were
        /// when it throws (PlannerExport's `PlanExports.write`).
        public var exports: (@Sendable (Plan, PracticeProfile, String, URL) throws -> Void)?

        public init(
            plan: @escaping @Sendable (Plan) -> String, summary: @escaping @Sendable ([PracticeOutcome]) -> String,
            exports: (@Sendable (Plan, PracticeProfile, String, URL) throws -> Void)? = nil
        ) {
            self.plan = plan
            self.summary = summary
            self.exports = exports
        }
    }

    /// The run read and ready to plan, or stopped.
    public struct Preparation: Sendable {
        /// What stopped the run (an unreadable or empty folder, a broken taxonomy); empty when ready.
        public var stopped: [Diagnostic] = []
        public var calendarDiagnostics: [Diagnostic] = []
        public var calendarHasErrors = false
        /// The practices to plan; nil when stopped.
        public var ready: Ready?
    }

    /// Everything read once for all practices.
    public struct Ready: Sendable {
        let paths: [String]
        let inputs: [LoadedProfile]
        /// The cleaned days every practice is planned from (the exports' web pages come from them).
        public let days: [CleanOccurrence]
        let matches: [MatchResult]
        /// The taxonomy every practice is planned with (the exports' group and service names).
        public let taxonomy: Taxonomy
        let holidays: [Nation: BankHolidaySet]
        /// The calendars' errors, carried into every plan.json.
        let inputErrors: [InputError]

        /// How many practices will be planned.
        public var count: Int { paths.count }
    }

    /// The practices planned (in profile-name order) and whether summary.csv was written.
    public struct Outcome: Sendable {
        public var practices: [PracticeOutcome]
        /// Why summary.csv could not be written (exit 73); nil when it was.
        public var summaryWriteError: String?
        /// True when a practice failed (exit 65).
        public var anyFailed: Bool { practices.contains { $0.failure != nil } }
    }

    /// A profile and its decisions as read: the profile (nil when it has errors), the decisions,
    /// the printed report and why it cannot be planned.
    struct LoadedProfile: Sendable {
        var practice: PracticeProfile?
        var decisions: [ManagerDecision]
        var report: String
        var failure: String?
    }

    /// Lists the profiles, reads the taxonomy, the calendars (read, cleaned and matched once),
    /// every profile and decisions file (in parallel) and each nation's bank holidays.
    public func prepare() -> Preparation {
        var preparation = Preparation()
        let profiles: [String]
        switch listProfiles() {
        case .success(let found): profiles = found
        case .failure(let problem):
            preparation.stopped = [problem.diagnostic]
            return preparation
        }
        let taxonomy: Taxonomy
        do {
            taxonomy = try source.taxonomy()
        } catch {
            preparation.stopped = error.diagnostics
            return preparation
        }
        // A named calendar that cannot be opened or decoded stops the run (issue 12).
        let check = source.checkNamedCalendars()
        if !check.fatal.isEmpty {
            preparation.stopped = check.fatal
            return preparation
        }
        let cleaned = source.cleanedDays(window: window)
        preparation.calendarDiagnostics = (cleaned.diagnostics + check.warnings).sorted(by: Diagnostic.reportOrder)
        preparation.calendarHasErrors = cleaned.hasErrors
        let inputErrors = InputError.from(cleaned.diagnostics)
        let matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        // Every profile and decisions file (YAML parsing, in parallel).
        let loadedSlots = Slots<LoadedProfile>(count: profiles.count)
        DispatchQueue.concurrentPerform(iterations: profiles.count) { i in
            loadedSlots.set(i, Self.load(profiles[i], taxonomy: taxonomy))
        }
        var loaded = loadedSlots.values.map { $0! }
        // A file that some profile names as its decisions file is not a profile.
        let decisionFiles = Set(
            zip(profiles, loaded).compactMap { path, l in
                l.practice.map {
                    DecisionsReading.location(for: $0, profilePath: path, explicit: nil).url.standardizedFileURL.path
                }
            })
        let keep = profiles.indices.filter {
            !decisionFiles.contains(URL(fileURLWithPath: profiles[$0]).standardizedFileURL.path)
        }
        let paths = keep.map { profiles[$0] }
        loaded = keep.map { loaded[$0] }
        // Two profiles with the same name (a.yaml, a.yml) would share an output folder: plan the first.
        var seenStems = Set<String>()
        for (k, path) in paths.enumerated() where !seenStems.insert(Self.stem(path)).inserted {
            loaded[k].failure = "another profile in the folder has the same name, \(Self.stem(path))"
        }
        // Bank holidays once per nation (libical is serialised anyway).
        var holidays: [Nation: BankHolidaySet] = [:]
        for l in loaded {
            guard let nation = l.practice?.nation, holidays[nation] == nil else { continue }
            holidays[nation] = BankHolidaySet(nation: nation, window: window)
        }
        preparation.ready = Ready(
            paths: paths, inputs: loaded, days: cleaned.days, matches: matches, taxonomy: taxonomy, holidays: holidays,
            inputErrors: inputErrors)
        return preparation
    }

    /// Plans and writes every practice of `ready` on all cores, calling `progress` (from any
    /// thread) with each practice's index and outcome as it finishes, then writes summary.csv.
    public func plan(
        _ ready: Ready, rendering: Rendering, progress: @escaping @Sendable (Int, PracticeOutcome) -> Void
    ) -> Outcome {
        let n = ready.count
        let rows = Slots<PracticeOutcome>(count: n)
        let out = outputFolder, window = window
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let path = ready.paths[i]
            let stem = Self.stem(path)
            let input = ready.inputs[i]
            var wrotePlan = false
            var row = PracticeOutcome(
                stem: stem, profilePath: path, practice: input.practice?.name ?? stem,
                odsCode: input.practice?.odsCode ?? "", report: input.report, failure: input.failure)
            if let practice = input.practice, input.failure == nil {
                let holidays = ready.holidays[practice.nation] ?? BankHolidaySet(nation: practice.nation, window: window)
                switch PlanDrafting.loadTemplates(for: practice, profilePath: path) {
                case .failure(let d):
                    row.failure = d.diagnostic.description
                case .success(let templates):
                    // The plan alone: the figures around it (reach by group) are not written here.
                    var plan = PlanningRun.planOnly(
                        practice: practice, days: ready.days, matches: ready.matches, taxonomy: ready.taxonomy,
                        window: window, holidays: holidays, decisions: input.decisions, templates: templates
                    ).plan
                    plan.inputErrors = ready.inputErrors
                    let target = URL(fileURLWithPath: out).appendingPathComponent(stem).appendingPathComponent("plan.json")
                    do {
                        let json = rendering.plan(plan)
                        try AtomicWrite.write(json, to: target)
                        // The same bytes under the window's name, as a single run writes them (issue 11): a copy
                        // of plan.json (written with a sync just before), so written without one.
                        try AtomicWrite.write(
                            json, to: target.deletingLastPathComponent().appendingPathComponent(PlanFiles.windowedName(window)), sync: false)
                        wrotePlan = true
                        row.figures = PlanFigures(plan)
                    } catch {
                        row.failure = "could not write \(target.relativePath): \(String(describing: error))"
                    }
                    // The exports beside plan.json, as `planner plan` writes them for one practice.
                    if wrotePlan, let exports = rendering.exports {
                        do {
                            try exports(plan, practice, path, target.deletingLastPathComponent())
                        } catch {
                            row.figures = nil
                            row.failure =
                                "the exports could not be written (\(AtomicWrite.reason(error))); its new plan.json was "
                                + "written and the earlier exports are kept"
                        }
                    }
                }
            }
            // A practice that cannot be planned this time must not keep last run's plan.json
            // beside the others' new ones, where it would pass for this quarter's (issue 12).
            // Its exports stay: their state file lets the next good run update or cancel what
            // the practice's calendars already hold.
            if row.failure != nil, !wrotePlan {
                let stale = URL(fileURLWithPath: out).appendingPathComponent(stem).appendingPathComponent("plan.json")
                if FileManager.default.fileExists(atPath: stale.path) {
                    if (try? FileManager.default.removeItem(at: stale)) != nil {
                        row.removedPlan = stale.relativePath
                    } else {
                        row.failure! += "; its earlier \(stale.relativePath) could not be removed and is out of date"
                    }
                }
            }
            rows.set(i, row)
            progress(i, row)
        }
        let practices = rows.values.map { $0! }
        var outcome = Outcome(practices: practices, summaryWriteError: nil)
        do {
            try AtomicWrite.write(rendering.summary(practices), to: summaryFile)
        } catch {
            outcome.summaryWriteError = String(describing: error)
        }
        return outcome
    }

    /// Why the folder gives no profiles to plan.
    struct FolderProblem: Error {
        var diagnostic: Diagnostic
    }

    /// The profiles in the folder, sorted by name (byte order): *.yaml and *.yml files except
    /// decisions files and hidden files.
    func listProfiles() -> Result<[String], FolderProblem> {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            return .failure(
                FolderProblem(
                    diagnostic: Diagnostic(
                        .error, SourceLocation(path: folder), "The folder of profiles could not be read.",
                        hint: "Check the path given to --profiles.")))
        }
        let profiles = names.filter {
            ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasSuffix(".decisions.yaml")
                && !$0.hasSuffix(".decisions.yml") && !$0.hasPrefix(".")
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !profiles.isEmpty else {
            return .failure(
                FolderProblem(
                    diagnostic: Diagnostic(
                        .error, SourceLocation(path: folder), "There are no profiles (*.yaml) in this folder.",
                        hint: "Put one practice profile per file in it; see docs/profile.md.")))
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return .success(profiles.map { "\(base)/\($0)" })
    }

    /// The file name without its extension.
    static func stem(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (name as NSString).deletingPathExtension
    }

    /// Reads one profile and its decisions.
    static func load(_ path: String, taxonomy: Taxonomy) -> LoadedProfile {
        let result = ProfileLoader.load(contentsOf: URL(fileURLWithPath: path), displayPath: path, taxonomy: taxonomy)
        var report = result.report
        guard let practice = result.profile else {
            let n = result.errors.count
            return LoadedProfile(
                practice: nil, decisions: [], report: report, failure: "\(n) \(n == 1 ? "error" : "errors") in the profile")
        }
        let decisions = DecisionsReading.read(for: practice, profilePath: path, explicit: nil)
        if !decisions.diagnostics.isEmpty { report += (report.isEmpty ? "" : "\n\n") + decisions.report }
        if decisions.hasErrors {
            let n = decisions.errorCount
            return LoadedProfile(
                practice: practice, decisions: [], report: report,
                failure: "\(n) \(n == 1 ? "error" : "errors") in \(decisions.shownPath)")
        }
        return LoadedProfile(practice: practice, decisions: decisions.decisions, report: report, failure: nil)
    }
}

/// Results filled in by index from many threads.
// @unchecked Sendable: every access to `storage` holds `lock`.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
