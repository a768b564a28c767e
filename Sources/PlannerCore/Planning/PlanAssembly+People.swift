/// Items planned for people (issue 10): who exactly receives them, in waves when a clinic's
/// capacity limits bookings, and the search a practice types to find them.
extension PlanBuilder {
    /// Fills `item`'s audience, waves and expected bookings, and says who it goes to in its
    /// `why`. Broadcast items name the campaign's groups; texts and letters the audience lines
    /// limited to the age bands the allocation gave them.
    mutating func describePeople(
        _ item: inout PlanItem, audience: [AudienceRule], campaign c: Int, segments segs: [(SegmentInfo, ChannelSet)]
    ) {
        let info = campaigns[c]
        guard item.channel.isDirect, let recipients = item.recipients else {
            item.groups = info.groups
            return
        }
        let taking = segs.filter { $0.1.has(item.channel) && $0.0.takes(item.channel) }
        let bands = taking.filter { !$0.0.withoutMobile }.flatMap(\.0.bands).sorted()
        // A run of bands that reaches the audience's oldest peopled band keeps the line's own
        // upper age (none for "16 or over"): nobody older is left out.
        let oldest = info.segments.flatMap(\.bands).max()
        var lines = audience.flatMap { $0.limited(to: bands, oldestPeopled: oldest) }
        // The 75+ letter goes to those with no mobile number on record (the others get the text).
        let noMobile = taking.filter(\.0.withoutMobile).flatMap(\.0.bands).sorted()
        lines += audience.flatMap { $0.limited(to: noMobile, oldestPeopled: oldest) }.map { line in
            var line = line
            line.exclude = (line.exclude + [AudienceRule.mobileOnRecord]).sorted()
            return line
        }
        item.audience = lines
        item.groups = Array(Set(lines.map(\.group))).sorted()
        let names = lines.map { $0.words(groupName: input.groupNames[$0.group] ?? $0.group) }
        var recipe = "Who: " + names.joined(separator: "; or ") + "."
        if item.channel == .sms { recipe += " Only people with a mobile number who have not opted out of texts." }
        recipe += " Each person gets this \(item.channel == .sms ? "text" : "letter") once, however many of these they match."
        // Cut to what the clinic can book (`limitByCapacity`): the first so many, in an order
        // the practice can sort its search by.
        let eligible = taking.reduce(0) { $0 + $1.0.eligibleRecipients[item.channel.order] }
        let service = info.candidate.action ?? ""
        let capacity = input.serviceCapacity[service] ?? 0
        if eligible > recipients, let b = waveBounds(info.candidate, channel: item.channel) {
            let order = service.hasSuffix("-vaccination") ? "oldest first" : "longest overdue first"
            item.limit = PlanLimit(count: recipients, order: order)
            recipe += " Then take the first \(groupedThousands(recipients)), \(order) (the clinic can book about "
                + "\(capacity) a week)."
            let weeks = WavePlan.weeksNeeded(recipients: eligible, responseRate: b.rate, weeklyCapacity: capacity)
            let left = eligible - recipients
            warnings.append(
                PlanWarning(
                    code: .capacityLimited,
                    message: "\"\(info.candidate.campaignTitle)\" \(item.channel.displayName): the clinic can book about "
                        + "\(capacity) appointments a week, so this quarter's \(item.channel == .sms ? "texts go" : "letters go") "
                        + "to the first \(groupedThousands(recipients)) of the \(groupedThousands(eligible)) people found, "
                        + "\(order). The other \(groupedThousands(left)) are left for next quarter; inviting all "
                        + "\(groupedThousands(eligible)) takes about \(counted(weeks, "week", "weeks")) of clinic time at this rate.",
                    campaignIDs: [info.candidate.stableID], itemIDs: ItemID(rawValue: item.id).map { [$0] } ?? []))
        }
        item.why.insert(recipe, at: min(2, item.why.count))
        let letters =
            item.channel == .sms ? segs.filter { $0.1.has(.letter) }.reduce(0) { $0 + $1.0.recipients[PlanChannel.letter.order] } : 0
        let wavePlan = waves(campaign: c, channel: item.channel, recipients: recipients, letters: letters)
        if let w = wavePlan, w.waves.count > 1 {
            item.waves = w.waves.map { PlanWave(date: item.date.adding(days: $0.dayOffset), recipients: $0.recipients) }
            item.expectedResponses = w.expectedResponses
            if w.exceedsCapacity {
                warnings.append(
                    PlanWarning(
                        code: .capacityExceeded,
                        message: "\"\(info.candidate.campaignTitle)\" \(item.channel.displayName): about "
                            + "\(w.expectedResponses) bookings expected need \(w.weeksNeeded) weeks at \(capacity) "
                            + "appointments a week, but only \(w.waves.count) weeks of waves fit in this plan. Send "
                            + "the rest next quarter, or add clinic time.",
                        campaignIDs: [info.candidate.stableID], itemIDs: ItemID(rawValue: item.id).map { [$0] } ?? []))
                item.why.append(
                    "Sent in \(w.waves.count) weekly waves of about \(w.waves[0].recipients) people; the about "
                        + "\(w.expectedResponses) bookings expected need \(w.weeksNeeded) weeks at \(capacity) "
                        + "appointments a week, more than the plan has left.")
            } else {
                item.why.append(
                    "Sent in \(w.waves.count) weekly waves of about \(w.waves[0].recipients) people, so that the "
                        + "about \(w.expectedResponses) bookings expected stay within \(capacity) appointments a week.")
            }
        } else if let w = wavePlan {
            item.expectedResponses = w.expectedResponses
        }
    }
}

extension AudienceRule {
    /// The parts of this line inside `bands` (runs of adjacent bands), youngest first. A run
    /// that reaches `oldestPeopled` (the oldest band with anybody in the audience) keeps the
    /// line's own upper age, so "aged 16 or over" does not become "aged 16 to 89" because
    /// nobody in the audience is 90 or over.
    public func limited(to bands: [AgeBand], oldestPeopled: AgeBand? = nil) -> [AudienceRule] {
        var runs: [(Int, Int?)] = []
        for b in Set(bands).sorted() {
            if let last = runs.last, let hi = last.1, hi + 1 == b.lowerAge {
                runs[runs.count - 1].1 = b.upperAge
            } else {
                runs.append((b.lowerAge, b.upperAge))
            }
        }
        var out: [AudienceRule] = []
        for (lo, runHi) in runs {
            let reachesOldest = oldestPeopled.map { old in runHi.map { $0 >= (old.upperAge ?? Int.max) } ?? true } ?? false
            let hi = reachesOldest ? nil : runHi
            let from = max(ageFrom, lo)
            let to: Int? =
                switch (ageTo, hi) {
                case (nil, nil): nil
                case (let a?, nil): a
                case (nil, let b?): b
                case (let a?, let b?): min(a, b)
                }
            if let to, to < from { continue }
            var r = self
            r.ageFrom = from
            r.ageTo = to
            out.append(r)
        }
        return out
    }

    /// The line in words, as a clinical-system search: "women aged 25 to 64 (cervical
    /// screening group), excluding: screened-3y".
    public func words(groupName: String) -> String {
        var who: String
        switch sex {
        case .female?: who = "female patients"
        case .male?: who = "male patients"
        case nil: who = "patients"
        }
        if let ageTo {
            who += " aged \(ageFrom) to \(ageTo)"
        } else {
            who += ageFrom > 0 ? " aged \(ageFrom) or over" : " of any age"
        }
        if let ageOn { who += " on \(ageOn.inWords)" }
        // A group that only restates everyone, women or men adds nothing to the search.
        if !["all-patients", "women", "men"].contains(group) { who += " in the group \"\(groupName)\"" }
        if exclude.contains(Self.mobileOnRecord) {
            who += " with no mobile number on record (or who opted out of texts)"
        }
        let others = exclude.filter { $0 != Self.mobileOnRecord }
        if !others.isEmpty {
            who += ", leaving out " + Self.excludedWords(others)
        }
        if toParent { who += " (the message goes to the parent or carer)" }
        return who
    }

    /// The `exclude` entries in words: states first ("screened-3y": "people screened in the
    /// last 3 years"; "vaccinated-this-season"; "up-to-date-with-cervical-screening"), then the
    /// groups left out in one list ("anyone in the groups diabetes, hypertension").
    static func excludedWords(_ ids: [String]) -> String {
        var states: [String] = []
        var groups: [String] = []
        for id in ids {
            let spaced = String(id.map { $0 == "-" ? " " : $0 })
            let parts = id.split(separator: "-")
            if parts.count == 2, let last = parts.last, last.hasSuffix("y"), let n = Int(last.dropLast()) {
                states.append("people \(parts[0]) in the last \(n) \(n == 1 ? "year" : "years")")
            } else if id.hasPrefix("up-to-date-with-") || id.hasPrefix("vaccinated-") {
                states.append("people " + spaced)
            } else if id == "vaccinated" {
                // A state, not a group: "anyone in the group vaccinated" read as a register.
                states.append("people already vaccinated")
            } else {
                groups.append(spaced)
            }
        }
        if !groups.isEmpty {
            states.append("anyone in the \(groups.count == 1 ? "group" : "groups") " + groups.joined(separator: ", "))
        }
        return states.joined(separator: " or ")
    }

    /// The line in a few words for a summary: "people aged 40 to 74", "women aged 50 to 70",
    /// "smokers aged 16 or over", "parents of children aged 1 to 4". The group's name is left
    /// out when it only restates the ages or sex ("all patients", "women aged 25-64").
    public func shortWords(groupName: String) -> String {
        var who: String
        if toParent {
            who = "parents of children"
        } else {
            switch sex {
            case .female?: who = "women"
            case .male?: who = "men"
            case nil: who = "people"
            }
        }
        let demographic =
            group == "all-patients" || groupName == "women" || groupName == "men" || groupName.contains("aged")
            || groupName.hasPrefix("adults") || groupName.hasPrefix("children")
        if !demographic && !toParent { who = groupName }
        if let ageTo {
            who += " aged \(ageFrom) to \(ageTo)"
        } else if ageFrom > 0 {
            who += " aged \(ageFrom) or over"
        }
        return who
    }
}

extension PlanningInput {
    /// Expected distinct people of each group the plan's items reach at least once (issue 10:
    /// per-group reach can never exceed the group). A text or letter selects its audience
    /// lines, a website page or social post its groups. A channel reaches the same people
    /// every time (its coverage: a mobile number on record, followers of the page), each of
    /// them reached by an item with the channel's reach for their age band; channels are
    /// independent. Empty when the plan was not made for people.
    public func reachByGroup(_ plan: Plan) -> [String: Int] {
        guard let model = people else { return [:] }
        let ch = channels
        func coverage(_ c: PlanChannel) -> Double {
            switch c {
            case .sms: ch.smsCoverage
            case .letter: ch.letterCoverage
            case .website: ch.websiteCoverage
            case .social: ch.socialCoverage
            }
        }
        let byChannel = PlanChannel.allCases.map { c in
            let items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)] = plan.items.filter { $0.channel == c }.map {
                ($0.audience ?? $0.groups.map { AudienceRule(group: $0) }, { band in ch.reach.reach(c, band: band) })
            }
            return (coverage: coverage(c), items: items)
        }
        var out: [String: Int] = [:]
        let groups = Set(plan.items.flatMap(\.groups)).sorted().filter { model.groups[$0] != nil }
        for (g, n) in zip(groups, model.reached(of: groups, byChannel: byChannel)) { out[g] = Int(n.rounded()) }
        return out
    }
}
