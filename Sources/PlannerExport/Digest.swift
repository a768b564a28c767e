import Foundation
import ICalKit
import Mustache
public import PlannerCore

/// Who the weekly digest goes to and how it reads: the profile's `digest` and `team` sections and
/// the templates (the bundled ones or the practice's own).
public struct DigestOptions: Sendable, Hashable {
    public var settings: DigestSettings
    public var team: [TeamMember]
    public var templates: DigestTemplates

    public init(settings: DigestSettings, team: [TeamMember] = [], templates: DigestTemplates = DigestTemplates()) {
        self.settings = settings
        self.team = team
        self.templates = templates
    }
}

/// The weekly digest email (issue 15): one RFC 5322 message per ISO week of the plan, written
/// with the exports as `digest/2027-W03.eml`. It says what goes out that week (channel, audience,
/// time, the words), what to prepare and sign off for next week and who does it, which items
/// wait for a clinical sign-off (`planner decide approve ITEM`), the budget and staff hours left,
/// and the plan's warnings about those two weeks. multipart/mixed holds a multipart/alternative
/// (text/plain and text/html from mustache templates) and a text/calendar attachment with the
/// week's entries of calendar.ics (same UIDs, SEQUENCE and DTSTAMP).
///
/// Pure: the same plan, options and calendar state give the same bytes. The Date header is the
/// run's "now" (`ExportOptions.stamp`); the Message-ID is a hash of everything else, so it is the
/// same for the same plan and week.
public enum Digest {
    /// One week's message.
    public struct Message: Sendable, Hashable {
        /// "2027-W03".
        public var week: String
        public var subject: String
        public var text: String
        public var html: String
        public var calendar: String
        public var messageID: String
        /// The whole message, CRLF line ends.
        public var eml: String
    }

    // MARK: Weeks

    /// The Mondays of the ISO weeks the plan's window touches, in order.
    public static func weeks(_ plan: Plan) -> [CivilDate] {
        var out: [CivilDate] = []
        var monday = plan.from.mondayOfWeek
        while monday < plan.to {
            out.append(monday)
            monday = monday.adding(days: 7)
        }
        return out
    }

    /// The Monday of an ISO week written `2027-W03`, nil when it is not one.
    public static func monday(ofWeek label: String) -> CivilDate? {
        let parts = label.uppercased().split(separator: "-W", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let w = Int(parts[1]),
            w >= 1, w <= 53
        else { return nil }
        let jan4 = CivilDate(year: y, month: 1, day: 4)
        let monday = jan4.mondayOfWeek.adding(days: (w - 1) * 7)
        return monday.isoWeekLabel == label.uppercased() ? monday : nil
    }

    /// `digest/2027-W03.eml`.
    public static func fileName(week: String) -> String { "digest/\(week).eml" }

    // MARK: Messages

    /// The events of calendar.ics the attachments take theirs from, given the state the
    /// calendar export left (so SEQUENCE and DTSTAMP are the ones calendar.ics has).
    public static func calendarEvents(_ plan: Plan, options: ExportOptions, state: ExportState?) -> [CalendarEvent] {
        CalendarExport.build(plan, options: options, previous: state).events
    }

    /// Every week's message.
    public static func messages(
        _ plan: Plan, options: ExportOptions, digest: DigestOptions, events: [CalendarEvent]
    ) -> [Message] {
        weeks(plan).map { message(plan, monday: $0, options: options, digest: digest, events: events) }
    }

    /// The message for the week starting `monday`.
    public static func message(
        _ plan: Plan, monday: CivilDate, options: ExportOptions, digest: DigestOptions, events: [CalendarEvent]
    ) -> Message {
        let week = DigestWeek(plan: plan, monday: monday, options: options, team: digest.team)
        let values = week.values()
        let text = normalise(digest.templates.renderText(values))
        let html = normalise(digest.templates.renderHTML(values))
        let calendar = weekCalendar(plan, week: week, events: events)
        return assemble(
            week: monday.isoWeekLabel, subject: week.subject, text: text, html: html, calendar: calendar,
            settings: digest.settings, stamp: options.stamp)
    }

    /// LF line ends, no trailing spaces, one final newline; at most one blank line in a row
    /// (templates with sections leave blank lines behind).
    static func normalise(_ s: String) -> String {
        var out: [Substring] = []
        for line in s.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            var l = line
            while l.last == " " || l.last == "\t" { l = l.dropLast() }
            if l.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(l)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// The week's calendar entries: what goes out that week and the prep tasks listed (those
    /// due that week and next week's items' tasks), as calendar.ics has them.
    static func weekCalendar(_ plan: Plan, week: DigestWeek, events: [CalendarEvent]) -> String {
        let prepPrefixes = week.nextWeekItems.map { "\($0.id)-prep-" }
        let chosen = events.filter { e in
            guard e.status != .cancelled else { return false }
            let start = CalendarExport.startDate(e.timing)
            if start >= week.monday && start < week.nextMonday { return true }
            return prepPrefixes.contains { e.uid.hasPrefix($0) }
        }
        let name = "\(plan.practiceName): week \(week.monday.isoWeekLabel)"
        return CalendarWriter.write(CalendarDocument(prodid: CalendarExport.prodid, method: "PUBLISH", name: name, events: chosen))
    }

    /// The RFC 5322 message.
    static func assemble(
        week: String, subject: String, text: String, html: String, calendar: String, settings: DigestSettings, stamp: UTCStamp
    ) -> Message {
        let textBody = MIME.quotedPrintable(text)
        let htmlBody = MIME.quotedPrintable(html)
        let calBody = MIME.base64(calendar)
        let to = settings.to.map(MIME.mailbox)
        var key = [week, subject, MIME.mailbox(settings.from), settings.replyTo.map(MIME.mailbox) ?? ""]
        key += to
        key += [textBody, htmlBody, calBody]
        let hash = hex(ReadResult.fnv1a64(key.joined(separator: "\u{1F}")))
        let domain = settings.from.address.split(separator: "@").last.map(String.init) ?? "awareness-planner.invalid"
        let messageID = "<digest.\(week).\(hash)@\(domain)>"
        let mixed = "=_mixed_\(hash)"
        let alternative = "=_alt_\(hash)"
        let crlf = MIME.crlf
        var m = ""
        m += MIME.header("From", MIME.mailbox(settings.from))
        m += MIME.header("To", to.joined(separator: ", "))
        if let r = settings.replyTo { m += MIME.header("Reply-To", MIME.mailbox(r)) }
        m += MIME.header("Subject", MIME.encodedWords(subject))
        m += MIME.header("Date", MIME.date(stamp.date, hour: stamp.hour, minute: stamp.minute, second: stamp.second))
        m += MIME.header("Message-ID", messageID)
        m += MIME.header("MIME-Version", "1.0")
        m += MIME.header("Content-Type", "multipart/mixed; boundary=\"\(mixed)\"")
        m += crlf
        m += "This is a multi-part message in MIME format." + crlf + crlf
        m += "--\(mixed)" + crlf
        m += MIME.header("Content-Type", "multipart/alternative; boundary=\"\(alternative)\"")
        m += crlf
        m += "--\(alternative)" + crlf
        m += MIME.header("Content-Type", "text/plain; charset=utf-8")
        m += MIME.header("Content-Transfer-Encoding", "quoted-printable")
        m += crlf + textBody + crlf
        m += "--\(alternative)" + crlf
        m += MIME.header("Content-Type", "text/html; charset=utf-8")
        m += MIME.header("Content-Transfer-Encoding", "quoted-printable")
        m += crlf + htmlBody + crlf
        m += "--\(alternative)--" + crlf + crlf
        m += "--\(mixed)" + crlf
        m += MIME.header("Content-Type", "text/calendar; charset=utf-8; method=PUBLISH; name=\"\(week).ics\"")
        m += MIME.header("Content-Disposition", "attachment; filename=\"\(week).ics\"")
        m += MIME.header("Content-Transfer-Encoding", "base64")
        m += crlf + calBody + crlf
        m += "--\(mixed)--" + crlf
        return Message(
            week: week, subject: subject, text: text, html: html, calendar: calendar, messageID: messageID, eml: m)
    }

    static func hex(_ v: UInt64) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h
    }
}

/// What one week's digest says, as values for the templates.
struct DigestWeek {
    let plan: Plan
    let monday: CivilDate
    let options: ExportOptions
    let team: [TeamMember]

    var nextMonday: CivilDate { monday.adding(days: 7) }
    var sunday: CivilDate { monday.adding(days: 6) }
    var nextSunday: CivilDate { monday.adding(days: 13) }

    init(plan: Plan, monday: CivilDate, options: ExportOptions, team: [TeamMember]) {
        self.plan = plan
        self.monday = monday
        self.options = options
        self.team = team
    }

    /// Each sending that goes out this week, by (date, time, item id).
    var goingOut: [(item: PlanItem, sending: ExportContent.Sending)] {
        var out: [(item: PlanItem, sending: ExportContent.Sending)] = []
        for item in plan.items {
            for s in ExportContent.sendings(item) where s.date >= monday && s.date < nextMonday { out.append((item, s)) }
        }
        return out.sorted {
            ($0.sending.date, $0.item.time?.minutesSinceMidnight ?? -1, $0.item.id)
                < ($1.sending.date, $1.item.time?.minutesSinceMidnight ?? -1, $1.item.id)
        }
    }

    var nextWeekItems: [PlanItem] { plan.items.filter { $0.date >= nextMonday && $0.date < nextMonday.adding(days: 7) } }

    /// Prep tasks due this week, and every task of next week's items (some fall due earlier),
    /// by (due date, item date, item id, task).
    var prep: [(item: PlanItem, task: PrepTask)] {
        var out: [(item: PlanItem, task: PrepTask)] = []
        let next = Set(nextWeekItems.map(\.id))
        for item in plan.items {
            for t in item.prepTasks where (t.due >= monday && t.due < nextMonday) || next.contains(item.id) {
                out.append((item, t))
            }
        }
        return out.sorted { ($0.task.due, $0.item.date, $0.item.id, $0.task.task) < ($1.task.due, $1.item.date, $1.item.id, $1.task.task) }
    }

    /// Items that have not gone out yet (dated this week or later) whose clinical sign-off is due
    /// by the end of next week and not recorded, by (sign-off due date, item id).
    var awaitingApproval: [(item: PlanItem, due: CivilDate)] {
        var out: [(item: PlanItem, due: CivilDate)] = []
        for item in plan.items where item.date >= monday && item.approval == nil {
            guard let signOff = item.prepTasks.first(where: \.isSignOff), signOff.due <= nextSunday else { continue }
            out.append((item, signOff.due))
        }
        return out.sorted { ($0.due, $0.item.id) < ($1.due, $1.item.id) }
    }

    /// "Week of 18 Jan: 4 items go out, 2 drafts to sign off (1 overdue)": the sign-offs are
    /// those waiting for approval (`awaitingApproval`).
    var subject: String {
        let n = goingOut.count
        var parts = [n == 0 ? "nothing goes out" : n == 1 ? "1 item goes out" : "\(n) items go out"]
        let waiting = awaitingApproval
        let overdue = waiting.filter { $0.due < monday }.count
        if !waiting.isEmpty {
            let s = waiting.count
            parts.append((s == 1 ? "1 draft to sign off" : "\(s) drafts to sign off") + (overdue > 0 ? " (\(overdue) overdue)" : ""))
        }
        return "Week of \(monday.day) \(Self.shortMonth(monday)): " + parts.joined(separator: ", ")
    }

    /// Whether the plan shows the task done: a sign-off once approved, a draft once the item has
    /// its words (a `text` decision). Other tasks (printing, searches, scheduling) leave no trace
    /// in the plan, so they are never shown as done or overdue.
    func isDone(_ task: PrepTask, of item: PlanItem) -> Bool? {
        if task.isSignOff { return item.approval != nil }
        if task.task.hasPrefix("Draft") { return ExportContent.message(item) != nil }
        return nil
    }

    /// The plan's warnings about the items of this week or next week, or their campaigns.
    var warnings: [PlanWarning] {
        let items = plan.items.filter { $0.date >= monday && $0.date < nextMonday.adding(days: 7) }
        let ids = Set(items.map(\.id))
        let campaigns = Set(items.map(\.campaign))
        return plan.warnings.filter { w in
            w.itemIDs.contains { ids.contains($0.rawValue) } || w.campaignIDs.contains { campaigns.contains($0.rawValue) }
        }
    }

    func who(_ role: TeamRole) -> String {
        let name: String?
        if let m = team.first(where: { $0.role == role }) {
            name = m.name
        } else if role == .patientSearches {
            name = team.first { $0.role == .commsLead }?.name
        } else {
            name = nil
        }
        return name.map { "\($0) (\(role.words))" } ?? "the \(role.words) (no one named in the profile's team section)"
    }

    func approvalWords(_ item: PlanItem) -> String {
        guard let a = item.approval else { return "Not signed off yet" }
        return a.by.map { "Signed off by \($0)" } ?? "Signed off"
    }

    static func shortMonth(_ d: CivilDate) -> String { String(Format.monthName(d.month).prefix(3)) }

    /// "Mon 18 Jan".
    static func shortDay(_ d: CivilDate) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(days[d.isoWeekday - 1]) \(d.day) \(shortMonth(d))"
    }

    // MARK: Template values

    /// "wave 2 of 4, 570 of " before the item's audience when it is sent in weekly waves, so
    /// the week's line says how many people this week's batch goes to; "" otherwise.
    static func waveWords(_ item: PlanItem, _ sending: ExportContent.Sending) -> String {
        guard let waves = item.waves, waves.count > 1, let k = waves.firstIndex(where: { $0.date == sending.date }),
            let n = sending.recipients
        else { return "" }
        return "wave \(k + 1) of \(waves.count), \(groupedThousands(n)) of "
    }

    func values() -> [String: Any] {
        let names = options.names
        let going: [[String: Any]] = goingOut.map { entry in
            let item = entry.item
            let draft = ExportContent.message(item)
            let time = item.time.map { "\(ExportContent.pad2($0.minutesSinceMidnight / 60)):\(ExportContent.pad2($0.minutesSinceMidnight % 60))" }
            return [
                "day": Self.shortDay(entry.sending.date),
                "time": time ?? "any time",
                "channel": ExportContent.channelLabel(item.channel),
                "title": item.title,
                "audience": Self.waveWords(item, entry.sending) + ExportContent.audience(item, names: names),
                "draft": draft ?? ExportContent.noMessage,
                "draftLines": (draft ?? ExportContent.noMessage).split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                "hasDraft": draft != nil,
                "approval": approvalWords(item),
                "approved": item.approval != nil,
                "id": item.id,
            ]
        }
        let prepRows: [[String: Any]] = prep.map { p in
            let known = isDone(p.task, of: p.item)
            let done = known == true
            let overdue = known == false && p.task.due < monday
            let status = done ? (p.task.isSignOff ? approvalWords(p.item) : "Done: the words are in the plan") : overdue ? "Overdue" : ""
            return [
                "due": Self.shortDay(p.task.due),
                "task": p.task.task,
                "item": "\(ExportContent.channelLabel(p.item.channel)): \(p.item.title)",
                "itemDay": Self.shortDay(p.item.date),
                "who": who(p.task.role),
                "done": done,
                "status": status,
                "hasStatus": !status.isEmpty,
                "overdue": overdue,
            ]
        }
        let approvals: [[String: Any]] = awaitingApproval.map { a in
            [
                "item": "\(ExportContent.channelLabel(a.item.channel)): \(a.item.title)",
                "itemDay": Self.shortDay(a.item.date),
                "due": Self.shortDay(a.due),
                "overdue": a.due < monday,
                "who": who(.clinicalSignOff),
                "id": a.item.id,
            ]
        }
        // Money: spent means the items dated up to this Sunday; planned, those after it.
        var budget: [[String: Any]] = []
        for c in plan.totals.channels {
            guard let cap = c.budgetPence else { continue }
            let mine = plan.items.filter { $0.channel == c.channel }
            let spent = mine.filter { $0.date < nextMonday }.reduce(0) { $0 + $1.costPence }
            let planned = mine.filter { $0.date >= nextMonday }.reduce(0) { $0 + $1.costPence }
            let left = cap - spent - planned
            budget.append([
                "channel": ExportContent.channelLabel(c.channel),
                "budget": "£" + Format.pounds(pence: cap, groupingThousands: true),
                "spent": "£" + Format.pounds(pence: spent, groupingThousands: true),
                "planned": "£" + Format.pounds(pence: planned, groupingThousands: true),
                "left": "£" + Format.pounds(pence: left, groupingThousands: true),
                "over": left < 0,
            ])
        }
        let cap = plan.constraints.commsCentiHoursPerWeek
        let hours: [[String: Any]] = [("This week", monday), ("Next week", nextMonday)].map { label, m in
            let used = plan.totals.effortByWeek.first { $0.week == m.isoWeekLabel }?.centiHours ?? 0
            return [
                "week": "\(label) (\(m.isoWeekLabel))",
                "planned": Format.hours(centiHours: used),
                "available": Format.hours(centiHours: cap),
                "left": Format.hours(centiHours: cap - used),
                "over": used > cap,
            ]
        }
        let warningRows: [[String: Any]] = warnings.map { ["message": $0.message, "code": $0.code.rawValue] }
        return [
            "practiceName": plan.practiceName,
            "week": monday.isoWeekLabel,
            "weekOf": "\(monday.day) \(Self.shortMonth(monday))",
            "weekRange": "\(ExportContent.longDate(monday).dropLast(5)) to \(ExportContent.longDate(sunday))",
            "subject": subject,
            "goingOut": going,
            "hasGoingOut": !going.isEmpty,
            "prep": prepRows,
            "hasPrep": !prepRows.isEmpty,
            "approvals": approvals,
            "hasApprovals": !approvals.isEmpty,
            "budget": budget,
            "hasBudget": !budget.isEmpty,
            "hours": hours,
            "warnings": warningRows,
            "hasWarnings": !warningRows.isEmpty,
            "calendarFile": "\(monday.isoWeekLabel).ics",
        ]
    }
}
