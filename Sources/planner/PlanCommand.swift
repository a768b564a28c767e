import ArgumentParser
import Foundation
import PlannerCore
import PlannerExport
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
            are not online are still reached, and writes plan.json into the output folder. The summary fits one \
            screen: the window week by week, money and hours against their limits and the five warnings that \
            cost the most relevance; --verbose prints every campaign, group, week and warning.
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The plan this one continues from (default: the plan-FROM-TO.json in --out that ends the day before this "
                + "window starts); its items, prep and contacts count against this plan's limits.",
            valueName: "file"))
    var previous: String?

    @Flag(name: .long, help: "Print the long summary: every campaign, group, week and warning (default: one screen).")
    var verbose = false

    @Option(
        name: .customLong("emit-model"),
        help: ArgumentHelp(
            "Also write the quarter's planning problem as a mixed-integer program (CPLEX LP format) to this file, "
                + "and what its variables mean, with the planner's own objective, to FILE.json.", valueName: "file"))
    var emitModel: String?

    @Option(
        name: .customLong("model-solution"),
        help: ArgumentHelp(
            "With --emit-model: a solver's solution (JSON with \"values\" by variable name, as "
                + "tools/verify-plan/solve.py writes) to decode into a plan and check against the plan rules; "
                + "the result goes to FILE.check.json.", valueName: "file"))
    var modelSolution: String?

    func validate() throws {
        if modelSolution != nil && emitModel == nil { throw ValidationError("--model-solution needs --emit-model") }
        if emitModel != nil && profiles != nil { throw ValidationError("--emit-model writes one practice's model; give --profile") }
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
            try runMany(folder: profiles, window: dateWindow)
            return
        }
        try requireDefaultProfile(named: self.profile)
        let profile = self.profile ?? defaultProfilePath
        var planning = PlanningRun(
            profilePath: profile, decisionsPath: decisions, source: input.source, window: dateWindow, outputFolder: out)
        // Only a --today the user gives holds the prep back (issue 11): the clock and
        // SOURCE_DATE_EPOCH would make the same command plan differently from day to day.
        if window.today != nil { planning.today = try window.todayDate(environment: [:], now: Date()) }
        planning.previousItems = try previousPlan(window: dateWindow)?.items ?? []
        let outcome = planning.run()
        if let validation = outcome.profile { printProfileReport(validation, path: profile) }
        if let decided = outcome.decisions {
            if !decided.diagnostics.isEmpty { printError(decided.report + "\n") }
            if decided.hasErrors, !decided.isMissing {
                let n = decided.errorCount
                printError("\(decided.shownPath): \(n) \(n == 1 ? "error" : "errors") found.\n")
            }
        }
        report(outcome.taxonomyDiagnostics)
        report(outcome.templateDiagnostics)
        report(outcome.calendarDiagnostics)
        let target = outcome.planFile
        guard let result = outcome.result else {
            printError(Self.keptMessage(target) + "\n")
            throw ExitCode(65)
        }
        // The weekly digest emails, when the profile has a digest section (checked before anything is written).
        let digest = try outcome.practice.flatMap { try digestOptions(for: $0, profilePath: profile) }
        let json = PlanJSON.render(result.plan)
        do {
            try AtomicWrite.write(json, to: target)
            // The same bytes under the window's name, for the next window's run (issue 11): a copy of
            // plan.json (written with a sync just before), so written without one.
            try AtomicWrite.write(
                json, to: target.deletingLastPathComponent().appendingPathComponent(PlanFiles.windowedName(dateWindow)), sync: false)
        } catch {
            printError("\(target.relativePath): error: could not write the plan: \(String(describing: error)).\nhint: give --out a folder that can be written (it is made if missing)\n")
            throw ExitCode(73)
        }
        // The files the practice uses, beside plan.json: calendar.ics, tasks.ics, the CSV files
        // and plan.md (docs/exports.md).
        var options = ExportOptions(
            stamp: try exportStamp(),
            socialPlatforms: outcome.practice?.channels.social.map(\.platform) ?? [],
            names: outcome.taxonomy.map(ExportOptions.names(from:)) ?? [:],
            dayURLs: ExportOptions.dayURLs(from: outcome.days))
        options.digest = digest
        do {
            _ = try PlanExports.write(result.plan, to: target.deletingLastPathComponent(), options: options)
        } catch {
            printError(
                "\(target.deletingLastPathComponent().path): error: could not write the exports: "
                    + "\(error.localizedDescription)\nhint: check that the folder can be written; the previous exports are "
                    + "unchanged\n")
            throw ExitCode(73)
        }
        // Drafts with possible personal data are left out of the exports until removed or allowed.
        for item in result.plan.items {
            for (what, draft) in [("draft", item.draft), ("poster", item.poster)] {
                guard let why = draft?.blocked else { continue }
                printError("\(target.relativePath): warning: the \(what) of \(item.id) is blocked. \(why)\n")
            }
        }
        if let emitModel, let input = result.input { try writeModel(input, to: emitModel) }
        switch format {
        case .json: print(json, terminator: "")
        case .table:
            if verbose {
                print(
                    PlanSummary.render(
                        result.plan, groupSizes: result.groupSizes, groupNames: result.groupNames,
                        groupReach: result.groupReach, writtenTo: target.relativePath), terminator: "")
            } else {
                let context = SummaryContext(
                    groupSizes: result.groupSizes, groupNames: result.groupNames, relevance: result.relevance,
                    writtenTo: target.relativePath)
                print(PlanBrief.render(result.plan, context: context), terminator: "")
            }
        }
        if outcome.hasInputErrors { throw ExitCode(65) }
    }
}

extension PlanCommand {
    /// The previous window's plan (issue 11, item 4): `--previous`, which must be readable, or
    /// the plan file in the output folder that ends the day before `window` starts. A file that
    /// is not a plan stops the run (exit 65) with its errors, named or found.
    func previousPlan(window: DateWindow) throws -> Plan? {
        let path: String
        if let previous {
            guard FileManager.default.isReadableFile(atPath: previous) else {
                printError(
                    "\(previous): error: cannot read the previous plan\nhint: give a plan-FROM-TO.json or plan.json that "
                        + "`planner plan` wrote, or leave out --previous\n")
                throw ExitCode(65)
            }
            path = previous
        } else if let found = PlanFiles.previous(in: URL(fileURLWithPath: out), before: window) {
            path = found.path
        } else {
            return nil
        }
        do {
            return try readPlanFile(path)
        } catch let exit as ExitCode where exit != ExitCode(65) {
            throw ExitCode(65)
        }
    }

    /// Writes the model, its sidecar and (given a solution) the decoded solution's checks.
    func writeModel(_ input: PlanningInput, to path: String) throws {
        do {
            try PlanModelFiles.write(input, to: path, solution: modelSolution)
        } catch .cannotWrite(let file, let reason) {
            printError("\(file): error: could not write the model files: \(reason)\nhint: give --emit-model a file in a folder that can be written\n")
            throw ExitCode(73)
        } catch .notASolution(let file) {
            printError("\(file):1: error: not a solution file (JSON with \"values\" by variable name)\nhint: write it with tools/verify-plan/solve.py\n")
            throw ExitCode(65)
        }
    }

    /// What a run that stopped says about the output: nothing is written, so an earlier plan
    /// stays as it was (issue 12).
    static func keptMessage(_ planFile: URL) -> String {
        if FileManager.default.fileExists(atPath: planFile.path) {
            return "Nothing was written: the earlier \(planFile.relativePath) is kept."
        }
        return "Nothing was written to \(planFile.relativePath)."
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
