import Foundation
import ICalKit
import PlannerCore

/// What the calendar export wrote last time, per UID, kept beside the exports as
/// `.export-state.json` so that a re-plan updates entries instead of duplicating them: an
/// unchanged entry keeps its SEQUENCE and DTSTAMP (so its bytes do not change), a changed one
/// gets SEQUENCE + 1 and the new DTSTAMP, and one the new plan dropped is written once more as
/// CANCELLED (RFC 5546 §2.1.4 and §3.2.5: a higher SEQUENCE supersedes). The file is written in
/// UID order with LF line endings, so it is byte-identical for the same exports.
public struct ExportState: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, Codable {
        public var uid: String
        /// "event" (calendar.ics) or "todo" (tasks.ics).
        public var kind: String
        /// The channel of the plan item it comes from (for the per-channel calendars).
        public var channel: String
        /// The date of the plan item it belongs to (ISO): only entries whose item date is inside a
        /// new plan's window can be cancelled by that plan.
        public var itemDate: String
        /// FNV-1a 64 of the entry's content (everything but SEQUENCE and DTSTAMP), 16 hex digits.
        public var hash: String
        public var sequence: Int
        /// `20270101T090000Z`.
        public var stamp: String
        /// First day (ISO), and the exclusive end day for all-day events.
        public var start: String
        public var end: String
        /// `HH:MM` for timed events (Europe/London), else nil.
        public var startTime: String?
        public var endTime: String?
        public var summary: String
        public var cancelled: Bool
    }

    /// Sorted by UID.
    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries.sorted { $0.uid < $1.uid } }

    public static let fileName = ".export-state.json"

    /// Reads the state file's text; nil when it is not a state file this version wrote.
    public static func parse(_ text: String) -> ExportState? {
        struct File: Codable {
            var version: Int
            var entries: [Entry]
        }
        guard let file = try? JSONDecoder().decode(File.self, from: Data(text.utf8)), file.version == 1 else {
            return nil
        }
        return ExportState(entries: file.entries)
    }

    public func render() -> String {
        // Written straight into bytes in `plainRender`'s layout (JSONWriter.indented of the same
        // object): building a JSONValue tree of thirteen members per entry first cost as much as
        // writing it, for every practice's state file. The tests compare the two.
        var out = JSONWriter.Bytes()
        out += "{\n  \"version\": 1,\n  \"entries\": "
        let sorted = entries.sorted { $0.uid < $1.uid }
        if sorted.isEmpty {
            out += "[]"
        } else {
            out += "[\n"
            func string(_ key: String, _ value: String) {
                out += key
                JSONWriter.appendQuoted(value, to: &out)
                out += ",\n"
            }
            func nullable(_ key: String, _ value: String?) {
                if let value { string(key, value) } else { out += key + "null,\n" }
            }
            for (i, e) in sorted.enumerated() {
                out += "    {\n"
                string("      \"uid\": ", e.uid)
                string("      \"kind\": ", e.kind)
                string("      \"channel\": ", e.channel)
                string("      \"itemDate\": ", e.itemDate)
                string("      \"hash\": ", e.hash)
                out += "      \"sequence\": "
                out += String(e.sequence)
                out += ",\n"
                string("      \"stamp\": ", e.stamp)
                string("      \"start\": ", e.start)
                string("      \"end\": ", e.end)
                nullable("      \"startTime\": ", e.startTime)
                nullable("      \"endTime\": ", e.endTime)
                string("      \"summary\": ", e.summary)
                out += e.cancelled ? "      \"cancelled\": true\n" : "      \"cancelled\": false\n"
                out += i + 1 < sorted.count ? "    },\n" : "    }\n"
            }
            out += "  ]"
        }
        out += "\n}\n"
        return out.string
    }

    /// `render` through the generic JSON writer (the layout `render` must keep).
    func plainRender() -> String {
        let list: [JSONValue] = entries.sorted { $0.uid < $1.uid }.map { e in
            PlanJSON.object([
                ("uid", .string(e.uid)),
                ("kind", .string(e.kind)),
                ("channel", .string(e.channel)),
                ("itemDate", .string(e.itemDate)),
                ("hash", .string(e.hash)),
                ("sequence", .int(e.sequence)),
                ("stamp", .string(e.stamp)),
                ("start", .string(e.start)),
                ("end", .string(e.end)),
                ("startTime", .nullable(e.startTime)),
                ("endTime", .nullable(e.endTime)),
                ("summary", .string(e.summary)),
                ("cancelled", .bool(e.cancelled)),
            ])
        }
        return JSONWriter.indented(PlanJSON.object([("version", .int(1)), ("entries", .array(list))])) + "\n"
    }

    /// `20270101T090000Z` back to a stamp.
    static func stamp(_ s: String) -> UTCStamp? {
        let u = Array(s.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z") else { return nil }
        func n(_ a: Int, _ b: Int) -> Int? { Int(String(decoding: u[a..<b], as: UTF8.self)) }
        guard let y = n(0, 4), let mo = n(4, 6), let d = n(6, 8), let h = n(9, 11), let mi = n(11, 13), let sec = n(13, 15)
        else { return nil }
        return UTCStamp(date: CivilDate(year: y, month: mo, day: d), hour: h, minute: mi, second: sec)
    }
}
