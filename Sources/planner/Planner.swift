import ArgumentParser
import Foundation
import PlannerCore

@main
struct Planner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Plan a quarter of GP practice patient communication around national awareness days.",
        version: "0.1.0",
        subcommands: [
            PlanCommand.self, ExportCommand.self, DecideCommand.self, DaysCommand.self, MatchCommand.self,
            ExplainCommand.self, Validate.self, CheckCommand.self, DigestCommand.self,
        ]
    )

    /// Runs the command; a mistyped command name (`planner paln`) gets "did you mean plan?"
    /// (issue 12) rather than ArgumentParser's "Unexpected argument".
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = unknownCommandMessage(first) {
            printError(message)
            Foundation.exit(64)
        }
        main(nil)
    }

    /// The message for a first argument that is neither an option nor a command, else nil.
    static func unknownCommandMessage(_ first: String) -> String? {
        guard !first.hasPrefix("-"), first != "help" else { return nil }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(first) else { return nil }
        let near = closestMatch(to: first.lowercased(), in: names).map { " (did you mean \($0)?)" } ?? ""
        return "error: \"\(first)\" is not a planner command\(near)\n"
            + "hint: the commands are \(names.joined(separator: ", ")); see planner --help\n"
    }
}
