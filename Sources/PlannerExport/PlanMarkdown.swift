import Foundation
public import PlannerCore

/// plan.md, the document for the practice meeting (CommonMark with GitHub tables; LF line endings
/// and a final newline). Weeks are shown by the date they start, groups by name, counts with the
/// right singular or plural.
public enum PlanMarkdown {
    public static func render(_ plan: Plan, options: ExportOptions) -> String {
        var md = Doc()
        let names = options.names
        let last = plan.to.adding(days: -1)
        let ods = plan.odsCode.isEmpty ? "" : " (\(plan.odsCode))"
        md.line("# Patient communication plan: \(plan.practiceName)\(ods)")
        md.blank()
        md.line(
            "From \(ExportContent.longDate(plan.from)) to \(ExportContent.longDate(last)). "
                + "Every text, letter, website page and social media post the plan proposes, with what to prepare "
                + "and sign off first. The plan holds counts only, never any patient's details.")
        md.blank()
        glance(plan, &md)
        // Who each item reaches, in words, once per item: the week-by-week table shows it for
        // every sending and the campaigns' tables again.
        let audiences = plan.items.map { ExportContent.audience($0, names: names) }
        weekByWeek(plan, names: names, audiences: audiences, &md)
        campaigns(plan, options: options, audiences: audiences, &md)
        noContact(plan, names: names, &md)
        warnings(plan, &md)
        checklists(&md)
        return md.text
    }

    // MARK: - Sections

    static func glance(_ plan: Plan, _ md: inout Doc) {
        let campaigns = campaignList(plan)
        md.line("## The quarter at a glance")
        md.blank()
        md.line("- Practice: \(plan.practiceName)\(plan.odsCode.isEmpty ? "" : ", ODS code \(plan.odsCode)")")
        md.line(
            "- \(counted(campaigns.count, "campaign", "campaigns")), "
                + "\(counted(plan.items.count, "item", "items")) to send or publish")
        md.line(
            "- Staff time available for communication: \(Format.hours(centiHours: plan.constraints.commsCentiHoursPerWeek)) hours a week")
        if plan.constraints.clinicianCentiHoursPerWeek > 0 {
            let h = Format.hours(centiHours: plan.constraints.clinicianCentiHoursPerWeek)
            md.line(
                "- Clinician time available for clinical sign-off: \(h) \(h == "1" ? "hour" : "hours") a week, "
                    + "one sign-off per campaign")
        }
        md.blank()
        md.line("### Campaigns per month")
        md.blank()
        var months: [(key: Int, label: String, titles: [String])] = []
        for c in campaigns {
            let key = c.start.year * 100 + c.start.month
            if let i = months.firstIndex(where: { $0.key == key }) {
                months[i].titles.append(c.title)
            } else {
                months.append((key, "\(Format.monthName(c.start.month)) \(c.start.year)", [c.title]))
            }
        }
        md.table(
            ["Month", "Campaigns", "Number"],
            months.sorted { $0.key < $1.key }.map { [$0.label, $0.titles.joined(separator: ", "), String($0.titles.count)] })
        md.line("### Money against budgets")
        md.blank()
        md.table(
            ["Channel", "Items", "Spent", "Budget", "Left"],
            plan.totals.channels.sorted { $0.channel < $1.channel }.map { t in
                let budget = t.budgetPence.map(PlanSummary.money) ?? "no budget set"
                let left = t.budgetPence.map { PlanSummary.money($0 - t.costPence) } ?? (t.costPence == 0 ? "no cost" : "")
                return [ExportContent.channelLabel(t.channel), String(t.items), PlanSummary.money(t.costPence), budget, left]
            })
        md.line("### Staff hours per week")
        md.blank()
        md.line(
            "Hours are counted in the week the work is done (drafting, printing, scheduling, replying to comments), "
                + "so the first weeks may be before the plan starts.")
        md.blank()
        let available = plan.constraints.commsCentiHoursPerWeek
        let clinicianAvailable = plan.constraints.clinicianCentiHoursPerWeek
        // Staff and clinician hours side by side (issue 11), one row per week either has.
        let staff = Dictionary(plan.totals.effortByWeek.map { ($0.week, $0.centiHours) }, uniquingKeysWith: +)
        let clinician = Dictionary(plan.totals.clinicianByWeek.map { ($0.week, $0.centiHours) }, uniquingKeysWith: +)
        let weeks = Set(staff.keys).union(clinician.keys).sorted()
        md.table(
            ["Week starting", "Hours planned", "Hours available", "Clinician hours for sign-off", "Clinician hours available"],
            weeks.map { w in
                [
                    weekStart(w).map(ExportContent.dayMonthYear) ?? w, Format.hours(centiHours: staff[w] ?? 0),
                    Format.hours(centiHours: available), Format.hours(centiHours: clinician[w] ?? 0),
                    clinicianAvailable > 0 ? Format.hours(centiHours: clinicianAvailable) : "no limit set",
                ]
            })
    }

    static func weekByWeek(_ plan: Plan, names: [String: String], audiences: [String]? = nil, _ md: inout Doc) {
        md.line("## Week by week")
        md.blank()
        md.line("What goes out each week, to whom, and what must be prepared or signed off that week.")
        md.blank()
        var weeks: [CivilDate: (out: [String], who: [String], prep: [(due: CivilDate, text: String)])] = [:]
        for (k, item) in plan.items.enumerated() {
            let audience = audiences?[k] ?? ExportContent.audience(item, names: names)
            for s in ExportContent.sendings(item) {
                let w = s.date.mondayOfWeek
                let label = ExportContent.channelLabel(item.channel)
                weeks[w, default: ([], [], [])].out.append("\(shortDate(s.date)): \(label), \(item.title)")
                weeks[w, default: ([], [], [])].who.append("\(label), \(item.title): \(audience)")
            }
            for t in item.prepTasks {
                weeks[t.due.mondayOfWeek, default: ([], [], [])].prep.append(
                    (t.due, "by \(shortDate(t.due)): \(ExportContent.lowerFirst(t.task)), \(item.title)"))
            }
        }
        md.table(
            ["Week starting", "What goes out", "To whom", "Prepare and sign off"],
            weeks.keys.sorted().map { w in
                let e = weeks[w]!
                return [
                    ExportContent.dayMonthYear(w), e.out.isEmpty ? "nothing" : e.out.joined(separator: "<br>"),
                    e.who.isEmpty ? "" : e.who.joined(separator: "<br>"),
                    // Prep in order of due date (stable: items are already in plan order).
                    e.prep.isEmpty
                        ? "nothing" : e.prep.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
                            .map(\.element.text).joined(separator: "<br>"),
                ]
            })
    }

    static func campaigns(_ plan: Plan, options: ExportOptions, audiences: [String]? = nil, _ md: inout Doc) {
        md.line("## Campaigns")
        md.blank()
        for c in campaignList(plan) {
            let indices = plan.items.indices.filter { plan.items[$0].campaign == c.id }
            let items = indices.map { plan.items[$0] }
            guard let first = items.first else { continue }
            md.line("### \(c.title)")
            md.blank()
            let groups = first.groups.map { ExportContent.name($0, options.names) }
            md.line("**Audience and why.** \(groups.isEmpty ? "All patients" : ExportContent.list(groups.map(ExportContent.inSentence)).capitalisedFirst).")
            // The planner's reasons for the campaign as a whole (the same in every item of it).
            let reasons = items.map { Set(ExportContent.reasons($0)) }
            let shared = ExportContent.reasons(first).filter { w in reasons.allSatisfy { $0.contains(w) } }
            for w in shared { md.line("- \(escape(w))") }
            md.blank()
            md.line("**What patients should do.** \(ExportContent.goal(first, names: options.names))")
            md.blank()
            md.line("**Channels.**")
            md.blank()
            md.table(
                ["Channel", "Date", "To whom", "Expected reach", "Cost", "Staff hours"],
                zip(indices, items).map { k, i in
                    [
                        ExportContent.channelLabel(i.channel),
                        ExportContent.sendings(i).map { shortDate($0.date) + (i.time.map { " at \($0.description)" } ?? "") }
                            .joined(separator: "<br>"),
                        audiences?[k] ?? ExportContent.audience(i, names: options.names), groupedThousands(i.expectedReach),
                        i.costPence == 0 ? "no cost" : PlanSummary.money(i.costPence), Format.hours(centiHours: i.effortCentiHours),
                    ]
                })
            md.line("**The message.**")
            md.blank()
            for i in items {
                // The words as a quote under the item, line by line; texts with their fragments.
                var head = "- \(ExportContent.channelLabel(i.channel)), \(shortDate(i.date))"
                if let d = i.draft, d.blocked == nil {
                    var facts: [String] = []
                    if let sms = d.checks.sms { facts.append("\(sms.fragments) \(sms.fragments == 1 ? "fragment" : "fragments")") }
                    facts.append("reading age \(Format.decimal(d.checks.readingAge, places: 1))")
                    head += " (\(facts.joined(separator: ", ")))"
                }
                guard let words = ExportContent.message(i) else {
                    md.line(head + ": " + escape(ExportContent.noMessage))
                    continue
                }
                md.line(head + ":")
                md.blank()
                for l in lines(words) {
                    md.line(l.isEmpty ? "  >" : "  > " + escape(l))
                }
                md.blank()
            }
            md.blank()
            md.line("**Prep tasks.**")
            md.blank()
            let tasks = items.flatMap { i in i.prepTasks.map { (due: $0.due, task: $0.task, channel: ExportContent.channelLabel(i.channel)) } }
                .sorted { ($0.due, $0.channel, $0.task) < ($1.due, $1.channel, $1.task) }
            md.table(["Due", "Task", "For"], tasks.map { [ExportContent.longDate($0.due), $0.task, $0.channel] })
        }
    }

    static func noContact(_ plan: Plan, names: [String: String], _ md: inout Doc) {
        md.line("## Groups with no text or letter this quarter")
        md.blank()
        if plan.groupsWithoutContact.isEmpty {
            md.line("Every group the plan targets gets at least one text or letter.")
        } else {
            md.line(
                "No text or letter reaches these groups this quarter. People who are not online in them hear nothing "
                    + "from the practice unless you add a direct contact (`planner decide pin` or `swap`), "
                    + "or use posters and the reception desk:")
            md.blank()
            for g in plan.groupsWithoutContact.sorted() { md.line("- \(escape(ExportContent.name(g, names).capitalisedFirst))") }
        }
        md.blank()
    }

    /// The warnings grouped by kind, the kinds that need the practice first (drafts held back,
    /// decisions, clinics), each kind with its heading in words, how many, and what to do once.
    static func warnings(_ plan: Plan, _ md: inout Doc) {
        md.line("## Warnings and what to do")
        md.blank()
        if plan.warnings.isEmpty {
            md.line("None.")
            md.blank()
            return
        }
        let byKind = Dictionary(grouping: plan.warnings, by: \.code)
        let kinds = byKind.keys.sorted { (urgency($0), $0) < (urgency($1), $1) }
        md.line(
            "\(counted(plan.warnings.count, "warning", "warnings")) of \(counted(kinds.count, "kind", "kinds")), "
                + "the kinds that need you first.")
        md.blank()
        for code in kinds {
            let list = byKind[code]!.sorted()
            md.line("### \(heading(code).capitalisedFirst) (\(list.count))")
            md.blank()
            md.line("**What to do:** \(advice(code))")
            md.blank()
            for w in list { md.line("- \(escape(ExportContent.plainPlurals(w.message)))") }
            md.blank()
        }
    }

    /// The order of the kinds of warning in plan.md: what stops something going out or breaks a
    /// rule the practice set first, then what the plan could not fit, then notes.
    static func urgency(_ code: PlanWarning.Code) -> Int {
        switch code {
        case .draftBlocked: return 0
        case .decisionBreaksConstraint: return 1
        case .decisionNotHonoured: return 2
        case .staleDecision: return 3
        case .capacityExceeded: return 4
        case .draftFailsChecks: return 5
        case .capacityLimited: return 6
        case .prepWindowMissed: return 7
        case .olderGroupNoDirectContact: return 8
        case .tentativeDate: return 9
        case .noBankHolidayData: return 10
        case .dayNotFitted: return 11
        case .budgetUsedUp: return 12
        case .budgetUnspent: return 13
        case .channelDropped: return 14
        case .onlineOnly: return 15
        case .groupWithoutContact: return 16
        case .groupWithoutCounts: return 17
        case .reminderDropped: return 18
        case .batchTooSmall: return 19
        case .duplicateCampaign: return 20
        }
    }

    /// What the practice can do about each kind of warning.
    static func advice(_ code: PlanWarning.Code) -> String {
        switch code {
        case .budgetUsedUp: return "nothing, unless you want more texts or letters: raise the budget in the profile and plan again."
        case .dayNotFitted: return "if a day matters to you, keep it with `planner decide pin` and a less relevant one gives way."
        case .tentativeDate: return "check the date with the organisers before you prepare anything."
        case .olderGroupNoDirectContact, .groupWithoutContact:
            return "add a text or letter for the group, or use posters and the reception desk."
        case .groupWithoutCounts: return "add the group's count to the profile so the plan can size it."
        case .channelDropped: return "nothing, unless the channel matters for that day: free its week (`planner decide skip` a smaller day) or loosen the setting named."
        case .duplicateCampaign: return "nothing: the same day came from two calendars and is planned once."
        case .reminderDropped: return "nothing, unless the campaign needs a reminder: raise the staff hours or budget."
        case .onlineOnly: return "make sure people who are not online hear of it: a poster, the reception desk or a letter."
        case .staleDecision: return "remove or correct the decision in the decisions file."
        case .decisionBreaksConstraint, .decisionNotHonoured: return "check the decision named and change it if needed."
        case .batchTooSmall: return "nothing: tell these few patients in person or at their next appointment."
        case .noBankHolidayData: return "check the bank holidays for the year yourself before sending."
        case .capacityExceeded: return "add clinic sessions, or invite the rest next quarter."
        case .capacityLimited:
            return "nothing now: invite the others next quarter, or add clinic sessions and plan again to invite more."
        case .draftBlocked:
            return "rewrite the draft (`planner decide text`), or `planner decide allow` it when what was found is not a patient's data."
        case .draftFailsChecks:
            return "read the draft in its campaign above and shorten or simplify it; `planner check --plan plan.json` checks it again."
        case .prepWindowMissed:
            return "check the moved dates and the shorter preparation in the campaign above; plan the next quarter earlier."
        case .budgetUnspent: return "nothing, unless you want more: the warning names the setting that stops more texts or letters."
        }
    }

    static func checklists(_ md: inout Doc) {
        md.line("## Checklists")
        md.blank()
        md.line("### Before the practice posts on social media")
        md.blank()
        for line in [
            "The practice has a social media policy, and every member of staff who posts has read it.",
            "A code of conduct for patients is on the practice website: the practice's pages cannot be used to book, "
                + "cancel or discuss care; patients should call the practice or use the NHS App.",
            "There is a complaints route for comments and messages that arrive on social media, in line with the "
                + "practice's complaints policy, and staff know what to do about criticism online.",
            "Privacy and security settings are checked on every account: strong passwords, two-factor "
                + "authentication on, and alerts for changes to the account.",
            "No post, text or letter names a patient or gives personal medical advice.",
        ] { md.line("- [ ] \(line)") }
        md.blank()
        md.line("### Before each text or letter goes out")
        md.blank()
        for line in [
            "The words have clinical sign-off.",
            "The patient search has been run on the day, and people who asked not to be contacted are left out.",
            "The text or letter says who it is from and gives one clear action.",
        ] { md.line("- [ ] \(line)") }
    }

    // MARK: - Helpers

    struct Campaign {
        var id: String
        var title: String
        var start: CivilDate
    }

    /// Campaigns in order of their first item's date, then id.
    static func campaignList(_ plan: Plan) -> [Campaign] {
        var first: [String: Campaign] = [:]
        for i in plan.items {
            if let c = first[i.campaign], c.start <= i.date { continue }
            first[i.campaign] = Campaign(id: i.campaign, title: i.title, start: i.date)
        }
        return first.values.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    }

    /// The Monday of an ISO week label "2027-W01".
    static func weekStart(_ label: String) -> CivilDate? {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), parts[1].hasPrefix("W"), let w = Int(parts[1].dropFirst()) else {
            return nil
        }
        return CivilDate(year: y, month: 1, day: 4).mondayOfWeek.adding(days: (w - 1) * 7)
    }

    /// "Mon 4 Jan".
    static func shortDate(_ d: CivilDate) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(days[d.isoWeekday - 1]) \(d.day) \(String(Format.monthName(d.month).prefix(3)))"
    }

    /// Text for Markdown: characters that would start markup are escaped.
    /// `text.split(separator: "\n", omittingEmptySubsequences: false)` as strings, split on the
    /// UTF-8 bytes when the text has no CR (a line feed is a Character of its own unless a CR is
    /// before it, Unicode's grapheme rules GB3 to GB5), so no grapheme breaking is done; by
    /// Characters otherwise. The message of every item of plan.md is split so.
    static func lines(_ text: String) -> [String] {
        let utf8 = text.utf8
        guard !utf8.contains(0x0D) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    static func escape(_ s: String) -> String {
        if let fast = escapeASCII(s) { return fast }
        var out = ""
        for ch in s {
            switch ch {
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]": out.append("\\"); out.append(ch)
            case "\n", "\r\n", "\r": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }

    /// `escape` on the UTF-8 bytes when that gives the same text: every byte to escape or to make
    /// a space has ASCII bytes on both sides, so it is a Character of its own (or the CR of a CRLF),
    /// never joined to a combining mark or other extending scalar. Nil when it might be.
    static func escapeASCII(_ s: String) -> String? {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 8)
        var i = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x5C, 0x7C, 0x2A, 0x5F, 0x60, 0x3C, 0x3E, 0x5B, 0x5D, 0x0A, 0x0D:
                let before = i == 0 || b[i - 1] < 0x80
                let after = i + 1 == b.count || b[i + 1] < 0x80
                guard before && after else { return nil }
                if c == 0x0A {
                    out.append(0x20)
                } else if c == 0x0D {
                    out.append(0x20)
                    if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }  // CRLF is one Character
                } else {
                    out.append(0x5C)
                    out.append(c)
                }
            default:
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` split at every "<br>" (as Foundation's `components(separatedBy:)`, on the bytes).
    static func splitAtBreaks(_ s: String) -> [String] {
        let b = Array(s.utf8)
        let mark: [UInt8] = [0x3C, 0x62, 0x72, 0x3E]
        var parts: [String] = []
        var start = 0, i = 0
        while i + 4 <= b.count {
            if b[i] == 0x3C && b[i + 1] == mark[1] && b[i + 2] == mark[2] && b[i + 3] == mark[3] {
                parts.append(String(decoding: b[start..<i], as: UTF8.self))
                i += 4
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: b[start...], as: UTF8.self))
        return parts
    }

    /// Builds the document line by line (LF).
    struct Doc {
        var text = ""
        mutating func line(_ s: String) {
            text += s
            text += "\n"
        }
        mutating func blank() { text += "\n" }

        /// A GitHub table; cells are escaped, except the `<br>` this file puts between entries.
        mutating func table(_ header: [String], _ rows: [[String]]) {
            func cell(_ s: String) -> String {
                PlanMarkdown.splitAtBreaks(s).map(PlanMarkdown.escape).joined(separator: "<br>")
            }
            line("| " + header.map(cell).joined(separator: " | ") + " |")
            line("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
            for r in rows { line("| " + r.map { cell($0) }.joined(separator: " | ") + " |") }
            blank()
        }
    }
}

extension String {
    var capitalisedFirst: String {
        guard let f = first else { return self }
        return f.uppercased() + dropFirst()
    }
}
