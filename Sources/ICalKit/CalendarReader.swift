import Foundation
public import PlannerCore

/// What to read: the window and the zone that resolves unknown TZIDs.
public struct ReadOptions: Sendable {
    public var window: DateWindow
    /// Unknown TZIDs are read in this zone (with a warning). Default "Europe/London".
    public var defaultTimeZone: String
    /// Most instances one RRULE may yield before the reader stops it with a warning.
    public var maxInstancesPerRule: Int
    /// Count and checksum only: `ReadResult.occurrences` stays empty while `occurrenceCount`
    /// and `checksum` are filled, so memory does not grow with the number of occurrences.
    public var summaryOnly: Bool

    public init(window: DateWindow, defaultTimeZone: String = "Europe/London") {
        self.window = window
        self.defaultTimeZone = defaultTimeZone
        self.maxInstancesPerRule = 100_000
        self.summaryOnly = false
    }
}

/// The raw view of one or more calendars in a window.
public struct ReadResult: Sendable {
    /// Sorted by `Occurrence.contractOrder` (empty with `ReadOptions.summaryOnly`).
    public var occurrences: [Occurrence]
    /// Every VEVENT in the input (overrides and events with errors included).
    public var eventCount: Int
    /// How many occurrences fall in the window.
    public var occurrenceCount: Int
    /// The benchmark checksum (the one the reader benchmarks compare): the sum, modulo 2^64, over occurrences
    /// of fnv1a64(UID) XOR key(start), key = the start's wall clock as YYYYMMDDhhmmss.
    public var checksum: UInt64
    /// Errors and warnings, sorted by `Diagnostic.reportOrder`.
    public var diagnostics: [Diagnostic]

    public init(occurrences: [Occurrence], eventCount: Int, diagnostics: [Diagnostic]) {
        var sum: UInt64 = 0
        for o in occurrences { sum &+= Self.fnv1a64(o.uid) ^ UInt64(bitPattern: o.start.key) }
        self.init(
            occurrences: occurrences, eventCount: eventCount, occurrenceCount: occurrences.count, checksum: sum,
            diagnostics: diagnostics)
    }

    init(occurrences: [Occurrence], eventCount: Int, occurrenceCount: Int, checksum: UInt64, diagnostics: [Diagnostic]) {
        self.occurrences = occurrences
        self.eventCount = eventCount
        self.occurrenceCount = occurrenceCount
        self.checksum = checksum
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }

    /// `events=N occurrences=M checksum=HEX` (16 lower-case hex digits).
    public var summaryLine: String {
        let hex = String(checksum, radix: 16)
        return "events=\(eventCount) occurrences=\(occurrenceCount) checksum="
            + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Reads .ics calendars into the occurrences that fall in a window.
///
/// How a file is read (one pass, in 1 MiB chunks, no whole-file tree):
/// 1. `LineUnfolder` splits bytes into unfolded content lines, each keeping the number of its
///    first physical line (BOM, CRLF or LF accepted).
/// 2. `FileScanner` checks structure on every line of the file (BEGIN/END nesting, lines
///    without a colon, NUL/control bytes, invalid UTF-8, empty or truncated files), collects
///    VTIMEZONE blocks and hands each complete top-level VEVENT to `EventReader`. An event
///    whose TZID is neither defined so far nor a system zone waits for the end of the file, so
///    a VTIMEZONE written after its events still serves them.
/// 3. `EventReader` checks date values libical lets through (30 February, hour 25), skips
///    events the raw text proves cannot touch the window (`PreFilter`), and parses the rest
///    with `icalparser_parse_string`, one VEVENT at a time; libical's X-LIC-ERROR texts are
///    mapped back to lines (`LibicalErrorMapper`). Free-text lines without parameters are not
///    given to libical (they cannot fault); the reader reads them from its own split.
/// 4. The recurrence set is built in Swift on `icalrecur_iterator` (jumping close to the
///    window with `icalrecur_iterator_set_start` when there is no COUNT): DTSTART, RRULE
///    instances, RDATE (incl. PERIOD, which libical 3.0.16 ignores), minus EXDATE, once each;
///    RECURRENCE-ID overrides replace or cancel instances at the end of the file; among copies
///    of one UID the highest SEQUENCE wins; STATUS:CANCELLED is left out.
///
/// Times are wall clock in the event's own zone; DTEND and DURATION lengths are added in wall
/// clock (DURATION days are nominal, RFC 5545 §3.3.6), as python recurring-ical-events does.
/// All-day events stay civil dates. X-WR-TIMEZONE is ignored. All libical calls are
/// serialised behind one lock (`LibICal.withLock`).
public enum CalendarReader {
    /// Reads files or folders (recursively, every `*.ics`, in path order).
    public static func read(paths: [String], options: ReadOptions) -> ReadResult {
        var files: [(path: String, display: String)] = []
        var diagnostics: [Diagnostic] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                diagnostics.append(
                    Diagnostic(
                        .error, SourceLocation(path: p), "no such file or folder",
                        hint: "pass an .ics file or a folder of .ics files to --calendars"))
                continue
            }
            if isDir.boolValue {
                let found = icsFiles(under: p)
                if found.isEmpty {
                    diagnostics.append(
                        Diagnostic(.warning, SourceLocation(path: p), "the folder holds no .ics files"))
                }
                files += found.map { ($0, $0) }
            } else {
                files.append((p, p))
            }
        }
        return read(files: files, options: options, extraDiagnostics: diagnostics)
    }

    /// Reads one file, naming it `displayPath` in sources and diagnostics (for bundled resources).
    public static func read(file: String, displayPath: String, options: ReadOptions) -> ReadResult {
        read(files: [(file, displayPath)], options: options, extraDiagnostics: [])
    }

    /// Reads calendar text; `path` names it in sources and diagnostics.
    public static func read(text: String, path: String, options: ReadOptions) -> ReadResult {
        read(bytes: Array(text.utf8), path: path, options: options)
    }

    /// Reads calendar bytes; `path` names it in sources and diagnostics.
    public static func read(bytes: [UInt8], path: String, options: ReadOptions) -> ReadResult {
        LibICal.withLock {
            let session = ReadSession(options: options)
            session.readFile(path: path) { feed in
                bytes.withUnsafeBufferPointer { feed($0) }
                return nil
            }
            return session.finish()
        }
    }

    static func read(files: [(path: String, display: String)], options: ReadOptions, extraDiagnostics: [Diagnostic])
        -> ReadResult
    {
        LibICal.withLock {
            let session = ReadSession(options: options)
            session.diagnostics += extraDiagnostics
            for f in files {
                session.readFile(path: f.display) { feed in
                    readChunks(of: f.path, feed)
                }
            }
            return session.finish()
        }
    }

    /// Every `*.ics` file below `folder`, sorted by path.
    public static func icsFiles(under folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            guard rel.lowercased().hasSuffix(".ics") else { continue }
            let full = folder.hasSuffix("/") ? folder + rel : folder + "/" + rel
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out.append(full) }
        }
        return out.sorted()
    }

    /// Feeds the file in chunks of 1 MiB; returns an error text when it cannot be read.
    static func readChunks(of path: String, _ feed: (UnsafeBufferPointer<UInt8>) -> Void) -> String? {
        guard let f = fopen(path, "rb") else { return "cannot open the file (\(String(cString: strerror(errno))))" }
        defer { fclose(f) }
        let size = 1 << 20
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { buf.deallocate() }
        while true {
            let n = fread(buf, 1, size, f)
            if n > 0 { feed(UnsafeBufferPointer(start: buf, count: n)) }
            if n < size {
                if ferror(f) != 0 { return "cannot read the file" }
                return nil
            }
        }
    }
}

extension ReadResult {
    /// FNV-1a 64 of the UTF-8 bytes (the offset basis for a missing UID, as libical_expand.c
    /// does): the per-UID term of `checksum`.
    public static func fnv1a64(_ s: String?) -> UInt64 {
        var h: UInt64 = 1_469_598_103_934_665_603
        guard let s else { return h }
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 1_099_511_628_211
        }
        return h
    }
}
