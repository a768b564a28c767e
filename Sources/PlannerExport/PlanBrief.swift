import PlannerCore

/// What the summary knows beyond the plan itself: the plain names of groups, their sizes and
/// each day's relevance (to rank the warnings by what they cost).
public struct SummaryContext: Sendable {
    public var groupSizes: [String: Int]
    /// Plain names by group or service id ("women aged 25-64"); an id without one is shown as
    /// its words ("women-25-64" -> "women 25 64" is avoided: the id is shown as it is).
    public var groupNames: [String: String]
    /// Relevance by campaign id, 0...1.
    public var relevance: [String: Double]
    /// Where plan.json was written, as the reader typed it.
    public var writtenTo: String?

    public init(
        groupSizes: [String: Int] = [:], groupNames: [String: String] = [:], relevance: [String: Double] = [:],
        writtenTo: String? = nil
    ) {
        self.groupSizes = groupSizes
        self.groupNames = groupNames
        self.relevance = relevance
        self.writtenTo = writtenTo
    }
}

/// The one-screen summary `planner plan` prints by default (issue 11): at most `maxLines`
/// lines of at most `width` characters. Title; the window week by week (what goes out, to
/// whom, what to draft, sign off and post that week); money and hours against their limits;
/// the warnings that cost the most relevance, each with what to do; the rest counted, with
/// where to read them. `PlanSummary.render` is the long form (`--verbose`).
public enum PlanBrief {
    public static let maxLines = 40
    public static let width = 100
    /// Warnings shown on the screen; the rest are counted.
    public static let shownWarnings = 5

    public static func render(_ plan: Plan, context: SummaryContext = SummaryContext()) -> String {
        var head: [String] = []
        head.append(clip(title(plan)))
        var what = "\(counted(plan.campaignIDs.count, "campaign", "campaigns")), \(counted(plan.items.count, "item", "items"))"
        if let to = context.writtenTo {
            head.append(what + "; plan.md beside plan.json has every detail")
            // Not cut at the screen width: the folder is where the practice finds the files.
            what = "Written to \(to)"
        }
        head.append(what)
        if !plan.inputErrors.isEmpty {
            let n = plan.inputErrors.count
            head.append("Incomplete: \(counted(n, "error", "errors")) in the input; what could not be read is not planned")
            // Not cut at the screen width: a file path cut short helps no one.
            for e in plan.inputErrors.prefix(3) { head.append("  - \(e.description)") }
            if n > 3 { head.append("  and \(n - 3) more: run with --verbose to list them") }
        }

        if let scaled = scaledLine(plan) { head += wrap([scaled], prefix: "", indent: "  ") }
        let money = moneyLines(plan)
        let warnings = warningLines(plan, context: context)
        // Lines left for the weeks: the title block, a blank line and a heading before each of
        // the three sections.
        let fixed = head.count + 2 + 1 + money.count + 1 + warnings.count
        let weeks = weekLines(plan, context: context, budget: maxLines - fixed)

        var out = head
        out.append("")
        out.append(weeks.heading)
        out += weeks.lines
        out.append("")
        out += money
        out.append("")
        out += warnings
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - Title

    /// "Quarter plan for X (ODS), 1 Jan to 31 Mar 2027"; "Plan for ..." when the window is not
    /// one calendar quarter.
    static func title(_ plan: Plan) -> String {
        var t = (isCalendarQuarter(plan.from, plan.to) ? "Quarter plan for " : "Plan for ") + plan.practiceName
        if !plan.odsCode.isEmpty { t += " (\(plan.odsCode))" }
        return t + ", " + span(plan.from, plan.to.adding(days: -1))
    }

    static func isCalendarQuarter(_ from: CivilDate, _ to: CivilDate) -> Bool {
        DateWindow(from: from, to: to).isCalendarQuarter
    }

    /// For a window that is not one calendar quarter: the quarterly budgets and the per-person
    /// limit are scaled to it (PlanningInput.build), and the weekly limits are not.
    static func scaledLine(_ plan: Plan) -> String? {
        let window = DateWindow(from: plan.from, to: plan.to)
        guard !window.isCalendarQuarter else { return nil }
        let pieces = window.quarterPieces
        let share: String
        if pieces.count == 1, let p = pieces.first {
            share = "\(p.days) of the \(p.quarter.from.days(to: p.quarter.to)) days of "
                + span(p.quarter.from, p.quarter.to.adding(days: -1))
        } else {
            share = "\(Format.decimal(window.quarters, places: 2, trimmingZeros: true)) quarters' worth over the "
                + "\(pieces.count) quarters the window touches"
        }
        // Over more than one quarter, each quarter's share is a hard limit of its own (issue 11, item 5).
        let limit = pieces.count > 1 ? "each quarter's share a hard limit of its own" : "a hard limit for the whole window"
        return "Not a calendar quarter: the quarterly budgets and the per-person limit on texts and letters are "
            + "scaled to \(share) (\(limit)); weekly limits are unchanged."
    }

    /// "1 Jan to 31 Mar 2027", "1 Dec 2027 to 28 Feb 2028".
    static func span(_ a: CivilDate, _ b: CivilDate) -> String {
        a.year == b.year ? "\(short(a)) to \(short(b)) \(b.year)" : "\(short(a)) \(a.year) to \(short(b)) \(b.year)"
    }

    /// "4 Jan".
    static func short(_ d: CivilDate) -> String { "\(d.day) \(String(Format.monthName(d.month).prefix(3)))" }

    // MARK: - Weeks

    /// A week's (or month's) lines, its first day and what it holds.
    struct Period {
        var start: CivilDate
        var out: [String] = []
        /// The same campaigns' titles only, for a week short of room.
        var titles: [String] = []
        var prep: [String] = []
        /// The prep in counts, "prepare: draft 2, sign off 1", for a week short of room.
        var prepCounts: String?
    }

    static func weekLines(_ plan: Plan, context: SummaryContext, budget: Int) -> (heading: String, lines: [String]) {
        let byWeek = periods(plan, context: context) { $0.mondayOfWeek }
        if byWeek.count <= budget {
            return (
                "Week by week (week starting: what goes out; what to draft, sign off and post)",
                renderPeriods(byWeek, budget: budget, label: short)
            )
        }
        // A long window: month by month, and the months that do not fit are counted.
        let byMonth = periods(plan, context: context) { CivilDate(year: $0.year, month: $0.month, day: 1) }
        let label = { (d: CivilDate) in "\(String(Format.monthName(d.month).prefix(3))) \(d.year)" }
        if byMonth.count <= budget {
            return ("Month by month (what goes out; what to draft, sign off and post)", renderPeriods(byMonth, budget: budget, label: label))
        }
        let kept = Array(byMonth.prefix(budget - 1))
        return (
            "Month by month (what goes out; what to draft, sign off and post)",
            renderPeriods(kept, budget: budget - 1, label: label)
                + ["  ... \(counted(byMonth.count - kept.count, "more month", "more months")) in plan.md"]
        )
    }

    /// The plan's items and prep tasks gathered into periods (keyed by `start`), in date order.
    static func periods(_ plan: Plan, context: SummaryContext, start: (CivilDate) -> CivilDate) -> [Period] {
        var keys: [CivilDate] = []
        var outs: [CivilDate: [String: [PlanItem]]] = [:]
        var preps: [CivilDate: [String: [String]]] = [:]  // period -> verb -> campaign titles
        for item in plan.items {
            let k = start(item.date)
            outs[k, default: [:]][item.campaign, default: []].append(item)
            keys.append(k)
            for task in item.prepTasks {
                guard let verb = verb(task.task) else { continue }
                let p = start(task.due)
                keys.append(p)
                var titles = preps[p, default: [:]][verb, default: []]
                if !titles.contains(item.title) { titles.append(item.title) }
                preps[p, default: [:]][verb] = titles
            }
        }
        return Array(Set(keys)).sorted().map { k in
            var period = Period(start: k)
            let campaigns = outs[k] ?? [:]
            let order = campaigns.keys.sorted { a, b in
                let da = campaigns[a]!.map(\.date).min()!, db = campaigns[b]!.map(\.date).min()!
                return (da, a) < (db, b)
            }
            period.out = order.map { phrase(campaigns[$0]!, context: context) }
            period.titles = order.map { campaigns[$0]![0].title }
            var counts: [String] = []
            for verb in verbs {
                guard let titles = preps[k]?[verb], !titles.isEmpty else { continue }
                period.prep.append("\(verb) " + titles.joined(separator: ", "))
                counts.append("\(verb) \(titles.count)")
            }
            if !counts.isEmpty { period.prepCounts = "prepare: " + counts.joined(separator: ", ") }
            return period
        }
    }

    /// The prep steps the summary shows, in the order a week lists them.
    static let verbs = ["draft", "sign off", "print and post"]

    /// The summary's verb for a prep task; nil for the steps done the day before (scheduling
    /// the batch or the post), which tasks.ics carries.
    static func verb(_ task: String) -> String? {
        if task.hasPrefix("Draft") { return "draft" }
        if task.hasPrefix("Clinical sign-off") { return "sign off" }
        if task.hasPrefix("Send to print") { return "print and post" }
        return nil
    }

    /// "Stoptober (text to 1,240 smokers on Fri 1 Oct; online)" ("online": website and
    /// social media) for one campaign's items in a week.
    static func phrase(_ items: [PlanItem], context: SummaryContext) -> String {
        let items = items.sorted { ($0.channel, $0.date) < ($1.channel, $1.date) }
        var parts: [String] = []
        for item in items where item.isDirect {
            let noun = item.channel == .sms ? "text" : "letter"
            // Who in a few words, from the item's audience lines (its search recipe) where it has them.
            var names: [String] = []
            if let audience = item.audience, !audience.isEmpty {
                for r in audience {
                    let w = r.shortWords(groupName: context.groupNames[r.group] ?? r.group)
                    if !names.contains(w) { names.append(w) }
                }
            } else {
                names = item.groups.map { context.groupNames[$0] ?? $0 }
            }
            let who = names.joined(separator: " and ")
            parts.append("\(noun) to \(groupedThousands(item.recipients ?? 0)) \(who) on \(weekday(item.date))")
        }
        let online = Set(items.filter { !$0.isDirect }.map(\.channel))
        var words = online.count == 2 ? "online" : online.contains(.website) ? "website" : online.isEmpty ? "" : "social"
        if parts.isEmpty, !online.isEmpty {
            let groups = Array(Set(items.flatMap(\.groups))).sorted().map { context.groupNames[$0] ?? $0 }
            words += " for " + groups.joined(separator: " and ")
        }
        return items[0].title + " (" + (parts + (words.isEmpty ? [] : [words])).joined(separator: "; ") + ")"
    }

    static func weekday(_ d: CivilDate) -> String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][d.isoWeekday - 1] + " " + short(d)
    }

    /// Each period as "  4 Jan   out: ...; prepare: ..." in one line or more: every period gets
    /// one line, and the lines left in `budget` go one at a time to the periods that need
    /// them, earliest first (what is nearest is what the practice acts on). A period's
    /// phrases that do not fit are counted ("and 2 more").
    static func renderPeriods(_ periods: [Period], budget: Int, label: (CivilDate) -> String) -> [String] {
        let labelWidth = (periods.map { label($0.start).count }.max() ?? 0) + 2
        let laid: [(phrases: [String], prefix: String, indent: String, need: Int, period: Period)] = periods.map { p in
            let prefix = "  " + label(p.start).padding(labelWidth)
            var phrases = p.out
            if !phrases.isEmpty { phrases[0] = "out: " + phrases[0] }
            for (i, prep) in p.prep.enumerated() { phrases.append(i == 0 ? "prepare: " + prep : prep) }
            let indent = String(repeating: " ", count: prefix.count)
            let need = wrap(phrases.enumerated().map { $0 < phrases.count - 1 ? $1 + ";" : $1 }, prefix: prefix, indent: indent).count
            return (phrases, prefix, indent, need, p)
        }
        var allowed = laid.map { _ in 1 }
        var spare = max(0, budget - periods.count)
        var gave = true
        while spare > 0, gave {
            gave = false
            for i in laid.indices where spare > 0 && allowed[i] < laid[i].need {
                allowed[i] += 1
                spare -= 1
                gave = true
            }
        }
        return laid.indices.flatMap { i in
            let x = laid[i]
            if x.need <= allowed[i] || x.period.out.isEmpty {
                return fill(x.phrases, prefix: x.prefix, indent: x.indent, maxLines: allowed[i])
            }
            // Short of room: the week's sends as far as they fit, then its prep in counts.
            // Titles only when the first campaign's details do not fit.
            for var out in [x.period.out, x.period.titles] {
                out[0] = "out: " + out[0]
                let lines = fill(out, pinned: x.period.prepCounts, prefix: x.prefix, indent: x.indent, maxLines: allowed[i])
                if !lines.contains(where: { $0.hasSuffix("...") || $0.contains("...;") }) || out.count == 0 { return lines }
            }
            var titles = x.period.titles
            titles[0] = "out: " + titles[0]
            return fill(titles, pinned: x.period.prepCounts, prefix: x.prefix, indent: x.indent, maxLines: allowed[i])
        }
    }

    /// `phrases` joined with "; " and wrapped at the screen width, in at most `maxLines`
    /// lines: phrases that do not fit are counted ("and 2 more"); one too long for a line is
    /// cut with "...".
    static func fill(_ phrases: [String], pinned: String? = nil, prefix: String, indent: String, maxLines: Int) -> [String] {
        let tail = pinned.map { "; " + $0 } ?? ""
        for shown in stride(from: phrases.count, through: 1, by: -1) {
            var words = phrases.prefix(shown).enumerated().map { i, p in i < shown - 1 ? p + ";" : p }
            if shown < phrases.count { words[words.count - 1] += "; and \(phrases.count - shown) more" }
            words[words.count - 1] += tail
            let lines = wrap(words, prefix: prefix, indent: indent)
            if lines.count <= maxLines { return lines }
        }
        let more = (phrases.count > 1 ? "; and \(phrases.count - 1) more" : "") + tail
        return [clip(prefix + phrases[0], keeping: more)]
    }

    /// Words (here whole phrases, split at spaces) laid out in lines of at most `width`.
    static func wrap(_ phrases: [String], prefix: String, indent: String) -> [String] {
        var lines: [String] = []
        var line = prefix
        var fresh = true
        for word in phrases.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true) {
            if !fresh, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
                fresh = true
            }
            line += (fresh ? "" : " ") + word
            fresh = false
        }
        lines.append(line)
        return lines.map { clip($0) }
    }

    // MARK: - Money and hours

    static func moneyLines(_ plan: Plan) -> [String] {
        var lines: [String] = []
        var paid: [String] = []
        var free: [String] = []
        for c in plan.totals.channels {
            if let budget = c.budgetPence {
                let left = budget - c.costPence
                paid.append(
                    "\(c.channel.displayName) \(PlanSummary.money(c.costPence)) of \(PlanSummary.money(budget))"
                        + (left < 0 ? " (over by \(PlanSummary.money(-left)))" : ""))
            } else if c.items > 0 {
                free.append(c.channel.displayName)
            }
        }
        var money = "Money: " + (paid.isEmpty ? "No money is spent" : paid.joined(separator: "; "))
        if !free.isEmpty { money += "; " + free.joined(separator: " and ") + " cost nothing" }
        lines.append(clip(money))
        let limit = plan.constraints.commsCentiHoursPerWeek
        let weeks = plan.totals.effortByWeek
        let total = weeks.reduce(0) { $0 + $1.centiHours }
        let busiest = weeks.map(\.centiHours).max() ?? 0
        var hours = "Staff hours: \(PlanSummary.hours(total)) over \(counted(weeks.count, "week", "weeks")); busiest week "
            + "\(PlanSummary.hours(busiest)) of the \(PlanSummary.hours(limit)) a week allowed"
        let full = weeks.filter { $0.centiHours >= limit }.compactMap { CivilDate(isoWeekLabel: $0.week) }
        if !full.isEmpty {
            // As many full weeks as fit on the line, then how many more: never cut mid-date.
            var shown: [String] = []
            for d in full {
                let more = full.count - shown.count - 1
                let line = hours + "; full: " + (shown + [short(d)]).joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
                if line.count > width { break }
                shown.append(short(d))
            }
            let more = full.count - shown.count
            hours +=
                shown.isEmpty
                ? "; \(counted(full.count, "week", "weeks")) full"
                : "; full: " + shown.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        }
        lines.append(clip(hours))
        // A clinician's sign-off hours beside the staff's (issue 11): one sign-off per campaign.
        let signOffs = plan.items.reduce(0) { n, it in n + it.prepTasks.filter { $0.isSignOff && $0.centiHours > 0 }.count }
        if signOffs > 0 {
            let clinician = plan.totals.clinicianByWeek
            let clinicianLimit = plan.constraints.clinicianCentiHoursPerWeek
            var line =
                "Clinician hours: \(PlanSummary.hours(clinician.reduce(0) { $0 + $1.centiHours })) for "
                + "\(counted(signOffs, "sign-off", "sign-offs")) (one a campaign); busiest week "
                + PlanSummary.hours(clinician.map(\.centiHours).max() ?? 0)
            if clinicianLimit > 0 { line += " of the \(PlanSummary.hours(clinicianLimit)) allowed" }
            lines.append(clip(line))
        }
        return lines
    }

    // MARK: - Warnings

    /// A warning with what it costs in relevance and what to do about it.
    struct Ranked {
        var cost: Double
        var warning: PlanWarning
        var what: String
        var todo: String
    }

    static func warningLines(_ plan: Plan, context: SummaryContext) -> [String] {
        guard !plan.warnings.isEmpty else { return ["Warnings: none"] }
        let ranked = plan.warnings.map { rank($0, plan: plan, context: context) }.sorted {
            if $0.cost != $1.cost { return $0.cost > $1.cost }
            return $0.warning < $1.warning
        }
        let shown = ranked.prefix(shownWarnings)
        var lines = ["Warnings: the \(shown.count) that lose the most relevance, of \(plan.warnings.count)"]
        for (i, r) in shown.enumerated() {
            lines.append(clip("  \(i + 1). " + r.what))
            lines.append(clip("     To do: " + r.todo))
        }
        let rest = plan.warnings.count - shown.count
        if rest > 0 {
            var kinds: [String: Int] = [:]
            for r in ranked.dropFirst(shownWarnings) { kinds[heading(r.warning.code), default: 0] += 1 }
            let listed = kinds.keys.sorted { (kinds[$0]!, $1) > (kinds[$1]!, $0) }.map { "\(kinds[$0]!) \($0)" }
            lines.append(clip("  \(rest) more in plan.json and plan.md, or run with --verbose"))
            // As many kinds as fit on the line, then how many other kinds: never cut mid-word.
            var kindsLine = "  (" + listed.joined(separator: ", ") + ")"
            if kindsLine.count > width {
                var shown: [String] = []
                for k in listed {
                    let others = listed.count - shown.count - 1
                    let line = "  (" + (shown + [k]).joined(separator: ", ") + ", and \(others) other \(others == 1 ? "kind" : "kinds"))"
                    if line.count > width { break }
                    shown.append(k)
                }
                let others = listed.count - shown.count
                kindsLine = "  (" + shown.joined(separator: ", ") + ", and \(others) other \(others == 1 ? "kind" : "kinds"))"
            }
            lines.append(clip(kindsLine))
        }
        return lines
    }

    /// The plain title of a campaign id in the plan, or the id.
    static func campaignTitle(_ id: String, plan: Plan) -> String {
        plan.items.first { $0.campaign == id }?.title ?? titleInMessage(id, plan: plan)
    }

    /// A left-out day's title: the quoted title at the start of its message.
    static func titleInMessage(_ id: String, plan: Plan) -> String {
        for w in plan.warnings where w.campaignIDs.map(\.rawValue) == [id] {
            if w.message.hasPrefix("\""), let end = w.message.dropFirst().firstIndex(of: "\"") {
                return String(w.message[w.message.index(after: w.message.startIndex)..<end])
            }
        }
        return id
    }

    /// The relevance a warning costs and its words. A left-out day costs its relevance; a
    /// dropped channel its share of the day's channels; a dropped reminder half of an item's
    /// share; a group of older patients without a text or letter half the day's relevance; a
    /// day reaching a group only online a quarter; a date to confirm a fifth; warnings about
    /// the manager's own decisions and missing data come first (cost 1), having nothing to
    /// weigh them by.
    static func rank(_ w: PlanWarning, plan: Plan, context: SummaryContext) -> Ranked {
        let ids = w.campaignIDs.map(\.rawValue)
        let r = ids.map { context.relevance[$0] ?? 0 }.max() ?? 0
        let titles = ids.map { campaignTitle($0, plan: plan) }
        let named = titles.isEmpty ? "" : titles.prefix(3).joined(separator: ", ") + (titles.count > 3 ? " and others" : "")
        let channels = Set(plan.items.filter { ids.contains($0.campaign) }.map(\.channel)).count
        let items = plan.items.filter { ids.contains($0.campaign) }.count
        let reason = reasonWords(w.message)
        let dropped = droppedChannel(w.message)
        switch w.code {
        case .dayNotFitted:
            let pin = "planner decide pin \(ids.first ?? "")"
            let todo = [pin + " runs it; a less relevant day gives way", pin]
                .first { $0.count + 12 <= width } ?? "planner decide pin with its id (in plan.json's warnings) runs it"
            return Ranked(
                cost: r, warning: w, what: "Left out (relevance \(Format.decimal(r, places: 2))\(reason)): \(named)",
                todo: todo)
        case .channelDropped:
            return Ranked(
                cost: r / Double(channels + 1), warning: w, what: "No \(dropped) for \(named)\(reason.isEmpty ? "" : " (" + reason.dropFirst(2) + ")")",
                todo: "tell these patients at appointments, or free staff time (`planner decide skip` a smaller day)")
        case .reminderDropped:
            return Ranked(
                cost: r / Double(items + 1) / 2, warning: w, what: "No \(dropped) reminder for \(named)\(reason.isEmpty ? "" : " (" + reason.dropFirst(2) + ")")",
                todo: "post it by hand if there is time that week")
        case .olderGroupNoDirectContact:
            return Ranked(
                cost: r / 2, warning: w, what: "Older patients get no text or letter from \(named)",
                todo: "give them a leaflet or tell them at appointments")
        case .onlineOnly:
            return Ranked(
                cost: r / 4, warning: w, what: "\(named) reaches some patients only online",
                todo: "put up posters and brief reception for patients who are not online")
        case .tentativeDate:
            return Ranked(
                cost: r / 5, warning: w, what: "\(named): the date is not confirmed by the organiser",
                todo: "check the date before drafting starts")
        case .budgetUsedUp:
            return Ranked(
                cost: r / 2, warning: w, what: "\(budgetName(w.message)) budget is used up",
                todo: "raise the budget in the profile for more texts or letters, or accept the plan as it is")
        case .groupWithoutContact:
            return Ranked(
                cost: 0, warning: w, what: "A group gets no text or letter this quarter",
                todo: "see plan.md for which groups")
        case .staleDecision, .decisionBreaksConstraint, .decisionNotHonoured:
            return Ranked(cost: 1, warning: w, what: heading(w.code) + ": " + w.message, todo: "check the decisions file")
        case .noBankHolidayData:
            return Ranked(cost: 1, warning: w, what: w.message, todo: "check no post is due on a bank holiday")
        case .capacityExceeded:
            return Ranked(cost: r, warning: w, what: "\(named) brings more bookings than the clinic can take", todo: "add clinic sessions or send in more waves")
        case .capacityLimited:
            return Ranked(
                cost: r / 8, warning: w, what: "\(named) invites only as many people as the clinic can book",
                todo: "invite the rest next quarter, or add clinic sessions")
        case .batchTooSmall:
            return Ranked(cost: r / 4, warning: w, what: "\(named): a batch is too small to send", todo: "tell these patients at appointments")
        case .groupWithoutCounts:
            return Ranked(cost: 0.5, warning: w, what: w.message, todo: "add the group's size to the profile")
        case .draftBlocked:
            return Ranked(
                cost: 1, warning: w, what: "A draft of \(named) is held back: it may hold personal data",
                todo: "rewrite it (a text decision), or `planner decide allow` if it is not a patient's data")
        case .draftFailsChecks:
            return Ranked(
                cost: r / 2, warning: w, what: "A draft of \(named) fails its checks",
                todo: "read it in plan.md and shorten or simplify it (`planner check --plan`)")
        case .budgetUnspent:
            return Ranked(
                cost: r / 4, warning: w, what: "\(budgetName(w.message)) budget is not all spent: the contact rules stop more",
                todo: "nothing to do; plan.json names the setting to loosen for more")
        case .duplicateCampaign:
            return Ranked(cost: 0, warning: w, what: w.message, todo: "nothing: one copy is kept")
        case .prepWindowMissed:
            return Ranked(
                cost: r / 2, warning: w, what: "\(named): prep should have started before today",
                todo: "plan earlier next time; check the moved dates in plan.md")
        }
    }

    /// ": staff hours were full" and similar, from a scheduler's reasons.
    static func reasonWords(_ message: String) -> String {
        var found: [String] = []
        if message.contains("before today") { found.append("its prep should have started before today") }
        if message.contains("clinician hours") { found.append("the clinician's sign-off hours were full") }
        if message.contains("staff hours") { found.append("staff hours were full") }
        if message.contains("weekly limit") { found.append("each week had its most campaigns") }
        if message.contains("are contacted on") { found.append("the same people had a message too recently") }
        if message.contains("batch needs") { found.append("its text or letter would reach too few people") }
        if message.contains("money is short") { found.append("the money left was too little") }
        if message.contains("although money is left") { found.append("the allocation gave it no text or letter") }
        return found.isEmpty ? "" : "; " + found[0]
    }

    static func droppedChannel(_ message: String) -> String {
        if message.contains("has no SMS") || message.contains("SMS item") { return "text" }
        if message.contains("has no letters") || message.contains("letter item") { return "letter" }
        if message.contains("has no website") || message.contains("website item") { return "website" }
        return "social media"
    }

    static func budgetName(_ message: String) -> String {
        message.hasPrefix("Letter") ? "The letter" : message.hasPrefix("SMS") ? "The text" : "A"
    }

    // MARK: - Text


    /// `s` cut to the screen width with "..." (keeping `keeping` at the end), at a word's end
    /// ("Eating Disorders...", not "Eating Disorders Aware...") unless that would leave less
    /// than a quarter of the line.
    static func clip(_ s: String, keeping tail: String = "") -> String {
        if s.count + tail.count <= width { return s + tail }
        var cut = String(s.prefix(width - 3 - tail.count))
        if s.dropFirst(cut.count).first != " ", let space = cut.lastIndex(of: " "),
            cut.distance(from: cut.startIndex, to: space) > width / 4
        {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == "," || last == ";" || last == ":" { cut.removeLast() }
        return cut + "..." + tail
    }
}

/// A plain-English heading for a warning code.
func heading(_ code: PlanWarning.Code) -> String {
    switch code {
    case .dayNotFitted: return "days left out"
    case .channelDropped: return "channels not placed"
    case .budgetUsedUp: return "budgets used up"
    case .tentativeDate: return "dates to confirm"
    case .groupWithoutContact: return "groups with no text or letter"
    case .onlineOnly: return "days reaching a group only online"
    case .olderGroupNoDirectContact: return "older patients without a text or letter"
    case .batchTooSmall: return "batches too small to send"
    case .noBankHolidayData: return "bank holidays unknown"
    case .staleDecision: return "decisions that no longer match"
    case .decisionBreaksConstraint: return "decisions that break a rule"
    case .decisionNotHonoured: return "decisions not honoured"
    case .reminderDropped: return "reminders left out"
    case .capacityExceeded: return "clinics over capacity"
    case .capacityLimited: return "invitations limited to what the clinic can book"
    case .groupWithoutCounts: return "groups without sizes"
    case .duplicateCampaign: return "days listed twice"
    case .budgetUnspent: return "budgets left unspent"
    case .draftBlocked: return "drafts held back for personal data"
    case .draftFailsChecks: return "drafts that fail their checks"
    case .prepWindowMissed: return "preparation started too late"
    }
}

extension CivilDate {
    /// The Monday of an ISO week label "2027-W01".
    init?(isoWeekLabel label: String) {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), parts[1].hasPrefix("W"), let w = Int(parts[1].dropFirst()) else {
            return nil
        }
        let jan4 = CivilDate(year: y, month: 1, day: 4)
        self = jan4.mondayOfWeek.adding(days: (w - 1) * 7)
    }
}
