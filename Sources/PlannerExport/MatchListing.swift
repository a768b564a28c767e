import PlannerCore

/// `planner match` and `planner explain`: which groups and services each day targets, with the
/// evidence, and (with a profile) how much each day matters to the practice. The JSON is a
/// contract (see README "Output formats and stability"); its key order is fixed.
public enum MatchListing {
    /// One line per day: uid, title, start, groups, services, score, why; with `relevance`
    /// (one per match, same order) also relevance, groupSizes, servicesOffered, relevanceWhy.
    public static func json(_ matches: [MatchResult], relevance: [Relevance]?) -> String {
        JSONWriter.listing(
            matches.enumerated().map { i, m in
                var members = [
                    JSONMember("uid", .nullable(m.uid)),
                    JSONMember("title", .string(m.title)),
                    JSONMember("start", .string(m.start.iso)),
                    JSONMember("groups", .strings(m.groupIds)),
                    JSONMember("services", .strings(m.serviceIds)),
                    JSONMember("score", .number(JSONWriter.number(m.score))),
                    JSONMember("why", .strings(m.why)),
                ]
                if let r = relevance?[i] {
                    members += [
                        JSONMember("relevance", .number(JSONWriter.number(r.relevance))),
                        JSONMember(
                            "groupSizes",
                            .array(
                                r.groupSizes.map {
                                    .object([JSONMember("id", .string($0.id)), JSONMember("size", $0.size.map(JSONValue.int) ?? .null)])
                                })),
                        JSONMember(
                            "servicesOffered",
                            .array(
                                r.servicesOffered.map {
                                    .object([JSONMember("id", .string($0.id)), JSONMember("offered", .bool($0.offered))])
                                })),
                        JSONMember("relevanceWhy", .strings(r.why)),
                    ]
                }
                return .object(members)
            })
    }

    /// A plain-text table: a line naming the window and the practice, then one row per day.
    public static func table(
        _ matches: [MatchResult], relevance: [Relevance]?, window: DateWindow, practice: PracticeProfile?
    ) -> String {
        let matched = matches.filter { !$0.groupIds.isEmpty || !$0.serviceIds.isEmpty }.count
        var out = "Awareness days from \(window.from.iso) to \(window.to.iso) (exclusive): \(matches.count) days, \(matched) matched"
        if let practice { out += ", relevance for \(practice.name)" + (practice.odsCode.map { " (\($0))" } ?? "") }
        out += "\n"
        guard !matches.isEmpty else { return out }
        var rows = [["START", "TITLE", "SCORE"] + (relevance == nil ? [] : ["RELEVANCE"]) + ["GROUPS", "SERVICES"]]
        for (i, m) in matches.enumerated() {
            var r = [m.start.civilDate.iso, m.title, JSONWriter.number(m.score)]
            if let rel = relevance?[i] { r.append(JSONWriter.number(rel.relevance)) }
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

    /// `planner explain`: the evidence behind every id of one day, its relevance for `practice`,
    /// and, for a day labelled with X-GP-GROUPS / X-GP-SERVICES, what the vocabulary alone finds
    /// (`unlabelled`, the match of the same day without its labels).
    public static func explanation(
        _ d: CleanOccurrence, _ m: MatchResult, unlabelled: MatchResult?, taxonomy: Taxonomy,
        relevance: (practice: PracticeProfile, relevance: Relevance)?
    ) -> String {
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
                out += "    \(id.id) (\(label)), score \(JSONWriter.number(id.score))\n"
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
        if let relevance {
            out += "  relevance for \(relevance.practice.name): \(JSONWriter.number(relevance.relevance.relevance))\n"
            for w in relevance.relevance.why { out += "    \(w)\n" }
            // Every factor of the product, so a manager can see what moved the day up or down.
            if !relevance.relevance.factors.isEmpty {
                out += "    = " + relevance.relevance.factors.map { Format.decimal($0.value, places: 3) }
                    .joined(separator: " x ") + " (" + relevance.relevance.factors.map(\.name).joined(separator: " x ") + ")\n"
                for f in relevance.relevance.factors {
                    out += "    \(f.name.padding(9))\(Format.decimal(f.value, places: 3))  \(f.note)\n"
                }
            }
        }
        if let plain = unlabelled {
            out += "  without X-GP-GROUPS / X-GP-SERVICES the vocabulary finds:\n"
            for id in plain.groups + plain.services {
                out += "    \(id.id), score \(JSONWriter.number(id.score)): \(id.evidence.map(\.description).joined(separator: "; "))\n"
            }
            if (plain.groups + plain.services).isEmpty { out += "    nothing\n" }
        }
        return out
    }
}
