import PlannerCore

/// One call of `CalendarReader.read`: files are read one after another, each with its own
/// VTIMEZONEs and RECURRENCE-ID matching; results are merged and sorted at the end.
final class ReadSession {
    let options: ReadOptions
    var diagnostics: [Diagnostic] = []
    private var occurrences: [Occurrence] = []
    private var eventCount = 0
    private var occurrenceCount = 0
    private var checksum: UInt64 = 0

    init(options: ReadOptions) { self.options = options }

    /// Reads one file; `produce` feeds its bytes in chunks and returns an error text on failure.
    func readFile(path: String, produce: ((UnsafeBufferPointer<UInt8>) -> Void) -> String?) {
        let scanner = FileScanner(path: path, options: options)
        var unfolder = LineUnfolder()
        let failure = produce { chunk in unfolder.feed(chunk) { scanner.line($0) } }
        if let failure {
            diagnostics.append(Diagnostic(.error, SourceLocation(path: path), failure))
            return
        }
        unfolder.finish { scanner.line($0) }
        scanner.finish()
        diagnostics += scanner.diagnostics
        eventCount += scanner.reader.eventCount
        let r = scanner.reader
        occurrenceCount += r.records.count
        r.records.forEach { o in checksum &+= o.uid.a ^ UInt64(bitPattern: o.startKey) }
        if occurrences.isEmpty {
            swap(&occurrences, &scanner.reader.occurrences)
        } else {
            occurrences += scanner.reader.occurrences
            scanner.reader.occurrences = []
        }
    }

    /// The same order as `Occurrence.contractOrder` (start string, uid, source), with the start
    /// compared as (wall-clock key, date before date-time): the ISO strings are fixed-width and a
    /// date is a prefix of a date-time on the same day, so this is the string order without
    /// building strings in the comparator.

    func finish() -> ReadResult {
        Occurrence.sortInContractOrder(&occurrences)
        return ReadResult(
            occurrences: occurrences, eventCount: eventCount, occurrenceCount: occurrenceCount, checksum: checksum,
            diagnostics: diagnostics.sorted(by: Diagnostic.reportOrder))
    }
}
