/// Every hard rule of a quarter plan, checked on a `PlanSchedule` directly (not through the
/// scheduler's code path), so that the planner's own plans and a MIP solution decoded into a
/// schedule are held to the same rules: channels allowed, at least two channels per running
/// campaign, one date per required item from its own date list, sending days (and every
/// wave, moderated days for social media, no prep task before today), texts only to people
/// with a mobile number on record and the 75+ letter only to those without, budgets (and each
/// quarter's), staff hours by prep week, one clinical sign-off per campaign within the
/// clinician's hours, weekly campaign places, the contact gap and the per-person cap (and each
/// quarter's) across audiences that can share a person, the previous plan's load counted, one
/// invitation per service, no tiny batches.
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
            if !m.fits(it.date, channel: it.channel, waves: it.waveOffsets) {
                add(
                    "sending",
                    "\(m.campaigns[it.campaign].id) \(it.channel) on \(it.date.iso) is not a sending day in the window "
                        + "(or its preparation starts before today)")
            }
        }
        for slot in m.items where slot.required && used[slot.campaign].has(slot.channel) && used[slot.campaign].count >= 2 {
            let n = itemCount["\(slot.campaign)|\(slot.channel)|\(slot.number)"] ?? 0
            if n != 1 { add("items", "\(m.campaigns[slot.campaign].id) has \(n) \(slot.channel) items number \(slot.number), not one") }
        }
        for (key, n) in itemCount.sorted(by: { $0.key < $1.key }) where n > 1 {
            add("items", "item \(key) placed \(n) times")
        }
        // The mobile split: no text to people with no mobile on record, no 75+ letter to those
        // who get the text.
        for (k, seg) in m.segments.enumerated() where !s.direct[k].subtracting(seg.takes).isEmpty {
            add("mobile", "\(m.campaigns[seg.campaign].id) \(seg.group) gets a channel its people cannot get")
        }
        // Planning for people: a campaign's text or its letter to a person, not both.
        for (k, seg) in m.segments.enumerated() where seg.cells != nil && s.direct[k].isSuperset(of: .direct) {
            add("text or letter", "\(m.campaigns[seg.campaign].id) \(seg.group) gets both the text and the letter")
        }
        // Budgets.
        for ch in [PlanChannel.sms, .letter] {
            guard let budget = m.budgets[ch.order] else { continue }
            var spent = 0
            for (k, seg) in m.segments.enumerated() where s.direct[k].has(ch) { spent += seg.cost[ch.order] }
            if spent > budget { add("budget", "\(ch) spends \(spent) pence of \(budget)") }
        }
        // Staff hours by prep week, the campaign's one sign-off in the clinician's hours, weekly
        // campaign places; the previous plan's in the same weeks count.
        var hours = m.previous.staffCentiByWeek
        var clinician = m.previous.clinicianCentiByWeek
        var inWeek: [Int: Set<Int>] = [:]
        var signOff: [Int: CivilDate] = [:]
        for it in s.items {
            let tasks = PrepWork.tasks(it.channel, date: it.date, effort: m.effort, calendar: calendar)
            for (w, centi) in PrepWork.staffCentiByWeek(tasks) { hours[w, default: 0] += centi }
            let due = PrepWork.signOff(it.channel, date: it.date, effort: m.effort, calendar: calendar).due
            signOff[it.campaign] = min(signOff[it.campaign] ?? due, due)
            inWeek[it.date.mondayOfWeek.daysSinceEpoch, default: []].insert(it.campaign)
        }
        for due in signOff.values { clinician[due.mondayOfWeek.daysSinceEpoch, default: 0] += m.effort.signOffCentiHours }
        let cap = Int((m.constraints.commsHoursPerWeek * 100).rounded())
        for (w, h) in hours.sorted(by: { $0.key < $1.key }) where h > cap && h > (m.previous.staffCentiByWeek[w] ?? 0) {
            add("hours", "week of \(CivilDate(daysSinceEpoch: w).iso) has \(h) centi-hours of \(cap)")
        }
        let clinicianCap = Int((m.constraints.clinicianHoursPerWeek * 100).rounded())
        for (w, h) in clinician.sorted(by: { $0.key < $1.key }) where h > clinicianCap && h > (m.previous.clinicianCentiByWeek[w] ?? 0) {
            add("clinician", "week of \(CivilDate(daysSinceEpoch: w).iso) has \(h) centi-hours of sign-off of \(clinicianCap)")
        }
        for (w, cs) in inWeek.sorted(by: { $0.key < $1.key }) {
            let taken = m.previous.campaignsByWeek[w] ?? 0
            if cs.count + taken > m.constraints.campaignsPerWeek {
                add("weekly limit", "week of \(CivilDate(daysSinceEpoch: w).iso) has \(cs.count) campaigns and \(taken) of the previous plan")
            }
        }
        // Direct items: who receives each (the segments that chose its channel and can get it),
        // and what kind of contact it is (the scheduler's `ContactKind`).
        struct Direct {
            var item: PlanSchedule.Item
            var cells: Set<Int>?
            var groups: Set<String>
            var kind: PlanModel.Kind
        }
        var directs: [Direct] = []
        for it in s.items where it.channel.isDirect {
            var cells: Set<Int>? = nil
            var groups: Set<String> = []
            var withoutMobile = it.channel == .letter
            for k in m.segmentsOf(it.campaign) where s.direct[k].has(it.channel) && m.segments[k].takes.has(it.channel) {
                if let bits = m.segments[k].cells { cells = (cells ?? []).union(bits) } else { groups.insert(m.segments[k].group) }
                withoutMobile = withoutMobile && m.segments[k].withoutMobile
            }
            let kind: PlanModel.Kind = it.channel == .sms ? .text : withoutMobile ? .letterWithoutMobile : .letter
            directs.append(Direct(item: it, cells: cells, groups: groups, kind: kind))
        }
        let gap = m.constraints.minDaysBetweenContacts
        func close(_ a: [CivilDate], _ b: [CivilDate]) -> Bool {
            a.contains { x in b.contains { abs(x.days(to: $0)) < gap } }
        }
        for i in directs.indices {
            let a = directs[i]
            let aDates = a.item.waveOffsets.map { a.item.date.adding(days: $0) }
            for j in directs.indices where j > i {
                let b = directs[j]
                var shared = false
                if let ca = a.cells, let cb = b.cells { shared = !ca.isDisjoint(with: cb) && !a.kind.disjoint(from: b.kind) }
                if !shared && a.item.campaign != b.item.campaign { shared = !a.groups.isDisjoint(with: b.groups) }
                guard shared else { continue }
                if close(aDates, b.item.waveOffsets.map { b.item.date.adding(days: $0) }) {
                    add(
                        "gap",
                        "\(m.campaigns[a.item.campaign].id) \(a.item.channel) on \(a.item.date.iso) and "
                            + "\(m.campaigns[b.item.campaign].id) \(b.item.channel) on \(b.item.date.iso) can reach the same people")
                }
            }
            // The previous plan's texts and letters.
            if let ca = a.cells {
                for p in m.previous.personContacts where !a.kind.disjoint(from: p.kind) && !ca.isDisjoint(with: p.cells) {
                    if close(aDates, [p.date]) {
                        add("gap", "\(m.campaigns[a.item.campaign].id) \(a.item.channel) on \(a.item.date.iso) and the previous plan's contact on \(p.date.iso) can reach the same people")
                    }
                }
            }
            for p in m.previous.groupContacts where a.groups.contains(p.group) && close([a.item.date], [p.date]) {
                add("gap", "\(m.campaigns[a.item.campaign].id) \(a.item.channel) on \(a.item.date.iso) and the previous plan's contact to \(p.group) on \(p.date.iso)")
            }
        }
        // Waves: as many as the recipients need at the service's capacity (`WavePlan.split`).
        for d in directs {
            let it = d.item
            guard let slot = m.items.first(where: { $0.campaign == it.campaign && $0.channel == it.channel && $0.number == it.number })
            else { continue }
            var recipients = 0
            var letters = 0
            for k in m.segmentsOf(it.campaign) {
                if s.direct[k].has(it.channel) { recipients += m.segments[k].recipients[it.channel.order] }
                if s.direct[k].has(.letter) { letters += m.segments[k].recipients[PlanChannel.letter.order] }
            }
            // A text leaves the letter's busiest week of bookings free at the clinic.
            let rule = slot.waves.map { it.channel == .sms && used[it.campaign].has(.letter) ? $0.leaving(letters: letters) : $0 }
            let expected = rule?.offsets(recipients: recipients) ?? [0]
            if it.waveOffsets != expected {
                add("waves", "\(m.campaigns[it.campaign].id) \(it.channel) goes in \(it.waveOffsets.count) waves, not \(expected.count)")
            }
            if let rule, recipients > rule.limit {
                add("capacity", "\(m.campaigns[it.campaign].id) \(it.channel) invites \(recipients) people, more than the clinic can book (\(rule.limit))")
            }
        }
        var perCell: [Int: Int] = [:]
        for d in directs { for b in d.cells ?? [] { perCell[b, default: 0] += 1 } }
        for (b, n) in perCell.sorted(by: { $0.key < $1.key }) where n > m.constraints.maxDirectContactsPerPerson {
            add("cap", "cell \(b) gets \(n) texts or letters")
        }
        // Each quarter's own budgets and per-person cap (windows longer than a quarter).
        for limit in m.constraints.quarterLimits {
            let part = "\(limit.from.iso) to \(limit.to.iso)"
            var spent = [0, 0]
            var perCellQ: [Int: Int] = [:]
            for d in directs where d.item.date >= limit.from && d.item.date < limit.to {
                for k in m.segmentsOf(d.item.campaign) where s.direct[k].has(d.item.channel) && m.segments[k].takes.has(d.item.channel) {
                    spent[d.item.channel.order] += m.segments[k].cost[d.item.channel.order]
                }
                for b in d.cells ?? [] { perCellQ[b, default: 0] += 1 }
            }
            for ch in [PlanChannel.sms, .letter] {
                if let budget = limit.budget(ch), spent[ch.order] > budget {
                    add("quarter budget", "\(ch) spends \(spent[ch.order]) pence of \(budget) in \(part)")
                }
            }
            for (b, n) in perCellQ.sorted(by: { $0.key < $1.key }) where n > limit.maxDirectContactsPerPerson {
                add("quarter cap", "cell \(b) gets \(n) texts or letters in \(part)")
            }
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
