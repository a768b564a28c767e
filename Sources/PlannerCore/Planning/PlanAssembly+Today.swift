/// `prep-window-missed` (issue 11, item 3): a plan made after some of its preparation should
/// have started. The scheduler lets no prep task fall before `PlanningInput.today`, so an item
/// whose best date needed earlier prep goes on a later date when its span allows, and is left
/// out (with the reason) when not; this says which, campaign by campaign.
extension PlanBuilder {
    mutating func warnAboutMissedPrep(_ a: AssemblyInputs) {
        guard let today = input.today else { return }
        let phrase = Scheduler.prepMissedPhrase
        for (c, info) in campaigns.enumerated() {
            var parts: [String] = []
            for p in a.scheduler.placed where p.campaign == c && !p.decided {
                guard let best = p.slot.dates.first, best != p.date,
                    a.scheduler.todayBlock(p.slot.channel, on: best) != nil
                else { continue }
                parts.append("the \(PrepWork.noun(p.slot.channel)) moves from \(best.iso) to \(p.date.iso)")
            }
            if a.dropped.contains(c), a.droppedWhy[c]?.contains(phrase) == true {
                parts.append("the day is left out: no date of it leaves time to prepare")
            } else {
                for (x, why) in (a.forbiddenWhy[c] ?? [:]).sorted(by: { $0.key < $1.key }) where why.contains(phrase) {
                    parts.append("no \(x.displayName): no date leaves time to prepare")
                }
                for d in a.scheduler.droppedReminders where d.campaign == c && d.reason.contains(phrase) {
                    parts.append("the \(PrepWork.noun(d.slot.channel)) reminder is left out")
                }
            }
            guard !parts.isEmpty else { continue }
            warnings.append(
                PlanWarning(
                    code: .prepWindowMissed,
                    message: "\"\(info.candidate.campaignTitle)\": planned on \(today.iso), after its preparation "
                        + "should have started, so no task is due before today: " + parts.joined(separator: "; ") + ".",
                    campaignIDs: [info.candidate.stableID]))
        }
    }
}
