import ArgumentParser
import Foundation
import PlannerCore
import PlannerIO

/// `planner plan`: a quarter of campaigns for one practice, written as plan.json.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a quarter of patient communication for a practice.",
        discussion: """
            Reads the awareness days of the quarter, matches them to the practice's patient groups and \
            services, chooses the campaigns that fit the staff time, budgets and sending rules in the profile, \
            spreads each over at least two channels (texts, letters, website, social media) so that people who \
            are not online are still reached, and writes plan.json into the output folder. The summary names the \
            actual dates, the money per channel against budget, staff hours per week and every warning.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp("The practice profile (YAML; default: Profiles/urban-young.yaml).", valueName: "file"))
    var profile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Plan every profile (*.yaml, not *.decisions.yaml) in this folder: one folder per practice in --out, "
                + "and summary.csv.", valueName: "dir"))
    var profiles: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The practice's decisions file (default: the profile's decisionsFile, else <profile>.decisions.yaml "
                + "beside it).", valueName: "file"))
    var decisions: String?

    @OptionGroup var input: CalendarInputOptions

    @Option(name: .long, help: ArgumentHelp("The quarter to plan, e.g. 2027-Q1 (default: the next quarter).", valueName: "YYYY-Qn"))
    var quarter: String?

    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: ArgumentHelp("Output folder for plan.json.", valueName: "dir"))
    var out: String = "Exports"

    @Option(name: .long, help: "What to print: table (a summary) or json (plan.json itself).")
    var format: PlanFormat = .table

    func validate() throws {
        if profiles != nil {
            if profile != nil { throw ValidationError("give --profile or --profiles, not both") }
            if decisions != nil {
                throw ValidationError(
                    "--decisions names one practice's file; with --profiles each profile's own decisions file is used")
            }
            if format == .json {
                throw ValidationError("--format json prints one plan; with --profiles each plan is written to OUT/<profile>/plan.json")
            }
        }
        if let quarter {
            guard DateWindow(quarter: quarter) != nil else {
                throw ValidationError("--quarter \"\(quarter)\" is not a quarter (use YYYY-Qn, e.g. 2027-Q1)")
            }
            if window.from != nil || window.to != nil { throw ValidationError("give --quarter or --from/--to, not both") }
        } else {
            _ = try window.resolve()
        }
    }

    func run() throws {
        let dateWindow = try quarter.flatMap(DateWindow.init(quarter:)) ?? window.resolve()
        if let profiles {
            try PlanMany(folder: profiles, input: input, window: dateWindow, out: out).run()
            return
        }
        let profile = self.profile ?? "Profiles/urban-young.yaml"
        let taxonomy = try input.loadTaxonomy()
        let practice = try loadProfile(profile, taxonomy: taxonomy)
        let decided = try loadDecisions(for: practice, profilePath: profile, explicit: decisions)
        let (days, hadErrors) = input.cleanedDays(window: dateWindow)
        let outcome = Self.plan(
            practice: practice, days: days, taxonomy: taxonomy, window: dateWindow, decisions: decided)
        let target = URL(fileURLWithPath: out).appendingPathComponent("plan.json")
        let json = PlanJSON.render(outcome.plan)
        do {
            try AtomicWrite.write(json, to: target)
        } catch {
            printError("\(target.path): error: could not write the plan: \(error.localizedDescription)\nhint: check that the folder \(out) can be written\n")
            throw ExitCode(73)
        }
        switch format {
        case .json: print(json, terminator: "")
        case .table:
            print(PlanSummary.render(outcome.plan, groupSizes: outcome.groupSizes, writtenTo: target.relativePath), terminator: "")
        }
        if hadErrors { throw ExitCode(65) }
    }

    /// Matching, relevance and planning for one practice (shared with multi-practice runs).
    static func plan(
        practice: PracticeProfile, days: [CleanOccurrence], taxonomy: Taxonomy, window: DateWindow,
        decisions: [ManagerDecision] = []
    ) -> (plan: Plan, groupSizes: [String: Int]) {
        let matches = Matcher(taxonomy: taxonomy).match(days)
        return plan(
            practice: practice, days: days, matches: matches, taxonomy: taxonomy, window: window,
            holidays: BankHolidaySet(nation: practice.nation, window: window), decisions: decisions)
    }

    /// Relevance and planning for one practice from days already matched (shared by every
    /// practice of a multi-practice run) and its nation's bank holidays.
    static func plan(
        practice: PracticeProfile, days: [CleanOccurrence], matches: [MatchResult], taxonomy: Taxonomy,
        window: DateWindow, holidays: BankHolidaySet, decisions: [ManagerDecision]
    ) -> (plan: Plan, groupSizes: [String: Int]) {
        let relevance = matches.map { Relevance.assess($0, profile: practice, taxonomy: taxonomy) }
        let input = PlanningInput.build(
            profile: practice, window: window, days: days, matches: matches, relevance: relevance, taxonomy: taxonomy,
            bankHolidays: holidays.forPrep, inputWarnings: holidays.warnings)
        var sizes: [String: Int] = [:]
        for (g, bands) in input.groupBands { sizes[g] = bands.reduce(0) { $0 + $1.people } }
        return (DecidedPlanner.plan(input, decisions: decisions), sizes)
    }
}

/// A nation's bank holidays for a window (from eight weeks before it, for prep tasks) and the
/// warnings for years the bundled feed does not cover.
struct BankHolidaySet: Sendable {
    var forPrep: [(CivilDate, String)]
    var warnings: [PlanWarning]

    init(nation: Nation, window: DateWindow) {
        let holidays = AwarenessInput.bankHolidays(nation: nation, window: window, daysBefore: 56)
        forPrep = holidays.days
        warnings = holidays.diagnostics.map { PlanWarning(code: .noBankHolidayData, message: $0.message) }
    }
}

/// The decisions for a practice: `explicit` (--decisions, which must exist), else the profile's
/// decisions file when it exists. Problems are printed; exit 65 when the file has errors.
func loadDecisions(for practice: PracticeProfile, profilePath: String, explicit: String?) throws -> [ManagerDecision] {
    let (url, shown) = decisionsLocation(for: practice, profilePath: profilePath, explicit: explicit)
    // No file yet simply means no decisions yet (the samples name theirs before it exists);
    // only a file named on the command line must exist.
    if explicit != nil, !FileManager.default.fileExists(atPath: url.path) {
        printError(
            "\(shown): error: There is no decisions file at this path.\nhint: Check the path, or create it with "
                + "planner decide (see docs/decisions.md).\n")
        throw ExitCode(65)
    }
    let file = DecisionsFile.load(contentsOf: url, displayPath: shown)
    if !file.diagnostics.isEmpty { printError(file.report + "\n") }
    if file.hasErrors {
        let n = file.diagnostics.filter(\.isError).count
        printError("\(shown): \(n) \(n == 1 ? "error" : "errors") found.\n")
        throw ExitCode(65)
    }
    return file.decisions
}

/// Where a practice's decisions file is, and the path to show for it.
func decisionsLocation(for practice: PracticeProfile?, profilePath: String, explicit: String?) -> (URL, String) {
    if let explicit { return (URL(fileURLWithPath: explicit), explicit) }
    let profileURL = URL(fileURLWithPath: profilePath)
    let folder = (profilePath as NSString).deletingLastPathComponent
    let url: URL
    if let practice {
        url = ProfileLoader.decisionsFileURL(for: practice, profileURL: profileURL)
    } else {
        url = profileURL.deletingPathExtension().appendingPathExtension("decisions.yaml")
    }
    if let set = practice?.decisionsFile, set.hasPrefix("/") { return (url, set) }
    let name = practice?.decisionsFile ?? url.lastPathComponent
    return (url, folder.isEmpty ? name : "\(folder)/\(name)")
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
