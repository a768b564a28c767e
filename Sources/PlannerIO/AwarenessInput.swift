import Foundation
import ICalKit
import PlannerCore

/// Reading awareness days for the commands: the calendars (bundled by default), the cleaned
/// view, and the bank holidays of a nation. Matching and planning start from here.
public enum AwarenessInput {
    /// The name under which the bundled awareness calendar appears in sources and messages.
    public static let bundledDisplayName = "uk-health-awareness.ics"
    /// The name under which the bundled programmes calendar appears in sources and messages.
    public static let programmesDisplayName = "nhs-programmes.ics"

    /// The calendars read when no `--calendars` is given, in this order: the awareness days,
    /// then the national vaccination and screening programmes.
    public static var bundledCalendars: [(url: URL?, displayName: String)] {
        [(Bundled.awarenessCalendar, bundledDisplayName), (Bundled.programmesCalendar, programmesDisplayName)]
    }

    /// Reads `calendars` (files or folders; the bundled calendars when empty). With
    /// `summaryOnly` the reader keeps counts and the checksum only (`planner days --format summary`).
    public static func read(
        calendars: [String], window: DateWindow, timeZone: String, summaryOnly: Bool = false
    ) -> ReadResult {
        var options = ReadOptions(window: window, defaultTimeZone: timeZone)
        options.summaryOnly = summaryOnly
        if calendars.isEmpty {
            var parts: [ReadResult] = []
            for (url, name) in bundledCalendars {
                guard let url else {
                    let d = Diagnostic(
                        .error, SourceLocation(path: name), "the bundled calendar is missing from this build",
                        hint: "rebuild the planner, or pass --calendars PATH")
                    parts.append(ReadResult(occurrences: [], eventCount: 0, diagnostics: [d]))
                    continue
                }
                parts.append(CalendarReader.read(file: url.path, displayPath: name, options: options))
            }
            return combined(parts)
        }
        return CalendarReader.read(paths: calendars, options: options)
    }

    /// Several files' results as one, as `CalendarReader.read(paths:)` gives them: occurrences in
    /// `Occurrence.contractOrder`, diagnostics in report order, counts and checksums summed.
    static func combined(_ parts: [ReadResult]) -> ReadResult {
        var result = ReadResult(
            occurrences: parts.flatMap(\.occurrences).sorted(by: Occurrence.contractOrder),
            eventCount: parts.reduce(0) { $0 + $1.eventCount },
            diagnostics: parts.flatMap(\.diagnostics).sorted(by: Diagnostic.reportOrder))
        result.occurrenceCount = parts.reduce(0) { $0 + $1.occurrenceCount }
        result.checksum = parts.reduce(0) { $0 &+ $1.checksum }
        return result
    }

    /// The cleaned view (normalised titles, plain descriptions, foreign midnights made all-day,
    /// duplicates across sources merged), with UTC offsets from libical's zone data.
    public static func cleaned(_ occurrences: [Occurrence], displayZone: String) -> [CleanOccurrence] {
        CleanedView.build(occurrences, displayZone: displayZone) { zone, t in
            LibICal.utcOffset(zone: zone, at: (t.date.year, t.date.month, t.date.day, t.hour, t.minute))
        }
    }

    /// Bank holidays of `nation` that touch `window`, from the bundled gov.uk-shaped feeds,
    /// plus a warning for each year of the window the feed does not cover.
    /// `daysBefore` widens the returned days backwards (prep tasks fall before the window); the
    /// coverage warnings still speak only of the window's own years.
    public static func bankHolidays(nation: Nation, window: DateWindow, daysBefore: Int = 0) -> (days: [(CivilDate, String)], diagnostics: [Diagnostic]) {
        let file = "\(nation.bankHolidayDivision).ics"
        let display = "bank-holidays/\(file)"
        guard let folder = Bundled.bankHolidaysFolder else {
            return ([], [Diagnostic(.warning, SourceLocation(path: display), "the bundled bank holidays are missing; no bank holidays are kept free of texts and letters")])
        }
        // Read a wide window so that the covered years are known, even for a window far from
        // them (`--today 1999-01-01` names the years the feed does cover).
        let wide = DateWindow(
            from: CivilDate(year: min(window.from.year - 5, 1970), month: 1, day: 1),
            to: CivilDate(year: max(window.to.year + 5, 2100), month: 1, day: 1))
        let all = CalendarReader.read(
            file: folder.appendingPathComponent(file).path, displayPath: display, options: ReadOptions(window: wide))
        var days: [(CivilDate, String)] = []
        var years = Set<Int>()
        for o in all.occurrences {
            let d = o.start.civilDate
            years.insert(d.year)
            if d >= window.from.adding(days: -daysBefore) && d < window.to { days.append((d, o.title)) }
        }
        var diagnostics = all.diagnostics
        let lastDay = window.to.adding(days: -1)
        for y in window.from.year...lastDay.year where !years.contains(y) {
            let covered = years.sorted()
            let range = covered.isEmpty ? "no years" : "\(covered.first!)-\(covered.last!)"
            diagnostics.append(
                Diagnostic(
                    .warning, SourceLocation(path: display),
                    "no bank-holiday data for \(y) (the bundled feed covers \(range)): texts and letters may be planned on a bank holiday",
                    hint: "check the \(y) dates on gov.uk and add them to a quiet-dates list in the profile"))
        }
        days.sort { $0.0 < $1.0 }
        return (days, diagnostics)
    }
}
