// libFuzzer target over the calendar reader and the cleaned view (`make fuzz`).
// Built with `swift build --product ReaderFuzz --sanitize=fuzzer`, libFuzzer's main drives
// LLVMFuzzerTestOneInput; in a plain build this is an executable that does nothing.
import ICalKit
import PlannerCore

@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // A window around the dates the seeds use, so recurrence expansion is exercised.
    let window = DateWindow(from: CivilDate(year: 2024, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1))
    let result = CalendarReader.read(bytes: bytes, path: "fuzz.ics", options: ReadOptions(window: window))
    let cleaned = CleanedView.build(result.occurrences) { _, _ in 0 }
    // Every occurrence the reader returns must satisfy the window rule and be well ordered.
    for o in result.occurrences where !window.contains(start: o.start, end: o.end) {
        fatalError("occurrence outside the window: \(o.start.iso) \(o.end.iso)")
    }
    for d in result.diagnostics where d.location.path != "fuzz.ics" {
        fatalError("diagnostic names the wrong file: \(d)")
    }
    // Counting only (the benchmark's path) must agree with the full read.
    var lean = ReadOptions(window: window)
    lean.summaryOnly = true
    let counted = CalendarReader.read(bytes: bytes, path: "fuzz.ics", options: lean)
    if counted.summaryLine != result.summaryLine || counted.diagnostics != result.diagnostics {
        fatalError("summary read disagrees: \(counted.summaryLine) vs \(result.summaryLine)")
    }
    _ = cleaned.count
    return 0
}
