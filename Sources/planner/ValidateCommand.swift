import ArgumentParser
import Foundation
import PlannerCore
import PlannerIO

/// `planner validate --profile P`: checks a practice profile and reports every problem at once.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a practice profile and report every problem in it.",
        discussion: """
            Prints a one-line summary when the profile is valid. Otherwise prints each problem \
            as file:line:column, the line itself, a caret under the fault and a hint, and exits with 65. \
            Warnings (such as a missing SMS budget) are printed but do not fail the check. \
            Register, cohort and service ids are those of the bundled taxonomy plus any --taxonomy files.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The practice profile (YAML) to check.", valueName: "file"))
    var profile: String = "Profiles/urban-young.yaml"

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("A taxonomy file that extends or overrides the bundled one (repeatable).", valueName: "file"))
    var taxonomy: [String] = []

    func run() throws {
        let loaded: Taxonomy
        do {
            loaded = try Taxonomy.load(extra: taxonomy.map { URL(fileURLWithPath: $0) })
        } catch {
            FileHandle.standardError.write(Data(error.diagnostics.map { $0.description + "\n" }.joined().utf8))
            throw ExitCode(65)
        }
        let url = URL(fileURLWithPath: profile)
        let result = ProfileLoader.load(contentsOf: url, displayPath: profile, taxonomy: loaded)
        if !result.diagnostics.isEmpty {
            FileHandle.standardError.write(Data((result.report + "\n").utf8))
        }
        guard let practice = result.profile else {
            let n = result.errors.count
            FileHandle.standardError.write(Data("\(profile): \(n) \(n == 1 ? "error" : "errors") found.\n".utf8))
            throw ExitCode(65)
        }
        print("ok: \(practice.summaryLine)")
    }
}
