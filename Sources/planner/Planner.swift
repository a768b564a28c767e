import ArgumentParser

@main
struct Planner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner",
        abstract: "Plan a quarter of GP practice patient communication around national awareness days.",
        version: "0.1.0",
        subcommands: [
            PlanCommand.self, ExportCommand.self, DecideCommand.self, DaysCommand.self, MatchCommand.self,
            ExplainCommand.self, Validate.self, CheckCommand.self,
        ]
    )
}
