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

/// The named calendars checked before a plan is made (issue 12): a file that cannot be opened
/// or is not UTF-8 text stops the run (nothing is written, the earlier plan is kept); a
/// calendar with no events is a warning naming it.
public struct CalendarCheck: Sendable {
    /// Files that cannot be read or decoded: the run stops.
    public var fatal: [Diagnostic] = []
    /// Calendars that hold no events.
    public var warnings: [Diagnostic] = []
}

extension AwarenessSource {
    /// Opens and decodes every named calendar (each `.ics` of a named folder). The bundled
    /// calendar is not checked (its tests do).
    public func checkNamedCalendars() -> CalendarCheck {
        var check = CalendarCheck()
        for path in calendars {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                check.fatal.append(
                    Diagnostic(
                        .error, SourceLocation(path: path), "the calendar cannot be opened: there is no such file or folder",
                        hint: "check the path given to --calendars"))
                continue
            }
            let files = isDir.boolValue ? CalendarReader.icsFiles(under: path) : [path]
            for file in files { Self.check(file, into: &check) }
        }
        check.fatal.sort(by: Diagnostic.reportOrder)
        check.warnings.sort(by: Diagnostic.reportOrder)
        return check
    }

    static func check(_ file: String, into check: inout CalendarCheck) {
        guard let data = FileManager.default.contents(atPath: file) else {
            check.fatal.append(
                Diagnostic(
                    .error, SourceLocation(path: file), "the calendar cannot be opened",
                    hint: "check that the file can be read (its permissions)"))
            return
        }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil {
            // The first byte that breaks UTF-8, and its line, for the message.
            var line = 1, offset = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var consumed = 0
            loop: while true {
                let before = consumed
                switch decoder.decode(&iterator) {
                case .scalarValue(let s):
                    consumed += UTF8.width(s)
                    if s == "\n" { line += 1 }
                case .emptyInput: break loop
                case .error:
                    offset = before
                    break loop
                }
            }
            let byte = offset < bytes.count ? bytes[offset] : 0
            let hex = String(byte, radix: 16, uppercase: true)
            check.fatal.append(
                Diagnostic(
                    .error, SourceLocation(path: file, line: line),
                    "the calendar is not UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex); Latin-1 or Windows-1252 perhaps)",
                    hint: "save the calendar as UTF-8 and plan again"))
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let hasEvent = text.split(whereSeparator: \.isNewline).contains {
            $0.trimmingCharacters(in: .whitespaces).uppercased() == "BEGIN:VEVENT"
        }
        if !hasEvent, !bytes.isEmpty {
            check.warnings.append(
                Diagnostic(
                    .warning, SourceLocation(path: file), "the calendar holds no events, so it adds no awareness days",
                    hint: "check that the right calendar was exported, with its events"))
        }
    }
}
