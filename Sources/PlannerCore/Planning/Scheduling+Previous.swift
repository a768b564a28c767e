/// Planning continues from the previous window's plan (issue 11, item 4): what it already asks
/// of the practice counts against this plan's limits. Kept apart from the scheduler's own rules
/// so that a model of the constraints can take the same seed.
extension Scheduler {
    /// Books `items` of the previous plan: their prep tasks' staff and clinician hours in the
    /// weeks those are due, their dates against the weekly campaign limit, and their texts and
    /// letters (each wave) against the gap between contacts to the same people (by the age and
    /// sex cells of their audience when planning for people, else by group). Its campaigns take
    /// negative indices, so that they never count as one of this plan's. The per-person cap is
    /// for this window's contacts only.
    mutating func seed(previous items: [PlanItem], people: PeopleModel?) {
        let campaignIDs = Array(Set(items.map(\.campaign))).sorted()
        for item in items.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            let index = -1 - (campaignIDs.firstIndex(of: item.campaign) ?? 0)
            for t in item.prepTasks where t.centiHours > 0 {
                let week = t.due.mondayOfWeek.daysSinceEpoch
                if t.isSignOff {
                    clinicianByWeek[week, default: 0] += t.centiHours
                } else {
                    centiByWeek[week, default: 0] += t.centiHours
                }
            }
            campaignsByWeek[item.date.mondayOfWeek.daysSinceEpoch, default: []].insert(index)
            guard item.isDirect else { continue }
            let dates = item.waves.map { $0.map(\.date) } ?? [item.date]
            let title = item.title + " (previous plan)"
            if let people, let audience = item.audience, !audience.isEmpty {
                let cells = people.cells(audience)
                // A letter whose every line leaves out people with a mobile number never reaches
                // anyone this plan texts.
                let kind: ContactKind =
                    item.channel == .sms
                    ? .text
                    : audience.allSatisfy { $0.exclude.contains(AudienceRule.mobileOnRecord) } ? .letterWithoutMobile : .letter
                for d in dates { personContacts.append((cells, d, index, title, kind)) }
            } else {
                for g in item.groups {
                    for d in dates { contacts[g, default: []].append((d, index, title)) }
                }
            }
        }
    }
}
