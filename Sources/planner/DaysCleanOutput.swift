import PlannerCore

/// `planner days --clean`: the cleaned view that matching and planning use. The JSON keeps the
/// raw view's keys in the same order and adds normalizedTitle, description (plain text),
/// sources and mergedUids.
enum DaysCleanOutput {
    static func json(_ days: [CleanOccurrence]) -> String {
        if days.isEmpty { return "[]\n" }
        let s = DaysOutput.jsonString
        var out = "[\n"
        for (i, o) in days.enumerated() {
            let fields = [
                "\"uid\": \(o.uid.map(s) ?? "null")",
                "\"title\": \(s(o.title))",
                "\"start\": \(s(o.start.iso))",
                "\"end\": \(s(o.end.iso))",
                "\"allDay\": \(o.allDay)",
                "\"timezone\": \(o.timezone.map(s) ?? "null")",
                "\"categories\": [\(o.categories.map(s).joined(separator: ", "))]",
                "\"status\": \(o.status.map(s) ?? "null")",
                "\"source\": \(s(o.source.description))",
                "\"normalizedTitle\": \(s(o.normalizedTitle))",
                "\"description\": \(o.plainDescription.map(s) ?? "null")",
                "\"sources\": [\(o.sources.map { s($0.description) }.joined(separator: ", "))]",
                "\"mergedUids\": [\(o.mergedUids.map(s).joined(separator: ", "))]",
            ]
            out += "  {" + fields.joined(separator: ", ") + (i == days.count - 1 ? "}\n" : "},\n")
        }
        return out + "]\n"
    }

    /// CSV (RFC 4180, CRLF): the raw columns plus normalizedTitle, sources and mergedUids.
    static func csv(_ days: [CleanOccurrence]) -> String {
        var out = "uid,title,start,end,allDay,timezone,categories,status,source,normalizedTitle,sources,mergedUids\r\n"
        for o in days {
            let fields = [
                o.uid ?? "", o.title, o.start.iso, o.end.iso, o.allDay ? "true" : "false", o.timezone ?? "",
                o.categories.joined(separator: "; "), o.status ?? "", o.source.description, o.normalizedTitle,
                o.sources.map(\.description).joined(separator: "; "), o.mergedUids.joined(separator: "; "),
            ]
            out += fields.map(DaysOutput.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The table of the raw view, on cleaned titles, with merged sources counted.
    static func table(_ days: [CleanOccurrence], window: DateWindow) -> String {
        DaysOutput.table(
            days.map { d in
                var o = d.occurrence
                o.title = d.normalizedTitle + (d.sources.count > 1 ? " (\(d.sources.count) sources)" : "")
                return o
            }, window: window)
    }
}
