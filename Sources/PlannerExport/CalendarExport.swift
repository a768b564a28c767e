import ICalKit
public import PlannerCore

/// calendar.ics, tasks.ics and the per-channel calendars of a plan, written through ICalKit's
/// CalendarWriter. Every plan item is an all-day VEVENT on its date (a text with a send time is a
/// 15-minute event at that time, Europe/London); every prep task is an all-day VEVENT on its due
/// date in the same calendar, because Google Calendar and Outlook ignore VTODO on import
/// (ical_engineering.md §6.1), and a VTODO with DUE in tasks.ics for task apps.
///
/// UIDs are `<item id>@<domain>` (`<item id>-w<n>@<domain>` per wave once items have waves),
/// `<item id>-prep-<slug of the task>@<domain>` for prep events and the same with `-task` for the
/// VTODOs, where the domain is the ODS code in lower case (else a slug of the practice name) and
/// `.awareness-planner`; never the send date, so a re-import updates in place.
public enum CalendarExport {
    public static let prodid = "-//AwarenessPlanner//Exports 1.0//EN"

    /// The calendars and the new state.
    public struct Output: Sendable {
        public var calendar: String
        public var tasks: String
        /// One calendar per channel that has entries, in the fixed channel order.
        public var perChannel: [(channel: PlanChannel, text: String)]
        public var state: ExportState
        /// The events of calendar.ics, in its order (the weekly digest attaches a week's share).
        public var events: [CalendarEvent] = []
    }

    /// An entry before SEQUENCE and DTSTAMP are known.
    struct Draft {
        var kind: String
        var channel: PlanChannel
        /// The date of the plan item it belongs to (a prep task's item's date): what decides
        /// whether a later plan for a window may cancel it.
        var itemDate: CivilDate
        var uid: String
        var timing: EventTiming
        var summary: String
        var description: String
        var categories: [String]
        var url: String?

        var hash: String {
            // `ReadResult.fnv1a64` of the parts joined by U+001F, without joining them.
            var h64: UInt64 = 1_469_598_103_934_665_603
            func add(_ part: String, first: Bool = false) {
                if !first {
                    h64 ^= 0x1F
                    h64 = h64 &* 1_099_511_628_211
                }
                var part = part
                part.withUTF8 { bytes in
                    for b in bytes {
                        h64 ^= UInt64(b)
                        h64 = h64 &* 1_099_511_628_211
                    }
                }
            }
            // Part by part (no array of the parts is built: this runs for every entry of every export).
            add(kind, first: true)
            add(channel.rawValue)
            add(itemDate.iso)
            add(uid)
            add(timingKey(timing))
            add(summary)
            add(description)
            add(url ?? "")
            for part in categories { add(part) }
            let h = String(h64, radix: 16)
            return String(repeating: "0", count: 16 - h.count) + h
        }
    }

    /// `descriptions`, when given, is `descriptions(plan, options:)` made once for the calendar
    /// and the calendar CSVs (PlanExports.render).
    public static func build(_ plan: Plan, options: ExportOptions, previous: ExportState?, descriptions: [String]? = nil) -> Output {
        let drafts = self.drafts(plan, options: options, descriptions: descriptions)
        let before = Dictionary((previous?.entries ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        let nowStamp = options.stamp.description
        var entries: [ExportState.Entry] = []
        var events: [(channel: PlanChannel, event: CalendarEvent)] = []
        var todos: [CalendarTodo] = []
        var seen = Set<String>()
        for d in drafts {
            seen.insert(d.uid)
            let hash = d.hash
            var sequence = 0
            var stamp = options.stamp
            if let old = before[d.uid] {
                if old.hash == hash && !old.cancelled, let s = ExportState.stamp(old.stamp) {
                    sequence = old.sequence
                    stamp = s
                } else {
                    sequence = old.sequence + 1
                }
            }
            entries.append(entry(d, hash: hash, sequence: sequence, stamp: stamp.description, cancelled: false))
            if d.kind == "todo" {
                todos.append(
                    CalendarTodo(
                        uid: d.uid, sequence: sequence, dtstamp: stamp, due: startDate(d.timing), summary: d.summary,
                        description: d.description, status: .needsAction))
            } else {
                events.append(
                    (
                        d.channel,
                        CalendarEvent(
                            uid: d.uid, sequence: sequence, dtstamp: stamp, timing: d.timing, summary: d.summary,
                            description: d.description, categories: d.categories, url: d.url, status: .confirmed)
                    ))
            }
        }
        // Entries written before that the new plan no longer has: cancelled when dated inside the
        // new plan's window (so exporting another quarter into the same folder cancels nothing),
        // otherwise kept in the state untouched and not written.
        for old in (previous?.entries ?? []).sorted(by: { $0.uid < $1.uid }) where !seen.contains(old.uid) {
            guard let start = CivilDate(iso: old.start), let timing = timing(of: old),
                let channel = PlanChannel(rawValue: old.channel), let anchor = CivilDate(iso: old.itemDate)
            else { continue }
            guard anchor >= plan.from && anchor < plan.to else {
                entries.append(old)
                continue
            }
            var e = old
            if !old.cancelled {
                e.cancelled = true
                e.sequence = old.sequence + 1
                e.stamp = nowStamp
            }
            entries.append(e)
            let stamp = ExportState.stamp(e.stamp) ?? options.stamp
            if old.kind == "todo" {
                todos.append(
                    CalendarTodo(
                        uid: e.uid, sequence: e.sequence, dtstamp: stamp, due: start, summary: e.summary,
                        description: "Cancelled: the plan no longer has this task.", status: .cancelled))
            } else {
                events.append(
                    (
                        channel,
                        CalendarEvent(
                            uid: e.uid, sequence: e.sequence, dtstamp: stamp, timing: timing, summary: e.summary,
                            description: "Cancelled: the plan no longer has this entry.", status: .cancelled)
                    ))
            }
        }
        events.sort { (startKey($0.event.timing), $0.event.uid) < (startKey($1.event.timing), $1.event.uid) }
        todos.sort { ($0.due, $0.uid) < ($1.due, $1.uid) }
        let name = "\(plan.practiceName): patient communication \(plan.from.iso) to \(plan.to.adding(days: -1).iso)"
        let calendar = CalendarWriter.write(
            CalendarDocument(prodid: prodid, method: "PUBLISH", name: name, events: events.map(\.event)))
        let tasks = CalendarWriter.write(
            CalendarDocument(prodid: prodid, method: "PUBLISH", name: "\(plan.practiceName): preparation tasks", todos: todos))
        var perChannel: [(channel: PlanChannel, text: String)] = []
        if options.perChannel {
            for c in PlanChannel.allCases.sorted() {
                let mine = events.filter { $0.channel == c }.map(\.event)
                guard !mine.isEmpty else { continue }
                perChannel.append(
                    (
                        c,
                        CalendarWriter.write(
                            CalendarDocument(
                                prodid: prodid, method: "PUBLISH", name: "\(name) (\(ExportContent.channelLabel(c)))",
                                events: mine))
                    ))
            }
        }
        return Output(
            calendar: calendar, tasks: tasks, perChannel: perChannel, state: ExportState(entries: entries), events: events.map(\.event))
    }

    // MARK: - Drafts

    static func drafts(_ plan: Plan, options: ExportOptions, descriptions: [String]? = nil) -> [Draft] {
        let domain = ExportContent.uidDomain(plan)
        let repeated = ExportContent.repeatedChannels(plan)
        var out: [Draft] = []
        for (k, item) in plan.items.enumerated() {
            out += itemDrafts(
                item, sendings: ExportContent.sendings(item), domain: domain, options: options,
                description: descriptions?[k] ?? description(item, options: options))
            let label = ExportContent.channelLabel(item.channel)
            for task in item.prepTasks {
                let slug = Slug.make(task.task)
                let summary = ExportContent.prepTitle(task.task, item, repeated: repeated)
                let text =
                    "For the \(ExportContent.itemNoun(item.channel)), \(item.title), on \(ExportContent.longDate(item.date)).\n"
                    + "Plan item: \(item.id)"
                let day = EventTiming.allDay(start: task.due, end: task.due.adding(days: 1))
                out.append(
                    Draft(
                        kind: "event", channel: item.channel, itemDate: item.date, uid: "\(item.id)-prep-\(slug)@\(domain)", timing: day,
                        summary: summary, description: text, categories: ["Prep", label], url: nil))
                out.append(
                    Draft(
                        kind: "todo", channel: item.channel, itemDate: item.date, uid: "\(item.id)-prep-\(slug)-task@\(domain)", timing: day,
                        summary: summary, description: text, categories: [], url: nil))
            }
        }
        // UIDs must be unique in a calendar (RFC 5545 §3.8.4.7; CalDAV servers reject a second
        // resource with the same UID): a repeat (two prep tasks of one item with the same words)
        // gets "-2", "-3", ... before the "@".
        var used: [String: Int] = [:]
        for i in out.indices {
            let n = (used[out[i].uid] ?? 0) + 1
            used[out[i].uid] = n
            if n > 1, let at = out[i].uid.firstIndex(of: "@") {
                out[i].uid = String(out[i].uid[..<at]) + "-\(n)" + String(out[i].uid[at...])
            }
        }
        return out
    }

    /// The VEVENTs of one item, one per sending: `<item id>@<domain>` when it is sent once,
    /// `<item id>-w<n>@<domain>` (n from 1) and "(wave n of N)" in the title when it is sent in waves.
    static func itemDrafts(
        _ item: PlanItem, sendings: [ExportContent.Sending], domain: String, options: ExportOptions, description: String? = nil
    ) -> [Draft] {
        let description = description ?? Self.description(item, options: options)
        let label = ExportContent.channelLabel(item.channel)
        let categories = [label] + item.groups.map { ExportContent.name($0, options.names) }
        return sendings.enumerated().map { n, s in
            let uid = sendings.count == 1 ? "\(item.id)@\(domain)" : "\(item.id)-w\(n + 1)@\(domain)"
            let summary =
                sendings.count == 1
                ? "\(label): \(item.title)" : "\(label): \(item.title) (wave \(n + 1) of \(sendings.count))"
            return Draft(
                kind: "event", channel: item.channel, itemDate: s.date, uid: uid, timing: timing(item, on: s.date),
                summary: summary, description: description, categories: categories,
                url: ExportContent.url(item, options))
        }
    }

    /// A text with a send time is a 15-minute event at that time; everything else is all day.
    static func timing(_ item: PlanItem, on date: CivilDate) -> EventTiming {
        if let t = item.time {
            return .londonTime(date: date, startMinutes: t.minutesSinceMidnight, endMinutes: min(t.minutesSinceMidnight + 15, 23 * 60 + 59))
        }
        return .allDay(start: date, end: date.adding(days: 1))
    }

    /// Every item's DESCRIPTION, in plan order. It is the same for each sending (wave) of an
    /// item and for the calendar and its CSVs, so it is made once per item, not once per row.
    static func descriptions(_ plan: Plan, options: ExportOptions) -> [String] {
        plan.items.map { description($0, options: options) }
    }

    /// The DESCRIPTION: who, goal, the words, the prep tasks, then the planner's reasons.
    static func description(_ item: PlanItem, options: ExportOptions) -> String {
        var lines = [
            "Who: " + ExportContent.audience(item, names: options.names),
            "Goal: " + ExportContent.goal(item, names: options.names),
            "Message: " + (ExportContent.message(item) ?? ExportContent.noMessage),
        ]
        if !item.prepTasks.isEmpty {
            lines.append("Prep:")
            for t in item.prepTasks { lines.append("- \(t.task) by \(ExportContent.longDate(t.due))") }
        }
        let why = ExportContent.reasons(item)
        if !why.isEmpty {
            lines.append("Why:")
            for w in why { lines.append("- \(w)") }
        }
        lines.append("Plan item: \(item.id)")
        return lines.joined(separator: "\n")
    }

    // MARK: - Helpers

    static func entry(_ d: Draft, hash: String, sequence: Int, stamp: String, cancelled: Bool) -> ExportState.Entry {
        var e = ExportState.Entry(
            uid: d.uid, kind: d.kind, channel: d.channel.rawValue, itemDate: d.itemDate.iso, hash: hash, sequence: sequence, stamp: stamp,
            start: "", end: "", startTime: nil, endTime: nil, summary: d.summary, cancelled: cancelled)
        switch d.timing {
        case .allDay(let s, let en):
            e.start = s.iso
            e.end = en.iso
        case .londonTime(let day, let from, let to):
            e.start = day.iso
            e.end = day.iso
            e.startTime = hhmm(from)
            e.endTime = hhmm(to)
        }
        return e
    }

    static func timing(of e: ExportState.Entry) -> EventTiming? {
        guard let s = CivilDate(iso: e.start) else { return nil }
        if let a = e.startTime.flatMap(minutes), let b = e.endTime.flatMap(minutes) {
            return .londonTime(date: s, startMinutes: a, endMinutes: b)
        }
        guard let en = CivilDate(iso: e.end), en > s else { return nil }
        return .allDay(start: s, end: en)
    }

    static func hhmm(_ m: Int) -> String { ExportContent.pad2(m / 60) + ":" + ExportContent.pad2(m % 60) }

    static func minutes(_ s: String) -> Int? {
        let parts = s.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return h * 60 + m
    }

    static func startDate(_ t: EventTiming) -> CivilDate {
        switch t {
        case .allDay(let s, _): return s
        case .londonTime(let d, _, _): return d
        }
    }

    static func startKey(_ t: EventTiming) -> Int {
        switch t {
        case .allDay(let s, _): return s.daysSinceEpoch * 1440
        case .londonTime(let d, let m, _): return d.daysSinceEpoch * 1440 + m
        }
    }

    static func timingKey(_ t: EventTiming) -> String {
        switch t {
        case .allDay(let s, let e): return "D\(s.iso)/\(e.iso)"
        case .londonTime(let d, let a, let b): return "T\(d.iso)/\(a)/\(b)"
        }
    }
}
