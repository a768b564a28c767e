import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
import PlannerExport
import PlannerIO

/// `planner days`: the awareness days of a window, as the calendars write them (the raw view).
struct DaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "days",
        abstract: "List the awareness days in a window, as the calendars write them.",
        discussion: """
            Reads .ics files or folders (default: the bundled UK health awareness and NHS programmes calendars) and prints \
            every occurrence in the window [from, to) (an occurrence counts when it overlaps the window in its \
            own wall-clock time). In the table, END is the last day of an all-day event. The default window is the calendar quarter after \
            today (today: --today, else SOURCE_DATE_EPOCH, else the clock, in Europe/London). \
            Problems go to stderr as path:line: error: ...; the exit code is 65 when any input is bad.
            """)

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Calendar files or folders of .ics files (default: the bundled calendars).", valueName: "path"))
    var calendars: [String] = []

    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: "Zone for floating times and unknown TZIDs.")
    var timezone: String = "Europe/London"

    @Flag(name: .long, help: "Print the cleaned view (normalised titles, merged duplicates).")
    var clean = false

    @Option(name: .long, help: "Output format: table, json, csv or summary.")
    var format: DaysFormat = .table

    func validate() throws {
        if !LibICal.hasZone(timezone) {
            throw ValidationError("unknown time zone \"\(timezone)\" for --timezone (use an IANA name such as Europe/London)")
        }
        _ = try window.resolve()
    }

    func run() throws {
        let dateWindow = try window.resolve()
        if clean {
            let result = AwarenessInput.read(calendars: calendars, window: dateWindow, timeZone: timezone)
            let days = AwarenessInput.cleaned(result.occurrences, displayZone: timezone)
            var err = result.diagnostics.map { $0.description + "\n" }.joined()
            let out: String
            switch format {
            case .summary: out = result.summaryLine + "\n"  // the summary is always of the raw view
            case .json: out = DaysListing.json(days)
            case .csv: out = DaysListing.csv(days)
            case .table: out = DaysListing.table(days, window: dateWindow)
            }
            if format != .table { err += "window: \(dateWindow)\n" }
            FileHandle.standardOutput.write(Data(out.utf8))
            FileHandle.standardError.write(Data(err.utf8))
            if result.hasErrors { throw ExitCode(65) }
            return
        }
        // The summary needs counts only: the reader then keeps no occurrence values.
        let result = AwarenessInput.read(
            calendars: calendars, window: dateWindow, timeZone: timezone, summaryOnly: format == .summary)
        var err = ""
        for d in result.diagnostics { err += d.description + "\n" }
        let out: String
        switch format {
        case .summary:
            out = result.summaryLine + "\n"
            err += "window: \(dateWindow)\n"
        case .json:
            out = DaysListing.json(result.occurrences)
            err += "window: \(dateWindow)\n"
        case .csv:
            out = DaysListing.csv(result.occurrences)
            err += "window: \(dateWindow)\n"
        case .table:
            out = DaysListing.table(result.occurrences, window: dateWindow)
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        FileHandle.standardError.write(Data(err.utf8))
        if result.hasErrors { throw ExitCode(65) }
    }
}

enum DaysFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, summary
}
