import ArgumentParser
import Foundation
import PlannerCore
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
        let taxonomy = try input.loadTaxonomy()
        let practice = try profile.map { try loadProfile($0, taxonomy: taxonomy) }
        let (days, hadErrors) = input.cleanedDays(window: dateWindow)
        let matches = Matcher(taxonomy: taxonomy).match(days)
        let relevance = practice.map { p in matches.map { Relevance.assess($0, profile: p, taxonomy: taxonomy) } }
        switch format {
        case .json:
            print(MatchOutput.json(matches, relevance: relevance), terminator: "")
            printError("window: \(dateWindow)\n")
        case .table:
            print(MatchOutput.table(matches, relevance: relevance, window: dateWindow, practice: practice), terminator: "")
        }
        if hadErrors { throw ExitCode(65) }
    }
}

enum MatchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}

/// Writes match results. JSON key order is fixed (a contract, see README).
enum MatchOutput {
    static func strings(_ xs: [String]) -> String { "[" + xs.map(DaysOutput.jsonString).joined(separator: ", ") + "]" }

    static func json(_ matches: [MatchResult], relevance: [Relevance]?) -> String {
        if matches.isEmpty { return "[]\n" }
        var out = "[\n"
        for (i, m) in matches.enumerated() {
            var fields = [
                "\"uid\": \(m.uid.map(DaysOutput.jsonString) ?? "null")",
                "\"title\": \(DaysOutput.jsonString(m.title))",
                "\"start\": \(DaysOutput.jsonString(m.start.iso))",
                "\"groups\": \(strings(m.groupIds))",
                "\"services\": \(strings(m.serviceIds))",
                "\"score\": \(jsonNumber(m.score))",
                "\"why\": \(strings(m.why))",
            ]
            if let r = relevance?[i] {
                fields.append("\"relevance\": \(jsonNumber(r.relevance))")
                let sizes = r.groupSizes.map { "{\"id\": \(DaysOutput.jsonString($0.id)), \"size\": \($0.size.map(String.init) ?? "null")}" }
                fields.append("\"groupSizes\": [\(sizes.joined(separator: ", "))]")
                let offered = r.servicesOffered.map { "{\"id\": \(DaysOutput.jsonString($0.id)), \"offered\": \($0.offered)}" }
                fields.append("\"servicesOffered\": [\(offered.joined(separator: ", "))]")
                fields.append("\"relevanceWhy\": \(strings(r.why))")
            }
            out += "  {" + fields.joined(separator: ", ") + (i == matches.count - 1 ? "}\n" : "},\n")
        }
        return out + "]\n"
    }

    static func table(
        _ matches: [MatchResult], relevance: [Relevance]?, window: DateWindow, practice: PracticeProfile?
    ) -> String {
        let matched = matches.filter { !$0.groupIds.isEmpty || !$0.serviceIds.isEmpty }.count
        var out = "Awareness days from \(window.from.iso) to \(window.to.iso) (exclusive): \(matches.count) days, \(matched) matched"
        if let practice { out += ", relevance for \(practice.name)" + (practice.odsCode.map { " (\($0))" } ?? "") }
        out += "\n"
        guard !matches.isEmpty else { return out }
        var rows = [["START", "TITLE", "SCORE"] + (relevance == nil ? [] : ["RELEVANCE"]) + ["GROUPS", "SERVICES"]]
        for (i, m) in matches.enumerated() {
            var r = [m.start.civilDate.iso, m.title, jsonNumber(m.score)]
            if let rel = relevance?[i] { r.append(jsonNumber(rel.relevance)) }
            r += [m.groupIds.joined(separator: ","), m.serviceIds.joined(separator: ",")]
            rows.append(r)
        }
        let cols = rows[0].count
        let widths = (0..<cols - 1).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for r in rows {
            var line = ""
            for c in 0..<cols - 1 { line += r[c] + String(repeating: " ", count: widths[c] - r[c].count) + "  " }
            out += line + r[cols - 1] + "\n"
        }
        return out
    }
}
