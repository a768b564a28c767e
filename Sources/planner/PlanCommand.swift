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

    @Option(name: .long, help: ArgumentHelp("The practice profile (YAML).", valueName: "file"))
    var profile: String = "Profiles/urban-young.yaml"

    @OptionGroup var input: CalendarInputOptions

    @Option(name: .long, help: ArgumentHelp("The quarter to plan, e.g. 2027-Q1 (default: the next quarter).", valueName: "YYYY-Qn"))
    var quarter: String?

    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: ArgumentHelp("Output folder for plan.json.", valueName: "dir"))
    var out: String = "Exports"

    @Option(name: .long, help: "What to print: table (a summary) or json (plan.json itself).")
    var format: PlanFormat = .table

    func validate() throws {
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
        let practice = try loadProfile(profile)
        let taxonomy = try input.loadTaxonomy()
        let (days, hadErrors) = input.cleanedDays(window: dateWindow)
        let outcome = Self.plan(practice: practice, days: days, taxonomy: taxonomy, window: dateWindow)
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
    static func plan(practice: PracticeProfile, days: [CleanOccurrence], taxonomy: Taxonomy, window: DateWindow)
        -> (plan: Plan, groupSizes: [String: Int])
    {
        let matches = Matcher(taxonomy: taxonomy).match(days)
        let relevance = matches.map { Relevance.assess($0, profile: practice, taxonomy: taxonomy) }
        let holidays = AwarenessInput.bankHolidays(nation: practice.nation, window: window)
        let forPrep = AwarenessInput.bankHolidays(
            nation: practice.nation, window: DateWindow(from: window.from.adding(days: -56), to: window.to))
        let warnings = holidays.diagnostics.map { PlanWarning(code: "no-bank-holiday-data", message: $0.message) }
        let input = PlanningInput.build(
            profile: practice, window: window, days: days, matches: matches, relevance: relevance, taxonomy: taxonomy,
            bankHolidays: forPrep.days, inputWarnings: warnings)
        var sizes: [String: Int] = [:]
        for (g, bands) in input.groupBands { sizes[g] = bands.reduce(0) { $0 + $1.people } }
        return (QuarterPlanner.plan(input), sizes)
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
