import Foundation
import PlannerCore

/// Whether a decision can apply, checked when `planner decide` records it (issue 12 item 3):
/// skip and pin name a campaign of an awareness day in the calendars (the days of the
/// quarter the id's date falls in); move, swap and text name an item of the current plan when
/// there is one (else a campaign of the calendars); a move of a text or letter goes to a
/// sending day inside the plan's window; a swap to a paid channel fits the budget left.
/// Each refusal names the nearest valid id or date.
public struct DecisionCheck: Sendable {
    public var practice: PracticeProfile
    public var source: AwarenessSource
    /// The plan the item ids come from (the output folder's plan.json), when there is one.
    public var plan: Plan?
    /// Every decision of the file once this one is recorded (a swap is costed with them).
    public var decisions: [ManagerDecision]

    public init(practice: PracticeProfile, source: AwarenessSource, plan: Plan?, decisions: [ManagerDecision]) {
        self.practice = practice
        self.source = source
        self.plan = plan
        self.decisions = decisions
    }

    /// Why a decision cannot apply, with a hint naming the nearest valid value.
    public struct Refusal: Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var hint: String
        public var description: String { "error: \(message)\nhint: \(hint)" }
    }

    static let force = "or give --force to record it anyway"

    /// The refusal for `decision`, nil when it can apply.
    public func refusal(for decision: ManagerDecision) -> Refusal? {
        switch decision.action {
        case .skip, .pin:
            guard let id = CampaignID(rawValue: decision.id) else { return nil }
            return campaignRefusal(id, wanted: decision.id)
        case .move(let date):
            if let r = itemRefusal(decision.id) { return r }
            return moveRefusal(decision.id, to: date)
        case .swap(let channel):
            if let r = itemRefusal(decision.id) { return r }
            return swapRefusal(decision, to: channel)
        case .text, .approve, .allow:
            return itemRefusal(decision.id)
        }
    }

    // MARK: - Ids

    /// The quarter a date falls in.
    static func quarter(of d: CivilDate) -> DateWindow {
        DateWindow.quarter(year: d.year, number: (d.month - 1) / 3 + 1)
    }

    static func quarterName(_ w: DateWindow) -> String { "\(w.from.year)-Q\((w.from.month - 1) / 3 + 1)" }

    /// The campaign ids of the awareness days of the quarter `start` falls in.
    func campaignIDs(around start: CivilDate) -> [String] {
        let days = source.cleanedDays(window: Self.quarter(of: start)).days
        return Array(Set(days.map { CampaignID(title: $0.normalizedTitle, start: $0.start.civilDate).rawValue })).sorted()
    }

    /// The candidate nearest to `word` (edit distance, then name order).
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        candidates.min { a, b in
            let da = Diagnostic.editDistance(word, a), db = Diagnostic.editDistance(word, b)
            return da != db ? da < db : a < b
        }
    }

    func campaignRefusal(_ id: CampaignID, wanted: String) -> Refusal? {
        let ids = campaignIDs(around: id.start)
        if ids.contains(id.rawValue) { return nil }
        let window = Self.quarter(of: id.start)
        let q = Self.quarterName(window)
        let list = "`planner days --from \(window.from.iso) --to \(window.to.adding(days: -1).iso)` lists the days of \(q)"
        guard let near = Self.nearest(wanted, in: ids) else {
            return Refusal(
                message: "\"\(wanted)\" is not an awareness day: the calendars have no days in \(q).",
                hint: "check the date in the id, \(Self.force)")
        }
        return Refusal(
            message: "\"\(wanted)\" is not an awareness day of \(q) in the calendars.",
            hint: "did you mean \"\(near)\"? \(list); \(Self.force)")
    }

    /// An item id must be one of the plan's, or (with no plan) name a campaign of the calendars.
    func itemRefusal(_ raw: String) -> Refusal? {
        guard let plan else {
            guard let id = ItemID(rawValue: raw) else { return nil }
            return campaignRefusal(id.campaign, wanted: id.campaign.rawValue)
        }
        let ids = plan.items.map(\.id)
        if ids.contains(raw) { return nil }
        let near = Self.nearest(raw, in: ids).map { "did you mean \"\($0)\"? " } ?? ""
        return Refusal(
            message: "\"\(raw)\" is not an item of the plan for \(plan.from.iso) to \(plan.to.adding(days: -1).iso).",
            hint: "\(near)Copy an id from plan.json; \(Self.force)")
    }

    // MARK: - Move

    /// The plan's window, bank holidays and quiet dates (or, with no plan, the quarter of the
    /// id's date with the nation's bank holidays and the profile's quiet dates).
    func sendingRules(for raw: String) -> (window: DateWindow, closed: [NonSendingDate])? {
        if let plan {
            return (DateWindow(from: plan.from, to: plan.to), plan.constraints.bankHolidays + plan.constraints.quietDates)
        }
        guard let id = ItemID(rawValue: raw) else { return nil }
        let window = Self.quarter(of: id.campaign.start)
        var closed = AwarenessInput.bankHolidays(nation: practice.nation, window: window).days.map {
            NonSendingDate(date: $0.0, kind: .bankHoliday, reason: $0.1)
        }
        var d = window.from
        while d < window.to {
            if let q = practice.quietDates.first(where: { $0.contains(d) }) {
                closed.append(NonSendingDate(date: d, kind: .quiet, reason: q.reason ?? "quiet date"))
            }
            d = d.adding(days: 1)
        }
        return (window, closed)
    }

    func moveRefusal(_ raw: String, to date: CivilDate) -> Refusal? {
        guard let rules = sendingRules(for: raw) else { return nil }
        let channel = plan?.items.first(where: { $0.id == raw })?.channel ?? ItemID(rawValue: raw)?.channel
        let direct = channel.map(\.isDirect) ?? true
        let calendar = SendingCalendar(nonSendingDates: rules.closed)
        func why(_ d: CivilDate) -> String? {
            if d < rules.window.from || d >= rules.window.to {
                return "\(d.iso) is outside the plan's window, \(rules.window.from.iso) to \(rules.window.to.adding(days: -1).iso)"
            }
            guard direct else { return nil }
            return calendar.whyNotSending(d)
        }
        guard let problem = why(date) else { return nil }
        // The nearest date that keeps every rule (the earlier one on a tie).
        var nearest: CivilDate?
        let anchor = min(max(date, rules.window.from), rules.window.to.adding(days: -1))
        for k in 0...400 {
            if why(anchor.adding(days: -k)) == nil {
                nearest = anchor.adding(days: -k)
                break
            }
            if why(anchor.adding(days: k)) == nil {
                nearest = anchor.adding(days: k)
                break
            }
        }
        let what = direct
            ? "texts and letters go out only on weekdays that are not bank holidays or quiet dates, inside the plan's window"
            : "items go inside the plan's window"
        return Refusal(
            message: "cannot move \"\(raw)\" to \(date.iso): \(problem).",
            hint: (nearest.map { "the nearest date that can be used is \($0.iso) (\(SendingCalendar.weekdayName($0))); " } ?? "")
                + "\(what); \(Self.force)")
    }

    // MARK: - Swap

    func swapRefusal(_ decision: ManagerDecision, to channel: PlanChannel) -> Refusal? {
        guard let plan, let item = plan.items.first(where: { $0.id == decision.id }), item.channel != channel,
            let budget = plan.totals.channels.first(where: { $0.channel == channel })?.budgetPence
        else { return nil }
        let spent = plan.totals.channels.first(where: { $0.channel == channel })?.costPence ?? 0
        let left = max(0, budget - spent)
        // The item's cost on the new channel, as the next plan will work it out.
        guard let taxonomy = try? source.taxonomy() else { return nil }
        let window = DateWindow(from: plan.from, to: plan.to)
        let cleaned = source.cleanedDays(window: window)
        let matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        let replanned = PlanningRun.plan(
            practice: practice, days: cleaned.days, matches: matches, taxonomy: taxonomy, window: window,
            holidays: BankHolidaySet(nation: practice.nation, window: window), decisions: decisions
        ).plan
        guard let swapped = replanned.items.first(where: { $0.id == decision.id }), swapped.channel == channel,
            swapped.costPence > left
        else { return nil }
        let free = PlanChannel.allCases.filter { c in
            plan.totals.channels.first(where: { $0.channel == c })?.budgetPence == nil && c != item.channel
        }.map(\.displayName)
        return Refusal(
            message: "cannot swap \"\(decision.id)\" to \(channel.displayName): it would cost "
                + "\(Self.money(swapped.costPence)), and \(Self.money(left)) of the \(Self.money(budget)) "
                + "\(channel.displayName) budget is left.",
            hint: (free.isEmpty ? "" : "\(free.joined(separator: " or ")) cost nothing; ") + Self.force)
    }

    /// "£1,234.56".
    static func money(_ pence: Int) -> String {
        let pounds = pence / 100, p = pence % 100
        var digits = String(pounds)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return "£" + digits + grouped + "." + (p < 10 ? "0" : "") + String(p)
    }
}
