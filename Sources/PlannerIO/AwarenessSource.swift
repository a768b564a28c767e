import Foundation
import ICalKit
import PlannerCore

/// Where a run's awareness days and taxonomy come from: calendar files or folders (the bundled
/// calendar when none are given), the zone for floating times and unknown TZIDs (also the zone
/// of the cleaned view), and taxonomy files that extend or override the bundled one.
public struct AwarenessSource: Sendable, Hashable {
    public var calendars: [String]
    public var timeZone: String
    public var taxonomyFiles: [String]

    public init(calendars: [String] = [], timeZone: String = "Europe/London", taxonomyFiles: [String] = []) {
        self.calendars = calendars
        self.timeZone = timeZone
        self.taxonomyFiles = taxonomyFiles
    }

    /// The bundled taxonomy with `taxonomyFiles` on top; every problem in them is thrown at once.
    public func taxonomy() throws(TaxonomyLoadError) -> Taxonomy {
        try Taxonomy.load(extra: taxonomyFiles.map { URL(fileURLWithPath: $0) })
    }

    /// The cleaned days of `window` and what the reader found wrong on the way. A calendar with
    /// errors still gives the days that could be read.
    public func cleanedDays(window: DateWindow) -> CleanedDays {
        let result = AwarenessInput.read(calendars: calendars, window: window, timeZone: timeZone)
        return CleanedDays(
            days: AwarenessInput.cleaned(result.occurrences, displayZone: timeZone), diagnostics: result.diagnostics,
            hasErrors: result.hasErrors)
    }
}

/// The cleaned view of a window with the reader's diagnostics (sorted by location).
public struct CleanedDays: Sendable {
    public var days: [CleanOccurrence]
    public var diagnostics: [Diagnostic]
    /// True when a calendar had an error: the caller exits 65 once the rest is done.
    public var hasErrors: Bool

    public init(days: [CleanOccurrence], diagnostics: [Diagnostic], hasErrors: Bool) {
        self.days = days
        self.diagnostics = diagnostics
        self.hasErrors = hasErrors
    }
}
