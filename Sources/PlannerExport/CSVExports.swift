public import PlannerCore

/// The CSV exports, all through `CSV` (RFC 4180: CRLF, quoting, UTF-8 without a byte-order mark).
public enum CSVExports {
    // MARK: plan.csv

    /// plan.csv's columns, in this fixed order (a contract, documented in docs/exports.md).
    public static let planHeader = [
        "Item", "Campaign", "Title", "Channel", "Date", "Time", "Week starting", "Groups", "Services", "Audience",
        "Recipients", "Expected reach", "Cost (GBP)", "Staff hours", "Message", "Prep tasks", "Why", "Link",
    ]

    /// Every item of the plan, one row per item in the plan's order (date, id). Cells a spreadsheet
    /// would run as a formula are neutralised (`neutralised`).
    public static func plan(_ plan: Plan, options: ExportOptions) -> String {
        let rows = plan.items.map { i -> [String] in
            [
                i.id, i.campaign, i.title, ExportContent.channelLabel(i.channel), i.date.iso, i.time?.description ?? "",
                i.date.mondayOfWeek.iso, i.groups.map { ExportContent.name($0, options.names) }.joined(separator: "; "),
                i.services.map { ExportContent.name($0, options.names) }.joined(separator: "; "),
                ExportContent.audience(i, names: options.names), i.recipients.map(String.init) ?? "",
                String(i.expectedReach), Format.pounds(pence: i.costPence), Format.hours(centiHours: i.effortCentiHours),
                ExportContent.message(i) ?? "",
                i.prepTasks.map { "\($0.task) by \($0.due.iso)" }.joined(separator: "; "),
                ExportContent.reasons(i).joined(separator: "\n"), ExportContent.url(i, options) ?? "",
            ].map(neutralised)
        }
        return CSV.document(header: planHeader, rows: rows)
    }

    // MARK: Calendar CSVs

    /// Google Calendar's import columns (Google Calendar Help, "Create or edit a CSV file",
    /// support.google.com/calendar/answer/37118; domain_facts.md §3.1).
    public static let googleHeader = [
        "Subject", "Start Date", "Start Time", "End Date", "End Time", "All Day Event", "Description", "Location",
        "Private",
    ]

    /// Outlook's calendar CSV columns (the English header Outlook exports and imports; Mozilla's
    /// Outlook-compatible mapping, wiki.mozilla.org/Calendar:Feature_Implementations:ImportExport:CSV;
    /// domain_facts.md §3.2).
    public static let outlookHeader = [
        "Subject", "Start Date", "Start Time", "End Date", "End Time", "All day event", "Reminder on/off",
        "Reminder Date", "Reminder Time", "Meeting Organizer", "Required Attendees", "Optional Attendees",
        "Meeting Resources", "Billing Information", "Categories", "Description", "Location", "Mileage", "Priority",
        "Private", "Sensitivity", "Show time as",
    ]

    /// One row of a calendar CSV: a single day, all day or at a time.
    struct Row {
        var subject: String
        var date: CivilDate
        var minutes: (start: Int, end: Int)?
        var description: String
        var categories: [String]
        var id: String
    }

    /// The calendar's rows (items, one per sending, and prep tasks on their due dates), sorted by
    /// (date, time, subject, id). Google's CSV import has no recurrence or multi-day rows we need.
    static func rows(_ plan: Plan, options: ExportOptions, descriptions: [String]? = nil) -> [Row] {
        let repeated = ExportContent.repeatedChannels(plan)
        var out: [Row] = []
        for (k, item) in plan.items.enumerated() {
            // One DESCRIPTION for every sending of the item (see CalendarExport.descriptions).
            let description = descriptions?[k] ?? CalendarExport.description(item, options: options)
            let label = ExportContent.channelLabel(item.channel)
            let cats = [label] + item.groups.map { ExportContent.name($0, options.names) }
            let sendings = ExportContent.sendings(item)
            for (n, s) in sendings.enumerated() {
                let subject =
                    sendings.count == 1
                    ? "\(label): \(item.title)" : "\(label): \(item.title) (wave \(n + 1) of \(sendings.count))"
                let minutes = item.time.map { (start: $0.minutesSinceMidnight, end: min($0.minutesSinceMidnight + 15, 23 * 60 + 59)) }
                out.append(
                    Row(
                        subject: subject, date: s.date, minutes: minutes,
                        description: description, categories: cats,
                        id: item.id))
            }
            for t in item.prepTasks {
                out.append(
                    Row(
                        subject: ExportContent.prepTitle(t.task, item, repeated: repeated), date: t.due, minutes: nil,
                        description: "For the \(ExportContent.itemNoun(item.channel)), \(item.title), on \(ExportContent.longDate(item.date)).",
                        categories: ["Prep", label], id: item.id + "-prep"))
            }
        }
        return out.sorted {
            ($0.date, $0.minutes?.start ?? -1, $0.subject, $0.id) < ($1.date, $1.minutes?.start ?? -1, $1.subject, $1.id)
        }
    }

    /// google-calendar.csv: dates MM/DD/YYYY and times like 10:00 AM, as Google's help shows; every
    /// row is one day, so End Date equals Start Date. Titles are kept as they are.
    public static func google(_ plan: Plan, options: ExportOptions) -> String {
        google(rows(plan, options: options))
    }

    /// google-calendar.csv from rows already made (PlanExports makes them once for both calendars).
    static func google(_ entries: [Row]) -> String {
        let rows = entries.map { r -> [String] in
            let d = usDate(r.date)
            if let m = r.minutes {
                return [r.subject, d, twelveHour(m.start), d, twelveHour(m.end), "False", r.description, "", "False"]
            }
            return [r.subject, d, "", d, "", "True", r.description, "", "False"]
        }
        return CSV.document(header: googleHeader, rows: rows)
    }

    /// outlook-calendar.csv: UK dates dd/mm/yyyy and 24-hour times, which is how a UK Windows locale
    /// reads them (domain_facts.md §3.2). Categories are separated by semicolons as Outlook writes
    /// them; every entry shows as free (0), so campaign days do not block anyone's diary.
    public static func outlook(_ plan: Plan, options: ExportOptions) -> String {
        outlook(rows(plan, options: options))
    }

    /// outlook-calendar.csv from rows already made.
    static func outlook(_ entries: [Row]) -> String {
        let rows = entries.map { r -> [String] in
            let d = ukDate(r.date)
            let start = r.minutes.map { CalendarExport.hhmm($0.start) } ?? ""
            let end = r.minutes.map { CalendarExport.hhmm($0.end) } ?? ""
            return [
                r.subject, d, start, d, end, r.minutes == nil ? "True" : "False", "False", "", "", "", "", "", "", "",
                r.categories.joined(separator: ";"), r.description, "", "", "Normal", "False", "Normal", "0",
            ]
        }
        return CSV.document(header: outlookHeader, rows: rows)
    }

    // MARK: Social schedulers

    /// The columns of Hootsuite's bulk composer: column A the date and time in the format chosen on
    /// upload (we write day/month/year and a 24-hour time, minutes ending in 0 or 5), column B the
    /// message, column C an optional link; no header row, one file per social account. Hootsuite's
    /// own help page could not be found to check this against (searched 2026-12-03; the article
    /// this comment cited before, help.hootsuite.com/hc/en-us/articles/204586040, was from memory
    /// and is not in any reference we could read). What was found agrees on the three columns:
    /// kim-iverson-headlee.blogspot.com/2016/08/the-business-of-writing-using-hootsuite.html ("three
    /// components each: the date and time stamp, the message, and the link"),
    /// jycalcano.blogspot.com/2015/07/post-8-hootsuite-bulk-messaging.html (the date format is
    /// chosen on upload) and gussetbeard.com/bulk-update-algo/ (time, text, link; a separate CSV per
    /// account). The 0-or-5 minutes rule and the missing header row are not confirmed by them.
    /// These are the names docs/exports.md uses for the three columns.
    public static let socialColumns = ["Date and time", "Message", "Link"]

    /// social-<platform>.csv: the social posts of the plan, one row per post, in date order. The
    /// first post of a day goes out at the start of the working day rounded up to five minutes;
    /// further posts that day follow two hours apart (closer when the working day is too short),
    /// so no two posts of one account share a minute and each gets its own attention. Cells a
    /// spreadsheet would run as a formula are neutralised.
    public static func social(_ plan: Plan, platform: SocialPlatform, options: ExportOptions) -> String {
        let posts = plan.items.filter { $0.channel == .social }.flatMap { item in
            ExportContent.sendings(item).map { (item, $0.date) }
        }
        var perDay: [CivilDate: Int] = [:]
        for (_, date) in posts { perDay[date, default: 0] += 1 }
        var placed: [CivilDate: Int] = [:]
        var out = ""
        for (item, date) in posts {
            let k = placed[date, default: 0]
            placed[date] = k + 1
            let minutes = postMinutes(index: k, of: perDay[date]!, constraints: plan.constraints)
            out += CSV.record(
                [
                    "\(ukDate(date)) \(CalendarExport.hhmm(minutes))", ExportContent.socialText(item),
                    ExportContent.url(item, options) ?? "",
                ].map(neutralised))
        }
        return out
    }

    /// Minutes after midnight of the `index`-th (from 0) of `count` posts on one day: from the
    /// start of the working day (rounded up to five minutes), two hours apart, or evenly spread
    /// over the working day (to half an hour before its end) when two hours apart do not fit;
    /// always five-minute steps and never the same minute twice.
    static func postMinutes(index: Int, of count: Int, constraints: PlanConstraintsSummary) -> Int {
        let first = min((constraints.workingHoursStart.minutesSinceMidnight + 4) / 5 * 5, 23 * 60 + 55)
        guard count > 1 else { return first }
        let last = max(first, constraints.workingHoursEnd.minutesSinceMidnight - 30)
        let step = max(5, min(120, (last - first) / (count - 1) / 5 * 5))
        return min(first + index * step, 23 * 60 + 55 - (count - 1 - index) * 5)
    }

    public static func socialFileName(_ p: SocialPlatform) -> String { "social-\(p.rawValue).csv" }

    // MARK: Cells

    /// A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, which spreadsheets show as text (OWASP, "CSV Injection",
    /// owasp.org/www-community/attacks/CSV_Injection).
    public static func neutralised(_ s: String) -> String {
        guard let f = s.unicodeScalars.first else { return s }
        if f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" { return "'" + s }
        return s
    }

    /// 01/04/2027 for 4 January 2027 (Google, US order).
    static func usDate(_ d: CivilDate) -> String { "\(ExportContent.pad2(d.month))/\(ExportContent.pad2(d.day))/\(d.year)" }

    /// 04/01/2027 for 4 January 2027 (UK order).
    static func ukDate(_ d: CivilDate) -> String { "\(ExportContent.pad2(d.day))/\(ExportContent.pad2(d.month))/\(d.year)" }

    /// 10:00 AM, 1:30 PM, 12:00 PM (noon), 12:15 AM.
    static func twelveHour(_ m: Int) -> String {
        let h = m / 60, mi = m % 60
        let h12 = h % 12 == 0 ? 12 : h % 12
        return "\(h12):\(ExportContent.pad2(mi)) \(h < 12 ? "AM" : "PM")"
    }
}
