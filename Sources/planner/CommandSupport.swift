import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
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
        help: ArgumentHelp("Calendar files or folders of .ics files (default: the bundled calendar).", valueName: "path"))
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

    /// The bundled taxonomy plus any --taxonomy files; exit 65 with every problem otherwise.
    func loadTaxonomy() throws -> Taxonomy {
        do {
            return try Taxonomy.load(extra: taxonomy.map { URL(fileURLWithPath: $0) })
        } catch {
            report(error.diagnostics)
            throw ExitCode(65)
        }
    }

    /// Reads and cleans the days of `window`. Diagnostics are printed; `hadErrors` tells the caller
    /// to exit 65 once the rest of the input has been processed.
    func cleanedDays(window: DateWindow) -> (days: [CleanOccurrence], hadErrors: Bool) {
        let result = AwarenessInput.read(calendars: calendars, window: window, timeZone: timezone)
        report(result.diagnostics)
        return (AwarenessInput.cleaned(result.occurrences, displayZone: timezone), result.hasErrors)
    }
}

/// Loads a profile (ids from `taxonomy`), printing its diagnostics; exit 65 when it has errors.
func loadProfile(_ path: String, taxonomy: Taxonomy = .bundled) throws -> PracticeProfile {
    let result = ProfileLoader.load(contentsOf: URL(fileURLWithPath: path), displayPath: path, taxonomy: taxonomy)
    if !result.diagnostics.isEmpty { printError(result.report + "\n") }
    guard let profile = result.profile else {
        let n = result.errors.count
        printError("\(path): \(n) \(n == 1 ? "error" : "errors") found.\n")
        throw ExitCode(65)
    }
    return profile
}

/// A JSON number with at most three decimals, written without the current locale.
func jsonNumber(_ x: Double) -> String {
    let scaled = (x * 1000).rounded()
    let n = Int(scaled)
    let sign = n < 0 ? "-" : ""
    let a = abs(n)
    let whole = a / 1000, frac = a % 1000
    if frac == 0 { return "\(sign)\(whole)" }
    var f = frac.zeroPadded(to: 3)
    while f.hasSuffix("0") { f.removeLast() }
    return "\(sign)\(whole).\(f)"
}
