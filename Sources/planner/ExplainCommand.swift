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
        let taxonomy = try input.loadTaxonomy()
        let practice = try profile.map(loadProfile)
        let (days, hadErrors) = input.cleanedDays(window: dateWindow)
        let wanted = TextCleaning.normalizedTitle(day).lowercased()
        var found = days.filter { $0.uid == day || $0.mergedUids.contains(day) }
        if found.isEmpty { found = days.filter { $0.normalizedTitle.lowercased() == wanted } }
        if found.isEmpty { found = days.filter { $0.normalizedTitle.lowercased().contains(wanted) } }
        guard !found.isEmpty else {
            let titles = days.map(\.normalizedTitle)
            var hint = "run `planner days --clean` to list the days from \(dateWindow.from.iso) to \(dateWindow.to.iso)"
            if let near = closestMatch(to: TextCleaning.normalizedTitle(day), in: titles) { hint = "did you mean \"\(near)\"? " + hint }
            printError("error: no day \"\(day)\" from \(dateWindow.from.iso) to \(dateWindow.to.iso) (exclusive)\nhint: \(hint)\n")
            throw ExitCode(65)
        }
        let matcher = Matcher(taxonomy: taxonomy)
        var out = ""
        for (i, d) in found.enumerated() {
            if i > 0 { out += "\n" }
            let m = matcher.match(d)
            var unlabelled: MatchResult?
            if d.explicitGroups != nil || d.explicitServices != nil {
                // What the vocabulary alone finds, as it would for a third-party feed.
                var plain = d
                plain.explicitGroups = nil
                plain.explicitServices = nil
                unlabelled = matcher.match(plain)
            }
            out += MatchListing.explanation(
                d, m, unlabelled: unlabelled, taxonomy: taxonomy,
                relevance: practice.map { ($0, Relevance.assess(m, profile: $0, taxonomy: taxonomy)) })
        }
        print(out, terminator: "")
        if hadErrors { throw ExitCode(65) }
    }
}
