/// Windows longer than a quarter (issue 11, item 5): each quarter's part of the window keeps its
/// own scaled SMS and letter budget and per-person cap (`PlanningConstraints.quarterLimits`) as
/// hard limits, beside the window's totals that the allocation keeps. A text or letter counts
/// in the quarter of its date (the first wave's, for one sent in waves). Kept apart from the
/// scheduler's other rules so that a model of the constraints can take them as they are.
extension Scheduler {
    /// The index in `constraints.quarterLimits` of the part holding `date`, if any.
    func quarterIndex(_ date: CivilDate) -> Int? {
        constraints.quarterLimits.firstIndex { date >= $0.from && date < $0.to }
    }

    /// Why a text or letter cannot go on `date` for its quarter's limits, or nil.
    func quarterBlock(_ slot: ItemSlot, on date: CivilDate) -> Block? {
        guard slot.channel.isDirect, let q = quarterIndex(date) else { return nil }
        let limit = constraints.quarterLimits[q]
        if let budget = limit.budget(slot.channel) {
            let spent = quarterSpent[q][slot.channel.order]
            if spent + slot.costPence > budget { return .quarterBudget(q, slot.channel, spent: spent) }
        }
        if let cells = slot.cells {
            var full = false
            let counts = quarterContactsPerCell[q]
            cells.forEachBit { if counts[$0] >= limit.maxDirectContactsPerPerson { full = true } }
            if full { return .quarterPersonCap(q) }
        }
        return nil
    }

    /// Books a placed text or letter in its quarter.
    mutating func placeInQuarter(_ slot: ItemSlot, on date: CivilDate) {
        guard slot.channel.isDirect, let q = quarterIndex(date) else { return }
        quarterSpent[q][slot.channel.order] += slot.costPence
        if let cells = slot.cells { cells.forEachBit { quarterContactsPerCell[q][$0] += 1 } }
    }

    /// The words of a quarter's block.
    func quarterText(_ q: Int, channel: PlanChannel?, spent: Int) -> String {
        let limit = constraints.quarterLimits[q]
        let part = "\(limit.from.dayMonthYearWords) to \(limit.to.adding(days: -1).dayMonthYearWords)"
        guard let channel else {
            return "some of these people already get \(limit.maxDirectContactsPerPerson) texts or letters in \(part), "
                + "the most per person in that quarter"
        }
        return "£\(Money.pounds(spent)) of the £\(Money.pounds(limit.budget(channel) ?? 0)) "
            + "\(channel == .sms ? "SMS" : "letter") budget for \(part) is taken, this quarter's own limit"
    }
}

extension CivilDate {
    /// "1 Jan 2027".
    var dayMonthYearWords: String { "\(day) \(Format.monthName(month).prefix(3)) \(year)" }
}
