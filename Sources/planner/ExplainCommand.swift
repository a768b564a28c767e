import ArgumentParser
import Foundation
import PlannerCore
import PlannerExport
import PlannerIO

/// `planner explain DAY`: the evidence behind every id the matcher gave one day.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a day was matched to its groups and services.",
        discussion: """
            DAY is a uid or a title (case and the year do not matter: "stoptober" finds "Stoptober 2027"). \
            Without --from/--to the search covers the 12 months from today.
            """)

    @Argument(help: "A uid or a title.")
    var day: String

    @OptionGroup var input: CalendarInputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: ArgumentHelp("A practice profile (YAML) to explain relevance for.", valueName: "file"))
    var profile: String?

    func run() throws {
        let dateWindow: DateWindow
        if window.from == nil && window.to == nil {
            let today = try window.todayDate(environment: ProcessInfo.processInfo.environment, now: Date())
            dateWindow = DateWindow(from: today, to: CivilDate(year: today.year + 1, month: today.month, day: 1))
        } else {
            dateWindow = try window.resolve()
        }
        let outcome = MatchingRun(source: input.source, window: dateWindow, profilePath: profile).run()
        try printStages(outcome, profilePath: profile)
        let found = MatchingRun.days(named: day, in: outcome.days)
        guard !found.isEmpty, let taxonomy = outcome.taxonomy else {
            var hint = "run `planner days --clean` to list the days from \(dateWindow.from.iso) to \(dateWindow.to.iso)"
            if let near = MatchingRun.suggestion(for: day, in: outcome.days) { hint = "did you mean \"\(near)\"? " + hint }
            printError("error: no day \"\(day)\" from \(dateWindow.from.iso) to \(dateWindow.to.iso) (exclusive)\nhint: \(hint)\n")
            throw ExitCode(65)
        }
        var out = ""
        for (k, i) in found.enumerated() {
            if k > 0 { out += "\n" }
            let d = outcome.days[i]
            out += MatchListing.explanation(
                d, outcome.matches[i], unlabelled: outcome.unlabelledMatch(d), taxonomy: taxonomy,
                relevance: outcome.practice.flatMap { p in outcome.relevance.map { (p, $0[i]) } })
        }
        print(out, terminator: "")
        if outcome.hasInputErrors { throw ExitCode(65) }
    }
}
