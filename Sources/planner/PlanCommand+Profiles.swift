import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
import PlannerExport
import PlannerIO

extension PlanCommand {
    /// `planner plan --profiles DIR`: every practice in a folder (PlannerIO's `PracticeBatch`),
    /// with progress on standard error and the summary table on standard output.
    func runMany(folder: String, window: DateWindow) throws {
        // One time stamp for every practice's calendars (SOURCE_DATE_EPOCH, else the clock).
        let stamp = try exportStamp()
        let batch = PracticeBatch(folder: folder, source: input.source, window: window, outputFolder: out)
        let preparation = batch.prepare()
        report(preparation.stopped)
        guard let ready = preparation.ready else {
            printError("Nothing was written: the earlier plans in \(out) are kept.\n")
            throw ExitCode(65)
        }
        report(preparation.calendarDiagnostics)
        let progress = Progress(total: ready.count, isTerminal: isatty(STDERR_FILENO) == 1)
        // The exports of every practice, beside its plan.json, as single `plan` writes them; the
        // names and the days' web pages are worked out once for the whole batch.
        let names = ExportOptions.names(from: ready.taxonomy)
        let dayURLs = ExportOptions.dayURLs(from: ready.days)
        let exports: @Sendable (Plan, PracticeProfile, String, URL) throws -> Void = { plan, practice, path, folder in
            var options = ExportOptions(
                stamp: stamp, socialPlatforms: practice.channels.social.map(\.platform), names: names, dayURLs: dayURLs)
            // The weekly digest emails too, when the profile has a digest section, as single `plan` writes them.
            options.digest = try digestOptions(for: practice, profilePath: path)
            try PlanExports.write(plan, to: folder, options: options)
        }
        let outcome = batch.plan(
            ready, rendering: PracticeBatch.Rendering(plan: PlanJSON.render, summary: PracticesSummary.csv, exports: exports)
        ) { i, row in
            progress.done(i, line: PracticesSummary.progressLine(row))
        }
        progress.finish()
        for r in outcome.practices where !r.report.isEmpty { printError(r.report + "\n") }
        let failed = outcome.practices.filter { $0.failure != nil }
        for r in failed {
            let removed = r.removedPlan.map { "; its earlier \($0) was removed" } ?? ""
            printError("\(r.profilePath): not planned: \(r.failure!)\(removed).\n")
        }
        if let problem = outcome.summaryWriteError {
            printError("\(batch.summaryFile.path): error: could not write the summary: \(problem).\n")
            throw ExitCode(73)
        }
        print(
            PracticesSummary.table(outcome.practices, window: window, csvPath: batch.summaryFile.relativePath),
            terminator: "")
        if outcome.anyFailed || preparation.calendarHasErrors { throw ExitCode(65) }
    }
}

/// Progress on standard error: a bar redrawn in place on a terminal, otherwise one plain line
/// per practice in profile order (so a log is the same whatever the timing).
// @unchecked Sendable: every access to the mutable state holds `lock`.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let isTerminal: Bool
    private var lines: [String?]
    private var nextLine = 0
    private var finished = 0
    private var lastDrawn = -1

    init(total: Int, isTerminal: Bool) {
        self.total = total
        self.isTerminal = isTerminal
        lines = Array(repeating: nil, count: total)
    }

    func done(_ index: Int, line: String) {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        if isTerminal {
            let width = 30
            let filled = finished * width / max(1, total)
            guard filled != lastDrawn || finished == total else { return }
            lastDrawn = filled
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            printError("\r[\(bar)] \(finished)/\(total) practices")
        } else {
            lines[index] = line
            var text = ""
            while nextLine < total, let l = lines[nextLine] {
                let number = String(nextLine + 1)
                text += "[\(String(repeating: " ", count: String(total).count - number.count))\(number)/\(total)] \(l)\n"
                nextLine += 1
            }
            if !text.isEmpty { printError(text) }
        }
    }

    func finish() {
        if isTerminal { printError("\n") }
    }
}
