import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
import PlannerExport
import PlannerIO

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Prints diagnostics (each followed by a newline) to standard error.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    printError(diagnostics.sorted(by: Diagnostic.reportOrder).map { $0.description + "\n" }.joined())
}

/// Options shared by the commands that match and plan: where the days come from.
struct CalendarInputOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Calendar files or folders of .ics files (default: the bundled calendars).", valueName: "path"))
    var calendars: [String] = []

    @Option(name: .long, help: "Zone for floating times and unknown TZIDs, and of the cleaned view.")
    var timezone: String = "Europe/London"

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("A taxonomy file that extends or overrides the bundled one (repeatable).", valueName: "file"))
    var taxonomy: [String] = []

    func validate() throws {
        if !LibICal.hasZone(timezone) {
            throw ValidationError("unknown time zone \"\(timezone)\" for --timezone (use an IANA name such as Europe/London)")
        }
    }

    /// The options as the library takes them.
    var source: AwarenessSource { AwarenessSource(calendars: calendars, timeZone: timezone, taxonomyFiles: taxonomy) }
}

/// The profile the commands use when no --profile is given.
let defaultProfilePath = "Profiles/urban-young.yaml"

/// When no profile was named and the default is not in the current folder, says so (it was
/// the default, and how to name one) and exits 65.
func requireDefaultProfile(named given: String?) throws {
    guard given == nil, !FileManager.default.fileExists(atPath: defaultProfilePath) else { return }
    printError(
        "\(defaultProfilePath): error: No --profile was given, and the default profile \(defaultProfilePath) is not in "
            + "the current folder.\nhint: Name a profile with --profile FILE, or run planner from the folder that holds "
            + "Profiles/.\n")
    throw ExitCode(65)
}

/// Loads a profile, printing its diagnostics; exit 65 when it has errors.
func loadProfile(_ path: String) throws -> PracticeProfile {
    let result = ProfileLoader.load(contentsOf: URL(fileURLWithPath: path), displayPath: path)
    printProfileReport(result, path: path)
    guard let profile = result.profile else { throw ExitCode(65) }
    return profile
}

/// Prints a profile's diagnostics, and the number of errors when it has any.
func printProfileReport(_ result: ProfileValidation, path: String) {
    if !result.diagnostics.isEmpty { printError(result.report + "\n") }
    if result.profile == nil {
        let n = result.errors.count
        printError("\(path): \(n) \(n == 1 ? "error" : "errors") found.\n")
    }
}

/// Prints what a matching run found, stage by stage (taxonomy, the profile at `profilePath`,
/// calendars), as the commands always have; exit 65 when it stopped.
func printStages(_ outcome: MatchingRun.Outcome, profilePath: String?) throws {
    report(outcome.taxonomyDiagnostics)
    if let validation = outcome.profile, let profilePath { printProfileReport(validation, path: profilePath) }
    report(outcome.calendarDiagnostics)
    if outcome.stoppedAt != nil { throw ExitCode(65) }
}

/// Reads plan.json through `PlanJSON.decode`; problems are printed as `file:line:col: error:`
/// with a hint; exit 65 (66 when the file cannot be read at all).
func readPlanFile(_ path: String) throws -> Plan {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("\(path): error: cannot read the plan\nhint: give the plan.json that `planner plan` wrote\n")
        throw ExitCode(66)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        printError("\(path): error: this file is not UTF-8 text, so it is not a plan.json\nhint: write it again with `planner plan`\n")
        throw ExitCode(65)
    }
    do {
        return try PlanJSON.decode(text, path: path)
    } catch {
        report(error.diagnostics)
        throw ExitCode(65)
    }
}
