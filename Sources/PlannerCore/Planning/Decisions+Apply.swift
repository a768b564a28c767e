/// The practice manager's decisions (issue 6), kept in a decisions file beside the profile and
/// applied on every re-plan, each by a stable id of plan.json:
///
/// - `skip` and `pin` (campaign ids) and `move` (item ids) go to the planner itself through
///   `PlanningDecisions`, so the rest of the quarter is planned around them;
/// - `swap` (an item's channel) and `text` (the item's message) are applied to the finished plan.
///
/// A decision is never silently fixed or dropped: what it breaks is reported as a
/// `decision-breaks-constraint` warning naming it, and one that matches nothing as `stale-decision`.
public struct ManagerDecision: Sendable, Hashable, Codable {
    public enum Action: Sendable, Hashable, Codable {
        case skip
        case pin
        case move(to: CivilDate)
        case swap(to: PlanChannel)
        case text(String)
        /// The item's clinical sign-off is done (issue 15: the digest stops asking for it).
        case approve
        /// Lets an item's draft through although the confidentiality check finds this kind of
        /// possible personal data in it (the finding is not personal data; issue 13).
        case allow(FindingKind)
    }

    public var action: Action
    /// A campaign id (skip, pin) or an item id (move, swap, text).
    public var id: String
    public var note: String?
    public var author: String?
    /// Where the decision is written (for messages); nil for decisions made in code.
    public var location: SourceLocation?

    public init(_ action: Action, id: String, note: String? = nil, author: String? = nil, location: SourceLocation? = nil) {
        self.action = action
        self.id = id
        self.note = note
        self.author = author
        self.location = location
    }

    /// "skip", "pin", "move", "swap" or "text".
    public var kind: String {
        switch action {
        case .skip: return "skip"
        case .pin: return "pin"
        case .move: return "move"
        case .swap: return "swap"
        case .text: return "text"
        case .approve: return "approve"
        case .allow: return "allow"
        }
    }

    /// The decision in words, as warnings name it: "move X to 2027-03-13", "swap X to letter".
    public var label: String {
        switch action {
        case .skip, .pin, .text, .approve: return "\(kind) \(id)"
        case .move(let d): return "\(kind) \(id) to \(d.iso)"
        case .swap(let c): return "\(kind) \(id) to \(c.rawValue)"
        case .allow(let k): return "\(kind) \(id) \(k.rawValue)"
        }
    }

    /// Who decided and why, for the item's `why`: " (J. Patel: flu clinic that week)".
    var attribution: String {
        switch (author, note) {
        case (nil, nil): return ""
        case (let a?, nil): return " (\(a))"
        case (nil, let n?): return " (\(n))"
        case (let a?, let n?): return " (\(a): \(n))"
        }
    }
}

extension PlanningDecisions {
    /// The decisions the planner applies while planning: skip, pin and move. A later move of
    /// the same item wins (the decisions file allows one per item anyway).
    public init(_ decisions: [ManagerDecision]) {
        var skip: [String] = []
        var pin: [String] = []
        var move: [String: CivilDate] = [:]
        for d in decisions {
            switch d.action {
            case .skip: skip.append(d.id)
            case .pin: pin.append(d.id)
            case .move(let date): move[d.id] = date
            case .swap, .text, .approve, .allow: break
            }
        }
        self.init(skip: skip, pin: pin, move: move)
    }
}

/// Plans with the manager's decisions: skip, pin and move inside the planner, then swaps and
/// texts on the result. Pure and deterministic, like `QuarterPlanner`.
public enum DecidedPlanner {
    public static func plan(_ input: PlanningInput, decisions: [ManagerDecision]) -> Plan {
        var input = input
        input.decisions = PlanningDecisions(decisions)
        let plan = QuarterPlanner.plan(input)
        return apply(decisions, to: plan, input: input)
    }

    /// Applies the swap and text decisions to `plan` (planned from `input`), recomputes the
    /// totals, and adds where each decision is written to the planner's decision warnings.
    public static func apply(_ decisions: [ManagerDecision], to plan: Plan, input: PlanningInput) -> Plan {
        var plan = plan
        var warnings = plan.warnings
        let builder = PlanBuilder(input)
        let calendar = SendingCalendar(nonSendingDates: input.constraints.nonSendingDates)
        var swapped: [ManagerDecision] = []
        for d in decisions {
            switch d.action {
            case .skip: continue
            case .pin:
                // Say so on the campaign's first item, with who pinned it and why.
                guard let k = plan.items.firstIndex(where: { $0.campaign == d.id }) else { continue }
                plan.items[k].why.append("Pinned by the practice's decision\(d.attribution): planned ahead of higher-ranked days.")
            case .move(let date):
                guard !d.attribution.isEmpty, let k = plan.items.firstIndex(where: { $0.id == d.id && $0.date == date })
                else { continue }
                plan.items[k].why.append("Moved to \(date.iso) by the practice's decision\(d.attribution).")
            case .swap(let channel):
                guard let k = plan.items.firstIndex(where: { $0.id == d.id }) else {
                    warnings.append(stale(d))
                    continue
                }
                plan.items[k] = swap(plan.items[k], to: channel, decision: d, input: input, builder: builder)
                swapped.append(d)
            case .allow:
                // Read when drafts are written (PlannerIO): stale when the item is not in the plan.
                if !plan.items.contains(where: { $0.id == d.id }) { warnings.append(stale(d)) }
            case .text(let text):
                guard let k = plan.items.firstIndex(where: { $0.id == d.id }) else {
                    warnings.append(stale(d))
                    continue
                }
                plan.items[k].text = text
                plan.items[k].why.append("Message text written by the practice\(d.attribution).")
            case .approve:
                guard let k = plan.items.firstIndex(where: { $0.id == d.id }) else {
                    warnings.append(stale(d))
                    continue
                }
                plan.items[k].approval = ItemApproval(by: d.author, note: d.note)
            }
        }
        if !swapped.isEmpty {
            let before = Set(plan.groupsWithoutContact)
            recomputeTotals(&plan, input: input)
            warnings += swapChecks(swapped, plan: plan, input: input, calendar: calendar)
            // Groups the swaps took the last SMS or letter from (or gave one to).
            let after = Set(plan.groupsWithoutContact)
            warnings.removeAll { w in
                w.code == .groupWithoutContact
                    && before.subtracting(after).contains { w.message.contains("\"\(input.groupNames[$0] ?? $0)\"") }
            }
            for g in after.subtracting(before).sorted() {
                warnings.append(
                    PlanWarning(
                        code: .groupWithoutContact,
                        message: "no SMS or letter reaches \"\(input.groupNames[g] ?? g)\" this quarter (only website or social media items "
                            + "target it, after the practice's channel swaps).",
                        items: plan.items.filter { $0.groups.contains(g) }))
            }
        }
        plan.warnings = PlanWarning.listed(warnings.map { locate($0, decisions) })
        return plan
    }

    static func stale(_ d: ManagerDecision) -> PlanWarning {
        PlanWarning(
            code: .staleDecision, message: "decision \(d.label) matches no item in this plan; it was not applied.",
            concerning: [d.id])
    }

    /// Adds " [decisions.yaml line 7]" to a decision warning whose decision has a location.
    static func locate(_ w: PlanWarning, _ decisions: [ManagerDecision]) -> PlanWarning {
        let decisionCodes: [PlanWarning.Code] = [.staleDecision, .decisionBreaksConstraint, .decisionNotHonoured]
        guard decisionCodes.contains(w.code) else { return w }
        for d in decisions {
            guard let loc = d.location, let line = loc.line else { continue }
            let name = "decision \(d.kind) \(d.id)"
            guard w.message.hasPrefix(name + " ") || w.message == name else { continue }
            let file = loc.path.split(separator: "/").last.map(String.init) ?? loc.path
            var located = w
            located.message += " [\(file) line \(line)]"
            return located
        }
        return w
    }

    // MARK: - Swap

    /// The item on `channel`, with recipients, cost, reach, effort, time and prep tasks
    /// recomputed for it. The id keeps its original channel part, so decisions and links
    /// that name it still work.
    static func swap(
        _ item: PlanItem, to channel: PlanChannel, decision d: ManagerDecision, input: PlanningInput,
        builder: PlanBuilder
    ) -> PlanItem {
        guard item.channel != channel else { return item }
        var out = item
        let ch = input.channels
        var recipients = 0
        var reach = 0.0
        for g in item.groups {
            for b in input.groupBands[g] ?? [] where b.people > 0 {
                switch channel {
                case .sms: recipients += Int((Double(b.people) * ch.smsCoverage).rounded())
                case .letter: recipients += Int((Double(b.people) * ch.letterCoverage).rounded())
                case .website, .social: break
                }
                let coverage: Double
                switch channel {
                case .sms: coverage = ch.smsCoverage
                case .letter: coverage = ch.letterCoverage
                case .website: coverage = ch.websiteCoverage
                case .social: coverage = ch.socialCoverage
                }
                reach += Double(b.people) * coverage * ch.reach.reach(channel, band: b.band)
            }
        }
        out.channel = channel
        switch channel {
        case .sms:
            out.recipients = recipients
            out.costPence = (recipients * ch.smsMilliPencePerMessage(fragments: input.candidates.first { $0.campaignID == item.campaign }?.smsFragments) + 999) / 1000
            out.time = builder.smsTime
        case .letter:
            out.recipients = recipients
            out.costPence = (recipients * ch.letterMilliPence + 999) / 1000
            out.time = nil
        case .website, .social:
            out.recipients = nil
            out.costPence = 0
            out.time = nil
        }
        out.expectedReach = Int(reach.rounded())
        out.effortCentiHours = input.effort.centiHours(channel)
        out.prepTasks = builder.prepTasks(channel, date: item.date)
        out.why.append(
            "Channel swapped from \(item.channel.displayName) to \(channel.displayName) by the practice's decision"
                + "\(d.attribution); the id keeps \"\(item.channel.rawValue)\" so the decision still finds it. "
                + "Recipients, cost, staff time and reach were worked out again for \(channel.displayName); the reach "
                + "(\(out.expectedReach)) is this item's own, not de-duplicated against the campaign's other items. "
                + "It now costs £\(Money.pounds(out.costPence))"
                + (out.recipients.map { " for \($0) \(channel == .letter ? "letters" : "texts")" } ?? "")
                + " (it cost £\(Money.pounds(item.costPence)) as \(item.channel.displayName)).")
        return out
    }

    /// Totals and groups without contact, worked out again from the items.
    static func recomputeTotals(_ plan: inout Plan, input: PlanningInput) {
        plan.items.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        PrepWork.shareSignOffs(
            &plan.items, effort: input.effort, calendar: SendingCalendar(nonSendingDates: input.constraints.nonSendingDates))
        plan.totals = PlanTotals(items: plan.items, channels: input.channels)
        // Every group the plan knew of is either still contacted by an SMS or letter or is listed.
        var all = Set(plan.groupsWithoutContact)
        var contacted = Set<String>()
        for it in plan.items {
            all.formUnion(it.groups)
            if it.channel.isDirect { contacted.formUnion(it.groups) }
        }
        plan.groupsWithoutContact = all.subtracting(contacted).sorted()
    }

    /// What the swaps break: a budget, a closed day for an SMS or letter, the weekly staff
    /// hours, the two-channel rule, the contact gap. Each warning names the decision.
    static func swapChecks(
        _ swaps: [ManagerDecision], plan: Plan, input: PlanningInput, calendar: SendingCalendar
    ) -> [PlanWarning] {
        var out: [PlanWarning] = []
        let byID = Dictionary(plan.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cap = Int((input.constraints.commsHoursPerWeek * 100).rounded())
        let weekHours = Dictionary(uniqueKeysWithValues: plan.totals.effortByWeek.map { ($0.week, $0.centiHours) })
        func broken(_ d: ManagerDecision, _ why: String) {
            out.append(
                PlanWarning(
                    code: .decisionBreaksConstraint,
                    message: "decision \(d.label) breaks a rule: \(why); kept as decided.", concerning: [d.id]))
        }
        for d in swaps {
            guard let item = byID[d.id], case .swap(let channel) = d.action else { continue }
            if let budget = input.channels.budgetPence(channel),
                let total = plan.totals.channels.first(where: { $0.channel == channel }), total.costPence > budget
            {
                broken(
                    d,
                    "\(channel.displayName) now cost £\(Money.pounds(total.costPence)) against a budget of "
                        + "£\(Money.pounds(budget))")
            }
            if channel.isDirect, let why = calendar.whyNotSending(item.date) {
                broken(d, "\(why), and \(channel.displayName) are not sent on such days")
            }
            // The swapped item's staff hours fall in the weeks of its prep tasks (issue 11).
            for (w, _) in PrepWork.staffCentiByWeek(item.prepTasks) {
                let monday = CivilDate(daysSinceEpoch: w)
                if let used = weekHours[monday.isoWeekLabel], used > cap {
                    broken(d, "\(monday.weekInWords) now needs \(Hours.text(used)) of \(Hours.text(cap)) staff hours")
                }
            }
            let campaignChannels = Set(plan.items.filter { $0.campaign == item.campaign }.map(\.channel))
            if campaignChannels.count < 2 {
                broken(
                    d,
                    "campaign \(item.campaign) is now on one channel only (\(channel.displayName)); every campaign "
                        + "should use at least two")
            }
            if channel.isDirect {
                let gap = input.constraints.minDaysBetweenContacts
                let clash = plan.items.filter { other in
                    other.isDirect && other.campaign != item.campaign && abs(other.date.days(to: item.date)) < gap
                        && !Set(other.groups).isDisjoint(with: item.groups)
                }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
                if let other = clash.first {
                    let shared = Set(other.groups).intersection(item.groups).sorted().joined(separator: ", ")
                    broken(
                        d,
                        "\(shared) is also contacted on \(other.date.iso) (\(other.title)), less than \(gap) days away")
                }
            }
        }
        return out
    }
}
