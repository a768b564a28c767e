import PlannerCore

/// One call of `CalendarReader.read`: files are read one after another, each with its own
/// VTIMEZONEs and RECURRENCE-ID matching; results are merged and sorted at the end.
final class ReadSession {
    let options: ReadOptions
    var diagnostics: [Diagnostic] = []
    private var occurrences: [Occurrence] = []
    private var eventCount = 0

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
        occurrences += scanner.reader.occurrences.map(\.occurrence)
    }

    func finish() -> ReadResult {
        ReadResult(
            occurrences: occurrences.sorted(by: Occurrence.contractOrder), eventCount: eventCount,
            diagnostics: diagnostics.sorted(by: Diagnostic.reportOrder))
    }
}
