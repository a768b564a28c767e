import ArgumentParser
import Foundation
import PlannerCore
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
        let practice = try profile.map { try loadProfile($0, taxonomy: taxonomy) }
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
            out += Self.explain(d, matcher.match(d), taxonomy: taxonomy, practice: practice)
            if d.explicitGroups != nil || d.explicitServices != nil {
                // Show what the vocabulary alone finds, as it would for a third-party feed.
                var plain = d
                plain.explicitGroups = nil
                plain.explicitServices = nil
                let m = matcher.match(plain)
                out += "  without X-GP-GROUPS / X-GP-SERVICES the vocabulary finds:\n"
                for id in m.groups + m.services {
                    out += "    \(id.id), score \(jsonNumber(id.score)): \(id.evidence.map(\.description).joined(separator: "; "))\n"
                }
                if (m.groups + m.services).isEmpty { out += "    nothing\n" }
            }
        }
        print(out, terminator: "")
        if hadErrors { throw ExitCode(65) }
    }

    static func explain(_ d: CleanOccurrence, _ m: MatchResult, taxonomy: Taxonomy, practice: PracticeProfile?) -> String {
        var out = "\(d.normalizedTitle)\n"
        let last: String
        if case .date(let e) = d.end, d.allDay { last = e.adding(days: -1).iso } else { last = d.end.iso }
        out += "  when:    \(d.start.iso)" + (last == d.start.iso ? "" : " to \(last)") + "\n"
        out += "  uid:     \(d.uid ?? "(none)")\n"
        out += "  source:  \(d.sources.map(\.description).joined(separator: ", "))\n"
        if !d.mergedUids.isEmpty { out += "  merged:  \(d.mergedUids.joined(separator: ", "))\n" }
        if !d.categories.isEmpty { out += "  categories: \(d.categories.joined(separator: ", "))\n" }
        func section(_ name: String, _ ids: [IdMatch]) {
            out += "  \(name):\n"
            if ids.isEmpty { out += "    (none)\n" }
            for id in ids {
                let label = taxonomy.entry(id.id)?.name ?? id.id
                out += "    \(id.id) (\(label)), score \(jsonNumber(id.score))\n"
                for e in id.evidence { out += "      - \(e.description)\n" }
            }
        }
        section("groups", m.groups)
        section("services", m.services)
        let notes = m.why.filter { line in !(m.groups + m.services).contains { line.hasPrefix($0.id + ": ") } }
        if !notes.isEmpty {
            out += "  notes:\n"
            for n in notes { out += "    - \(n)\n" }
        }
        if let practice {
            let r = Relevance.assess(m, profile: practice, taxonomy: taxonomy)
            out += "  relevance for \(practice.name): \(jsonNumber(r.relevance))\n"
            for w in r.why { out += "    \(w)\n" }
        }
        return out
    }
}
