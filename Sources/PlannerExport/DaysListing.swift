import PlannerCore

/// `planner days`: the awareness days of a window written out. JSON and CSV are contracts (see
/// README "Output formats and stability"); the field order is fixed: uid, title, start, end,
/// allDay, timezone, categories, status, source.
public enum DaysListing {
    /// The raw view as JSON, one occurrence per line, in the order given (the reader's contract order).
    public static func json(_ occurrences: [Occurrence]) -> String {
        JSONWriter.listing(occurrences.map { .object(members($0)) })
    }

    /// The raw view as CSV: a header record, then one record per occurrence; categories joined with "; ".
    public static func csv(_ occurrences: [Occurrence]) -> String {
        CSV.document(header: header, rows: occurrences.map(fields))
    }

    /// A plain-text table: a line naming the window, a header row, one row per occurrence.
    /// All-day rows show the last day (inclusive) as END and "all day" as ZONE.
    public static func table(_ occurrences: [Occurrence], window: DateWindow) -> String {
        let n = occurrences.count
        var out = "Awareness days from \(window.from.iso) to \(window.to.iso) (exclusive): \(n) occurrence\(n == 1 ? "" : "s")\n"
        guard n > 0 else { return out }
        func shown(_ t: EventTime) -> String { String(t.iso.map { $0 == "T" ? " " : $0 }) }
        var rows = [["START", "END", "ZONE", "TITLE", "SOURCE"]]
        for o in occurrences {
            let end: String
            if case .date(let e) = o.end, o.allDay { end = e.adding(days: -1).iso } else { end = shown(o.end) }
            let zone = o.allDay ? "all day" : (o.timezone ?? "floating")
            let status = o.status.map { $0 == "CONFIRMED" ? "" : " [\($0.lowercased())]" } ?? ""
            rows.append([shown(o.start), end, zone, o.title + status, o.source.description])
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        for r in rows {
            var line = ""
            for c in 0..<4 { line += r[c] + String(repeating: " ", count: widths[c] - r[c].count) + "  " }
            out += line + r[4] + "\n"
        }
        return out
    }

    // MARK: - The cleaned view (`days --clean`)

    /// The cleaned view as JSON: the raw view's keys in the same order, then normalizedTitle,
    /// description (plain text), sources and mergedUids.
    public static func json(_ days: [CleanOccurrence]) -> String {
        JSONWriter.listing(
            days.map { d in
                .object(
                    members(d.occurrence) + [
                        JSONMember("normalizedTitle", .string(d.normalizedTitle)),
                        JSONMember("description", .nullable(d.plainDescription)),
                        JSONMember("sources", .strings(d.sources.map(\.description))),
                        JSONMember("mergedUids", .strings(d.mergedUids)),
                    ])
            })
    }

    /// The cleaned view as CSV: the raw columns plus normalizedTitle, sources and mergedUids.
    public static func csv(_ days: [CleanOccurrence]) -> String {
        CSV.document(
            header: header + ["normalizedTitle", "sources", "mergedUids"],
            rows: days.map { d in
                fields(d.occurrence) + [
                    d.normalizedTitle, d.sources.map(\.description).joined(separator: "; "),
                    d.mergedUids.joined(separator: "; "),
                ]
            })
    }

    /// The table of the raw view, on cleaned titles, with merged sources counted.
    public static func table(_ days: [CleanOccurrence], window: DateWindow) -> String {
        table(
            days.map { d in
                var o = d.occurrence
                o.title = d.normalizedTitle + (d.sources.count > 1 ? " (\(d.sources.count) sources)" : "")
                return o
            }, window: window)
    }

    // MARK: - Fields

    static let header = ["uid", "title", "start", "end", "allDay", "timezone", "categories", "status", "source"]

    static func members(_ o: Occurrence) -> [JSONMember] {
        [
            JSONMember("uid", .nullable(o.uid)),
            JSONMember("title", .string(o.title)),
            JSONMember("start", .string(o.start.iso)),
            JSONMember("end", .string(o.end.iso)),
            JSONMember("allDay", .bool(o.allDay)),
            JSONMember("timezone", .nullable(o.timezone)),
            JSONMember("categories", .strings(o.categories)),
            JSONMember("status", .nullable(o.status)),
            JSONMember("source", .string(o.source.description)),
        ]
    }

    static func fields(_ o: Occurrence) -> [String] {
        [
            o.uid ?? "", o.title, o.start.iso, o.end.iso, o.allDay ? "true" : "false", o.timezone ?? "",
            o.categories.joined(separator: "; "), o.status ?? "", o.source.description,
        ]
    }
}
