import ArgumentParser
import Foundation
import PlannerCore
import PlannerExport
import PlannerIO

/// `planner match`: which patient groups and services each awareness day targets, and (with a
/// profile) how much each day matters to this practice.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match each awareness day to patient groups and services (and score it for a practice).",
        discussion: """
            Reads the cleaned view of the window (titles without years, HTML removed, duplicates merged) \
            and prints, for every day, the taxonomy ids it targets with a score from 0 to 1 and the evidence. \
            Days that match nothing are listed too. With --profile, each day also gets a relevance for that \
            practice, from the size of the groups on its list and whether it offers the services.
            """)

    @OptionGroup var input: CalendarInputOptions
    @OptionGroup var window: WindowOptions

    @Option(name: .long, help: ArgumentHelp("A practice profile (YAML) to score relevance for.", valueName: "file"))
    var profile: String?

    @Option(name: .long, help: "Output format: table or json.")
    var format: MatchFormat = .table

    func validate() throws { _ = try window.resolve() }

    func run() throws {
        let dateWindow = try window.resolve()
        let outcome = MatchingRun(source: input.source, window: dateWindow, profilePath: profile).run()
        try printStages(outcome, profilePath: profile)
        switch format {
        case .json:
            print(MatchListing.json(outcome.matches, relevance: outcome.relevance), terminator: "")
            printError("window: \(dateWindow)\n")
        case .table:
            print(
                MatchListing.table(
                    outcome.matches, relevance: outcome.relevance, window: dateWindow, practice: outcome.practice),
                terminator: "")
        }
        if outcome.hasInputErrors { throw ExitCode(65) }
    }
}

enum MatchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}
