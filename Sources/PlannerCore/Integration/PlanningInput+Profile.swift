/// Builds the planner's input from a practice profile and the matched days: the one place
/// where the profile's schema meets the planning core's own types.
extension PlanningInput {
    /// - Parameters:
    ///   - days, matches, relevance: the cleaned days of the window, in the same order.
    ///   - bankHolidays: the nation's bank holidays from a little before the window to its end
    ///     (prep tasks are back-planned into the previous weeks).
    ///   - inputWarnings: warnings found while reading (e.g. no bank-holiday data for a year).
    public static func build(
        profile: PracticeProfile, window: DateWindow, days: [CleanOccurrence], matches: [MatchResult],
        relevance: [Relevance], taxonomy: Taxonomy, bankHolidays: [(CivilDate, String)],
        inputWarnings: [PlanWarning] = [], decisions: PlanningDecisions = PlanningDecisions()
    ) -> PlanningInput {
        precondition(days.count == matches.count && matches.count == relevance.count, "one match and relevance per day")
        let groupIds = Set(taxonomy.groupIds)
        let people = peopleModel(profile: profile, taxonomy: taxonomy)
        let ages = { (g: String) -> GroupAges? in
            guard let rule = taxonomy.entry(g)?.sizedFrom else { return nil }
            return GroupAges(minAge: rule.youngest, maxAge: rule.maxAge, sex: rule.sex)
        }
        let recorded = Set(profile.registers.map(\.id) + profile.cohorts.map(\.id))
        let mainGroups = taxonomy.services.map { (service: $0.id, groups: $0.mainGroups) }
        var candidates: [PlanningCandidate] = []
        for (i, day) in days.enumerated() {
            let m = matches[i], r = relevance[i]
            guard r.relevance > 0 else { continue }
            var groups = m.groupIds
            if groups.isEmpty {
                // A day that names services but no group targets the services' main groups.
                for s in m.serviceIds {
                    for g in taxonomy.entry(s)?.mainGroups ?? [] where groupIds.contains(g) && !groups.contains(g) {
                        groups.append(g)
                    }
                }
            }
            guard !groups.isEmpty else { continue }
            let start = day.start.civilDate
            var end = day.end.civilDate
            if case .dateTime(let t) = day.end, t.hour + t.minute + t.second > 0 { end = end.adding(days: 1) }
            var candidate = PlanningCandidate(
                campaignTitle: day.normalizedTitle, sourceUid: day.uid ?? "", start: start,
                end: max(end, start.adding(days: 1)), groups: groups, services: m.serviceIds,
                relevance: r.relevance, tentative: day.status == "TENTATIVE", why: r.why)
            candidate.action = AudiencePolicy.action(
                services: m.serviceIds, groups: groups, offered: profile.offers, recordedGroups: recorded,
                serviceMainGroups: mainGroups)
            candidate.audience = AudiencePolicy.rules(groups: groups, ages: ages)
            // A day that asks people to use a service is sent to the people that service is for:
            // as the calendar states them (X-GP-ELIGIBILITY), else the service's own cohorts.
            let stated = day.eligibility.flatMap { try? EligibilityRule.parse($0) }.map {
                AudiencePolicy.lines(from: $0, dayStart: start).filter { ages($0.group) != nil && people.groups[$0.group] != nil }
            }
            if let stated, !stated.isEmpty {
                candidate.audience = AudiencePolicy.rules(groups: groups, ages: ages, eligibility: stated)
            } else if let action = candidate.action {
                if let lines = ServiceAudiences.lines[action] {
                    let known = lines.filter { ages($0.group) != nil && people.groups[$0.group] != nil }
                    candidate.audience = AudiencePolicy.rules(groups: groups, ages: ages, eligibility: known)
                } else if let main = mainGroups.first(where: { $0.service == action })?.groups {
                    let served = groups.filter(main.contains)
                    if !served.isEmpty { candidate.audience = AudiencePolicy.rules(groups: served, ages: ages) }
                }
            }
            candidates.append(candidate)
        }

        var bands: [String: [AgeBandCount]] = [:]
        var shares: [String: Double] = [:]
        for g in Set(candidates.flatMap(\.groups)) {
            guard let s = size(ofGroup: g, in: profile, taxonomy: taxonomy) else { continue }
            bands[g] = zip(AgeBand.all, s.wholeByBand).map { AgeBandCount(band: $0, people: $1) }
            if let recorded = profile.recordedCount(ofGroup: g), let share = recorded.share75Plus { shares[g] = share }
        }

        let sms = profile.channels.sms, letters = profile.channels.letters
        var overrides: [PlanChannel: [AgeBand: Double]] = [:]
        for (channel, values) in profile.planning.reach.sorted(by: { $0.key < $1.key }) {
            for band in AgeBand.all { if let v = values[band] { overrides[channel, default: [:]][band] = v } }
        }
        let channels = ChannelSettings(
            listSize: profile.listSize,
            smsPencePerFragment: sms?.pricePerFragmentPence ?? ProfileDefaults.smsPricePerFragmentPence,
            smsFragments: profile.planning.smsFragments,
            // Quarterly budgets scaled to the window's days in each quarter it touches (issue 11, C).
            smsBudgetPence: window.scaledFromQuarterly(sms.map { pence($0.quarterlyBudget) } ?? 0),
            smsCoverage: sms?.mobileCoverage ?? 0,
            letterPence: letters?.pricePence ?? ProfileDefaults.letterPricePence,
            letterBudgetPence: window.scaledFromQuarterly(letters.map { pence($0.quarterlyBudget) } ?? 0),
            websiteMonthlyVisits: profile.channels.website?.monthlyVisits ?? 0,
            socialFollowers: profile.channels.social.reduce(0) { $0 + $1.followers },
            reach: ReachTable(overrides: overrides))

        // Non-sending days: bank holidays and every day of each quiet period, from 8 weeks before
        // the window (prep tasks) to its end.
        let earliest = window.from.adding(days: -56)
        var closed = bankHolidays.map { NonSendingDate(date: $0.0, kind: .bankHoliday, reason: $0.1) }
        for q in profile.quietDates {
            var d = max(q.from, earliest)
            while d <= q.to && d < window.to {
                closed.append(NonSendingDate(date: d, kind: .quiet, reason: q.reason ?? "quiet date"))
                d = d.adding(days: 1)
            }
        }
        closed.sort()

        let wh = profile.planning.workingHours
        var constraints = PlanningConstraints(
            commsHoursPerWeek: profile.staff.commsHoursPerWeek,
            campaignsPerWeek: profile.planning.campaignsPerWeek,
            minDaysBetweenContacts: profile.planning.minDaysBetweenContacts,
            workingHoursStart: wh.start,
            workingHoursEnd: wh.end,
            nonSendingDates: closed,
            olderShareForDirectContact: profile.planning.olderShareForDirectContact)
        constraints.socialWeekendModerator = profile.channels.socialWeekendModerator
        constraints.clinicianHoursPerWeek = profile.staff.clinicianHoursPerWeek
        // The per-person cap is a quarter's (`planning.maxDirectContactsPerQuarter`, default 4):
        // scaled to the window like the budgets, rounded to the nearest whole contact and at least 1.
        constraints.maxDirectContactsPerPerson = max(
            1, Int((Double(profile.planning.maxDirectContactsPerQuarter) * window.quarters).rounded()))
        // A window touching more than one quarter: each quarter's part keeps that quarter's scaled
        // budgets and per-person cap as hard limits of their own (issue 11, item 5).
        let pieces = window.quarterPieces
        if pieces.count > 1 {
            constraints.quarterLimits = pieces.map { piece in
                let part = DateWindow(from: max(piece.quarter.from, window.from), to: min(piece.quarter.to, window.to))
                return QuarterLimit(
                    from: part.from, to: part.to,
                    smsBudgetPence: part.scaledFromQuarterly(sms.map { pence($0.quarterlyBudget) } ?? 0),
                    letterBudgetPence: part.scaledFromQuarterly(letters.map { pence($0.quarterlyBudget) } ?? 0),
                    maxDirectContactsPerPerson: max(
                        1, Int((Double(profile.planning.maxDirectContactsPerQuarter) * part.quarters).rounded())))
            }
        }

        var effort = EffortEstimates()
        for (channel, hours) in profile.planning.effortHours.sorted(by: { $0.key < $1.key }) {
            effort.hoursPerItem[channel] = hours
        }
        // The profile's letter lead time covers print and delivery; second-class delivery is
        // taken as 3 working days (Royal Mail's second-class aim is 2-3 working days).
        effort.letterDeliveryWorkingDays = min(3, max(1, profile.planning.letterLeadDays - 1))
        effort.letterPrintWorkingDays = max(1, profile.planning.letterLeadDays - effort.letterDeliveryWorkingDays)

        var input = PlanningInput(
            practiceName: profile.name, odsCode: profile.odsCode ?? "", window: window, timeZone: profile.timeZone,
            candidates: candidates, groupBands: bands, groupOver75Share: shares, channels: channels,
            constraints: constraints, effort: effort, inputWarnings: inputWarnings, decisions: decisions)
        input.people = people
        for s in profile.services { if let c = s.weeklyCapacity { input.serviceCapacity[s.id] = c } }
        for g in taxonomy.groups { input.groupNames[g.id] = g.name.lowercasedFirst }
        for s in taxonomy.services { input.groupNames[s.id] = s.name.lowercasedFirst }
        return input
    }

    /// The practice's people: its list by sex and single year of age, and every taxonomy group
    /// it can size, as exact age-and-sex sets or register shares.
    static func peopleModel(profile: PracticeProfile, taxonomy: Taxonomy) -> PeopleModel {
        let grid = PeopleGrid(list: profile.list)
        var members: [GroupMembership] = []
        for entry in taxonomy.groups {
            guard let rule = entry.sizedFrom else { continue }
            switch rule.basis {
            case .listSize, .ageBand, .sexAge:
                members.append(
                    GroupMembership(
                        exactSet: entry.id, minAge: rule.youngest, maxAge: rule.maxAge,
                        sex: rule.basis == .sexAge ? rule.sex : nil))
            case .register, .cohort:
                guard let size = size(ofGroup: entry.id, sizedFrom: rule, in: profile) else { continue }
                members.append(
                    GroupMembership(
                        register: entry.id, byBand: size.byBand, minAge: rule.youngest, maxAge: rule.maxAge,
                        sex: rule.sex, grid: grid))
            }
        }
        var covered: [String: Double] = [:]
        for (service, shares) in ServiceAudiences.alreadyCovered.sorted(by: { $0.key < $1.key }) where profile.offers(service) {
            for (state, share) in shares.sorted(by: { $0.key < $1.key }) { covered[state] = share }
        }
        // The profile's mobile coverage is the share with a mobile number on record who have not
        // opted out (`channels.sms.mobileCoverage`); the 75+ letters go to the others.
        if let sms = profile.channels.sms { covered[AudienceRule.mobileOnRecord] = sms.mobileCoverage }
        return PeopleModel(grid: grid, groups: members, exclusionShare: covered)
    }
}

/// Pounds (as written in the profile) to whole pence; nil means no budget.
private func pence(_ pounds: Double?) -> Int { Int(((pounds ?? 0) * 100).rounded()) }
