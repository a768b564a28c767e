/// The planner's own plan check for a schedule it did not make (a MIP solution decoded): every
/// item is replayed through a `Scheduler` seeded as the planner's is (the previous plan,
/// today), and the scheduler's own `block` says which items it would refuse. Independent of
/// `PlanRules`, so a rule that the checker or the model misread shows up here.
extension PlanModel {
    public struct Refusal: Sendable, Hashable, CustomStringConvertible {
        public var item: String
        public var reason: String
        public var description: String { "\(item): \(reason)" }
    }

    public func schedulerRefusals(_ schedule: PlanSchedule) -> [Refusal] {
        let m = self
        var scheduler = Scheduler(
            window: input.window, calendar: m.calendar, constraints: input.constraints, effort: input.effort,
            today: input.today, previous: input.previousItems, people: input.people)
        var out: [Refusal] = []
        for c in m.campaigns.indices {
            // A campaign's items in the order of their sign-off dates (then channel and number),
            // so that the campaign's one sign-off is booked in its final week from the start.
            let mine = schedule.items.filter { $0.campaign == c }.sorted {
                let a = PrepWork.signOff($0.channel, date: $0.date, effort: m.effort, calendar: m.calendar).due
                let b = PrepWork.signOff($1.channel, date: $1.date, effort: m.effort, calendar: m.calendar).due
                return (a, $0.channel, $0.number) < (b, $1.channel, $1.number)
            }
            for it in mine {
                var slot = ItemSlot(
                    channel: it.channel, number: it.number, role: .launch, dates: [it.date], required: true,
                    groups: [])
                if it.channel.isDirect {
                    var groups = Set<String>()
                    var cells: PeopleCells? = nil
                    var withoutMobile = it.channel == .letter
                    var recipients = 0
                    for k in m.segmentsOf(c) where schedule.direct[k].has(it.channel) && m.segments[k].takes.has(it.channel) {
                        let seg = m.segments[k]
                        groups.insert(seg.group)
                        if let more = seg.peopleCells { cells = (cells ?? PeopleCells()).union(more) }
                        withoutMobile = withoutMobile && seg.withoutMobile
                        recipients += seg.recipients[it.channel.order]
                        slot.costPence += seg.cost[it.channel.order]
                    }
                    slot.groups = groups.sorted()
                    slot.cells = cells
                    slot.waveOffsets = it.waveOffsets
                    slot.service = m.campaigns[c].service
                    slot.withoutMobile = withoutMobile && recipients > 0
                } else {
                    slot.groups = m.campaigns[c].groups
                }
                if let block = scheduler.block(slot, on: it.date, campaign: c) {
                    out.append(
                        Refusal(
                            item: "\(m.campaigns[c].id) \(it.channel.rawValue) \(it.number) on \(it.date.iso)",
                            reason: scheduler.text(block)))
                }
                scheduler.place(slot, on: it.date, campaign: c, title: m.campaigns[c].title)
            }
        }
        return out
    }
}
