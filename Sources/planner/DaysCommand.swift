import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
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
            case .json: out = DaysCleanOutput.json(days)
            case .csv: out = DaysCleanOutput.csv(days)
            case .table: out = DaysCleanOutput.table(days, window: dateWindow)
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
            out = DaysOutput.json(result.occurrences)
            err += "window: \(dateWindow)\n"
        case .csv:
            out = DaysOutput.csv(result.occurrences)
            err += "window: \(dateWindow)\n"
        case .table:
            out = DaysOutput.table(result.occurrences, window: dateWindow)
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        FileHandle.standardError.write(Data(err.utf8))
        if result.hasErrors { throw ExitCode(65) }
    }
}

enum DaysFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json, csv, summary
}

/// The raw view written out. Field order is fixed (a contract, see README):
/// uid, title, start, end, allDay, timezone, categories, status, source.
enum DaysOutput {
    /// A JSON string literal (the one escaping routine of the project: `PlanJSON.quoted`).
    static func jsonString(_ s: String) -> String { PlanJSON.quoted(s) }

    static func json(_ occurrences: [Occurrence]) -> String {
        if occurrences.isEmpty { return "[]\n" }
        var out = "[\n"
        for (i, o) in occurrences.enumerated() {
            let cats = o.categories.map(jsonString).joined(separator: ", ")
            out += "  {"
            out += "\"uid\": \(o.uid.map(jsonString) ?? "null"), "
            out += "\"title\": \(jsonString(o.title)), "
            out += "\"start\": \(jsonString(o.start.iso)), "
            out += "\"end\": \(jsonString(o.end.iso)), "
            out += "\"allDay\": \(o.allDay), "
            out += "\"timezone\": \(o.timezone.map(jsonString) ?? "null"), "
            out += "\"categories\": [\(cats)], "
            out += "\"status\": \(o.status.map(jsonString) ?? "null"), "
            out += "\"source\": \(jsonString(o.source.description))"
            out += i == occurrences.count - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// RFC 4180: CRLF, a header row; categories joined with "; ".
    static func csv(_ occurrences: [Occurrence]) -> String {
        var out = "uid,title,start,end,allDay,timezone,categories,status,source\r\n"
        for o in occurrences {
            let fields = [
                o.uid ?? "", o.title, o.start.iso, o.end.iso, o.allDay ? "true" : "false", o.timezone ?? "",
                o.categories.joined(separator: "; "), o.status ?? "", o.source.description,
            ]
            out += fields.map(csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A plain-text table: a line naming the window, a header row, one row per occurrence.
    /// All-day rows show the last day (inclusive) as END and "all day" as ZONE.
    static func table(_ occurrences: [Occurrence], window: DateWindow) -> String {
        let n = occurrences.count
        var out = "Awareness days from \(window.from.iso) to \(window.to.iso) (exclusive): \(n) occurrence\(n == 1 ? "" : "s")\n"
        guard n > 0 else { return out }
        func shown(_ t: EventTime) -> String { t.iso.replacingOccurrences(of: "T", with: " ") }
        var rows = [["START", "END", "ZONE", "TITLE", "SOURCE"]]
        for o in occurrences {
            let end: String
            if case .date(let e) = o.end, o.allDay { end = e.adding(days: -1).iso } else { end = shown(o.end) }
            let zone = o.allDay ? "all day" : (o.timezone ?? "floating")
            let status = o.status.map { $0 == "CONFIRMED" ? "" : " [\($0.lowercased())]" } ?? ""
            rows.append([shown(o.start), end, zone, o.title + status, o.source.description])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for r in rows {
            var line = ""
            for c in 0..<4 { line += r[c] + String(repeating: " ", count: widths[c] - r[c].count) + "  " }
            out += line + r[4] + "\n"
        }
        return out
    }
}
