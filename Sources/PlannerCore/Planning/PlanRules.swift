/// Every hard rule of a quarter plan, checked on a `PlanSchedule` directly (not through the
/// scheduler's code path), so that the planner's own plans and a MIP solution decoded into a
/// schedule are held to the same rules: channels allowed, at least two channels per running
/// campaign, one date per required item from its own date list, sending days (and every
/// wave), budgets, weekly staff hours, weekly campaign places, the contact gap and the
/// per-person cap across audiences that can share a person, one invitation per service, no
/// tiny batches.
public enum PlanRules {
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The rule family, e.g. "budget", "hours", "gap".
        public var rule: String
        public var detail: String
        public var description: String { "\(rule): \(detail)" }
    }

    public static func violations(_ s: PlanSchedule, model m: PlanModel) -> [Violation] {
        var out: [Violation] = []
        func add(_ rule: String, _ detail: String) { out.append(Violation(rule: rule, detail: detail)) }
        let used = m.channelsUsed(s)
        let calendar = m.calendar
        // Channels allowed, at least two per running campaign.
        for (c, camp) in m.campaigns.enumerated() {
            if !used[c].isSubset(of: camp.available) { add("channels", "\(camp.id) uses a channel it may not use") }
            if used[c].count == 1 { add("channels", "\(camp.id) runs on one channel") }
        }
        // Items: exactly one per required slot of every used channel, none for unused ones,
        // dates from the slot's own list (which holds only sending days in the window).
        var itemCount: [String: Int] = [:]
        for it in s.items {
            itemCount["\(it.campaign)|\(it.channel)|\(it.number)", default: 0] += 1
            guard let slot = m.items.first(where: { $0.campaign == it.campaign && $0.channel == it.channel && $0.number == it.number }) else {
                add("items", "\(m.campaigns[it.campaign].id) has an item \(it.channel) \(it.number) the campaign does not have")
                continue
            }
            if !used[it.campaign].has(it.channel) {
                add("items", "\(m.campaigns[it.campaign].id) has a \(it.channel) item but does not use the channel")
            }
            if !slot.dates.contains(it.date) {
                add("dates", "\(m.campaigns[it.campaign].id) \(it.channel) on \(it.date.iso) is not one of its dates")
            }
            if !PlanModel.fits(it.date, channel: it.channel, waves: it.waveOffsets, window: m.window, calendar: calendar, constraints: m.constraints) {
                add("sending", "\(m.campaigns[it.campaign].id) \(it.channel) on \(it.date.iso) is not a sending day in the window")
            }
        }
        for slot in m.items where slot.required && used[slot.campaign].has(slot.channel) && used[slot.campaign].count >= 2 {
            let n = itemCount["\(slot.campaign)|\(slot.channel)|\(slot.number)"] ?? 0
            if n != 1 { add("items", "\(m.campaigns[slot.campaign].id) has \(n) \(slot.channel) items number \(slot.number), not one") }
        }
        for (key, n) in itemCount.sorted(by: { $0.key < $1.key }) where n > 1 {
            add("items", "item \(key) placed \(n) times")
        }
        // Budgets.
        for ch in [PlanChannel.sms, .letter] {
            guard let budget = m.budgets[ch.order] else { continue }
            var spent = 0
            for (k, seg) in m.segments.enumerated() where s.direct[k].has(ch) { spent += seg.cost[ch.order] }
            if spent > budget { add("budget", "\(ch) spends \(spent) pence of \(budget)") }
        }
        // Weekly hours and campaign places.
        var hours: [Int: Int] = [:]
        var inWeek: [Int: Set<Int>] = [:]
        for it in s.items {
            let w = it.date.mondayOfWeek.daysSinceEpoch
            hours[w, default: 0] += m.centiHours[it.channel.order]
            inWeek[w, default: []].insert(it.campaign)
        }
        let cap = Int((m.constraints.commsHoursPerWeek * 100).rounded())
        for (w, h) in hours.sorted(by: { $0.key < $1.key }) where h > cap {
            add("hours", "week of \(CivilDate(daysSinceEpoch: w).iso) has \(h) centi-hours of \(cap)")
        }
        for (w, cs) in inWeek.sorted(by: { $0.key < $1.key }) where cs.count > m.constraints.campaignsPerWeek {
            add("weekly limit", "week of \(CivilDate(daysSinceEpoch: w).iso) has \(cs.count) campaigns")
        }
        // Direct items: who receives each (the segments that chose its channel).
        struct Direct {
            var item: PlanSchedule.Item
            var cells: Set<Int>?
            var groups: Set<String>
        }
        var directs: [Direct] = []
        for it in s.items where it.channel.isDirect {
            var cells: Set<Int>? = nil
            var groups: Set<String> = []
            for k in m.segmentsOf(it.campaign) where s.direct[k].has(it.channel) {
                if let bits = m.segments[k].cells { cells = (cells ?? []).union(bits) } else { groups.insert(m.segments[k].group) }
            }
            directs.append(Direct(item: it, cells: cells, groups: groups))
        }
        let gap = m.constraints.minDaysBetweenContacts
        for i in directs.indices {
            for j in directs.indices where j > i {
                let (a, b) = (directs[i], directs[j])
                var shared = false
                if let ca = a.cells, let cb = b.cells { shared = !ca.isDisjoint(with: cb) }
                if !shared && a.item.campaign != b.item.campaign { shared = !a.groups.isDisjoint(with: b.groups) }
                guard shared else { continue }
                let close = a.item.waveOffsets.contains { oa in
                    b.item.waveOffsets.contains { ob in
                        abs(a.item.date.adding(days: oa).days(to: b.item.date.adding(days: ob))) < gap
                    }
                }
                if close {
                    add(
                        "gap",
                        "\(m.campaigns[a.item.campaign].id) \(a.item.channel) on \(a.item.date.iso) and "
                            + "\(m.campaigns[b.item.campaign].id) \(b.item.channel) on \(b.item.date.iso) can reach the same people")
                }
            }
        }
        // Waves: as many as the recipients need at the service's capacity (`WavePlan.split`).
        for d in directs {
            let it = d.item
            guard let slot = m.items.first(where: { $0.campaign == it.campaign && $0.channel == it.channel && $0.number == it.number })
            else { continue }
            var recipients = 0
            for k in m.segmentsOf(it.campaign) where s.direct[k].has(it.channel) { recipients += m.segments[k].recipients[it.channel.order] }
            let expected = slot.waves?.offsets(recipients: recipients) ?? [0]
            if it.waveOffsets != expected {
                add("waves", "\(m.campaigns[it.campaign].id) \(it.channel) goes in \(it.waveOffsets.count) waves, not \(expected.count)")
            }
        }
        var perCell: [Int: Int] = [:]
        for d in directs { for b in d.cells ?? [] { perCell[b, default: 0] += 1 } }
        for (b, n) in perCell.sorted(by: { $0.key < $1.key }) where n > m.constraints.maxDirectContactsPerPerson {
            add("cap", "cell \(b) gets \(n) texts or letters")
        }
        // One invitation per service.
        var inviting: [String: [Int]] = [:]
        for (c, camp) in m.campaigns.enumerated() where !used[c].intersection(.direct).isEmpty && used[c].count >= 2 {
            if let service = camp.service { inviting[service, default: []].append(c) }
        }
        for (service, cs) in inviting.sorted(by: { $0.key < $1.key }) where cs.count > 1 {
            add("invitation", "\(service) is invited to by \(cs.count) campaigns")
        }
        // Tiny batches (unless they serve the 75+ rule).
        for c in m.campaigns.indices {
            for ch in [PlanChannel.sms, .letter] where used[c].has(ch) {
                var people = 0
                var older = false
                for k in m.segmentsOf(c) where s.direct[k].has(ch) {
                    people += m.segments[k].recipients[ch.order]
                    older = older || m.segments[k].needsDirect
                }
                if people < m.constraints.minRecipientsPerBatch && !older {
                    add("tiny batch", "\(m.campaigns[c].id) \(ch) goes to \(people) people")
                }
            }
        }
        return out
    }
}
