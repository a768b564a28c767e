/// Turns the final allocation and schedule into `Plan` values, with reasons in words.
extension PlanBuilder {
    /// What the plan is assembled from: the final allocation and schedule, and why campaigns,
    /// channels and batches were left out.
    struct AssemblyInputs {
        var problem: AllocationProblem
        var choice: AllocationChoice
        var scheduler: Scheduler
        var forbiddenWhy: [Int: [PlanChannel: String]]
        var dropped: Set<Int>
        var droppedWhy: [Int: String]
        var tinyBatches: [Int: [PlanChannel: Int]]
        /// Direct channels per segment, by campaign.
        var directOf: [Int: [(SegmentInfo, ChannelSet)]]
        /// Campaigns with at least one item placed.
        var placedCampaigns: Set<Int>
    }

    mutating func assemble(
        problem: AllocationProblem, segIndex: [(Int, Int)], choice: AllocationChoice, scheduler: Scheduler,
        forbiddenWhy: [Int: [PlanChannel: String]], dropped: Set<Int>, droppedWhy: [Int: String],
        tinyBatches: [Int: [PlanChannel: Int]]
    ) -> Plan {
        var directOf: [Int: [(SegmentInfo, ChannelSet)]] = [:]
        for (i, (c, k)) in segIndex.enumerated() {
            directOf[c, default: []].append((campaigns[c].segments[k], choice.direct[i]))
        }
        let a = AssemblyInputs(
            problem: problem, choice: choice, scheduler: scheduler, forbiddenWhy: forbiddenWhy, dropped: dropped,
            droppedWhy: droppedWhy, tinyBatches: tinyBatches, directOf: directOf,
            placedCampaigns: Set(scheduler.placed.map(\.campaign)))
        let items = planItems(a)
        warnAboutDaysNotFitted(a, items: items)
        warnAboutPlacedCampaigns(a, items: items)
        warnAboutBudgets(a)
        let without = warnAboutGroupsWithoutContact(items)
        warnAboutSmallBatches(a)
        warnAboutDecisions(a, items: items)
        warnAboutMissedPrep(a)
        // A tentative date matters for a day the plan runs; a day left out has its own warning.
        let planned = Set(items.map(\.campaign))
        warnings.removeAll { $0.code == .tentativeDate && !$0.campaignIDs.contains { planned.contains($0.rawValue) } }
        warnings += input.inputWarnings
        return Plan(
            practiceName: input.practiceName, odsCode: input.odsCode, from: input.window.from, to: input.window.to,
            constraints: constraintsSummary(), items: items, totals: PlanTotals(items: items, channels: input.channels),
            groupsWithoutContact: without, warnings: PlanWarning.listed(warnings))
    }

    /// One item per placed slot, sorted by (date, id).
    mutating func planItems(_ a: AssemblyInputs) -> [PlanItem] {
        var itemCount: [Int: [PlanChannel: Int]] = [:]
        for p in a.scheduler.placed { itemCount[p.campaign, default: [:]][p.slot.channel, default: 0] += 1 }

        var items: [PlanItem] = []
        for p in a.scheduler.placed {
            let c = p.campaign
            let info = campaigns[c]
            let channel = p.slot.channel
            let segs = a.directOf[c] ?? []
            let broadcast = a.choice.broadcast[c]
            // Expected unique reach, credited to channels in fixed order so that a campaign's
            // items add up to its unique reach; a channel's share is split over its items.
            var credit = 0.0
            for (s, d) in segs {
                var miss = 1.0
                for x in PlanChannel.allCases where broadcast.union(d).has(x) {
                    if x == channel { credit += Double(s.people) * miss * s.reach[x.order] }
                    miss *= 1 - s.reach[x.order]
                }
            }
            let total = Int(credit.rounded())
            let k = itemCount[c]![channel]!
            let reach = p.slot.number == 1 ? total - (k - 1) * (total / k) : total / k
            var recipients: Int?
            var cost = 0
            if channel.isDirect {
                let users = segs.filter { $0.1.has(channel) }
                recipients = users.reduce(0) { $0 + $1.0.recipients[channel.order] }
                cost = users.reduce(0) { $0 + $1.0.cost[channel.order] }
                // Never more than the clinic can book in the plan's weeks, whatever segments the
                // last allocation round chose (`rebalanceCapacity`).
                let letters = channel == .sms ? segs.filter { $0.1.has(.letter) }.reduce(0) { $0 + $1.0.recipients[PlanChannel.letter.order] } : 0
                if let limit = capacityLimit(c, channel, letters: letters), let r = recipients, r > limit {
                    recipients = limit
                    if channel == .letter { cost = (limit * input.channels.letterMilliPence + 999) / 1000 }
                }
                if channel == .sms {
                    // One batch of one text: priced once (segments round up each), so the item's
                    // cost is exactly recipients x its draft's fragments x the price (issue 13).
                    let milli = input.channels.smsMilliPencePerMessage(fragments: info.candidate.smsFragments)
                    cost = ((recipients ?? 0) * milli + 999) / 1000
                }
            }
            let rank = c + 1
            var why: [String] = [
                "\(info.candidate.campaignTitle): relevance \(Fmt.fixed(info.candidate.relevance, 2)), ranked \(rank) of "
                    + "\(campaigns.count) \(campaigns.count == 1 ? "day" : "days") in this window"
                    + (info.priority > 1
                        ? " (a national programme you offer: these come before awareness days)." : ".")
            ]
            why += info.candidate.why
            why += channelReasons(
                channel, info: info, broadcast: broadcast, segs: segs, recipients: recipients ?? 0, cost: cost)
            let role = p.slot.role(on: p.date)
            var timing =
                "\(role.words.prefix(1).uppercased())\(role.words.dropFirst()): "
                + "\(SendingCalendar.weekdayName(p.date)) \(p.date.iso)."
            if let moved = p.movedBecause { timing += " Not \(p.slot.dates[0].iso): \(moved)." }
            if p.decided { timing += " Date set by the practice's move decision." }
            if channel == .social, !calendar.isSendingDay(p.date), let moderator = input.constraints.socialWeekendModerator {
                timing += " Not a working day: \(moderator) moderates the replies (channels.social.weekendModerator)."
            }
            why.append(timing)
            why.append(
                "Expected reach \(reach): people this \(channel.displayName) item adds for the campaign, each "
                    + "person counted once (credited in the order SMS, letters, website, social media).")
            var item = PlanItem(
                id: ItemID(campaign: info.candidate.stableID, channel: channel, number: p.slot.number).rawValue,
                campaign: info.id,
                sourceUid: info.candidate.sourceUid, title: info.candidate.campaignTitle, groups: p.slot.groups,
                services: info.services, channel: channel, date: p.date,
                time: channel == .sms ? smsTime : nil, recipients: recipients, expectedReach: reach,
                costPence: cost, effortCentiHours: input.effort.centiHours(channel),
                prepTasks: prepTasks(channel, date: p.date), why: why)
            if input.people != nil, let audience = info.candidate.audience {
                describePeople(&item, audience: audience, campaign: c, segments: segs)
            }
            items.append(item)
        }
        items.sort { ($0.date, $0.id) < ($1.date, $1.id) }
        PrepWork.shareSignOffs(&items, effort: input.effort, calendar: calendar)
        return items

    }

    /// `day-not-fitted`: relevant days with no items, and why.
    mutating func warnAboutDaysNotFitted(_ a: AssemblyInputs, items: [PlanItem]) {
        for c in a.dropped.sorted() {
            let info = campaigns[c]
            warnings.append(
                PlanWarning(
                    code: .dayNotFitted,
                    message: "\"\(info.candidate.campaignTitle)\" (\(info.id)) is not in the plan: "
                        + "fewer than two channels could be placed. \(a.droppedWhy[c] ?? "")",
                    campaignIDs: [info.candidate.stableID]))
        }
        for (c, info) in campaigns.enumerated() where !a.dropped.contains(c) && !a.placedCampaigns.contains(c) {
            let lost = notAvailable(c, a)
            let avail = baseChannels.subtracting(ChannelSet(lost.map(\.channel)))
            // Each channel the day could not have, with its own reason, channel order.
            var said: Set<String> = []
            let why = lost.map(\.why).filter { said.insert($0).inserted }
            var detail: String
            if avail.count < 2 {
                detail =
                    avail.isEmpty
                    ? "no channel is available to this practice"
                    : "only \(avail.channels.map(\.displayName).joined(separator: " and ")) is available to it"
                if !why.isEmpty { detail += " (" + why.joined(separator: "; ") + ")" }
            } else if !info.segments.contains(where: { $0.people > 0 }) {
                detail = "its groups have no age-band counts, so it has no audience to reach"
            } else {
                // The money the plan leaves (not the allocation's: a channel chosen there and not
                // placed spends nothing) against what the day's smallest text or letter batch costs.
                var short: [String] = []
                var enough: [String] = []
                for x in [PlanChannel.sms, .letter] where avail.has(x) {
                    let spent = items.filter { $0.channel == x }.reduce(0) { $0 + $1.costPence }
                    let left = (a.problem.budgets[x.order] ?? 0) - spent
                    // The cheapest batch: one segment of the day's people that can take the channel.
                    let cost = info.segments.filter { $0.takes(x) && $0.cost[x.order] > 0 }.map { $0.cost[x.order] }.min() ?? 0
                    let words = "£\(Money.pounds(left)) of \(x.displayName) money left, "
                    if left < cost {
                        short.append(words + "its smallest \(x.displayName) batch would cost £\(Money.pounds(cost))")
                    } else {
                        enough.append(words + "enough for its smallest \(x.displayName) batch at £\(Money.pounds(cost))")
                    }
                }
                // Two channels in all: what the website and social media cannot give, texts and letters must.
                let need = max(1, 2 - avail.intersection(.broadcast).count)
                let direct = avail.intersection(.direct).channels.map(\.displayName)
                detail =
                    (why.isEmpty ? "" : why.joined(separator: "; ") + "; so ")
                    + (need == 1
                        ? "it needs \(direct.joined(separator: " or ")) for a second channel"
                        : "it needs \(direct.joined(separator: " and ")) to run on two channels")
                if enough.count < need {
                    detail += ", and the money is short (" + (short.isEmpty ? "none left" : (short + enough).joined(separator: "; ")) + ")"
                } else {
                    detail +=
                        ", and the allocation kept none for it although money is left (" + (enough + short).joined(separator: "; ")
                        + ")"
                }
            }
            warnings.append(
                PlanWarning(
                    code: .dayNotFitted,
                    message: "\"\(info.candidate.campaignTitle)\" (\(info.id)) is not in the plan: "
                        + detail + ".", campaignIDs: [info.candidate.stableID]))
        }
    }

    /// `channel-dropped`, `older-group-no-direct-contact` (the 75+ rule), `online-only` and
    /// `reminder-dropped`: what each placed campaign lacks.
    mutating func warnAboutPlacedCampaigns(_ a: AssemblyInputs, items: [PlanItem]) {
        for c in a.placedCampaigns.sorted() {
            let info = campaigns[c]
            for (x, why) in (a.forbiddenWhy[c] ?? [:]).sorted(by: { $0.key < $1.key }) {
                warnings.append(
                    PlanWarning(
                        code: .channelDropped,
                        message: "\"\(info.candidate.campaignTitle)\" (\(info.candidate.start.iso)) has no "
                            + "\(x.displayName): \(why).", campaignIDs: [info.candidate.stableID]))
            }
            // The 75+ rule.
            let segs = a.directOf[c] ?? []
            let forPeople = input.people != nil && info.candidate.audience != nil
            for g in info.groups {
                // Planning for people, the audience's 75+ segments serve every group of the day.
                let groupIsOlder = input.over75Share(of: g) > input.constraints.olderShareForDirectContact
                let older = segs.filter { (s: SegmentInfo, _: ChannelSet) -> Bool in
                    guard s.needsDirect else { return false }
                    return forPeople ? s.group == PlanBuilder.audienceKey && groupIsOlder : s.group == g
                }
                if forPeople, groupIsOlder, info.candidate.action != nil,
                    let audience = info.candidate.audience,
                    !audience.contains(where: { $0.group == g && ($0.ageTo ?? Int.max) >= 75 })
                {
                    // The day's texts and letters invite people to a service this group's
                    // older members are not the audience of.
                    let invited = Array(Set(audience.map(\.group))).sorted().map { input.groupNames[$0] ?? $0 }
                    warnings.append(
                        PlanWarning(
                            code: .olderGroupNoDirectContact,
                            message: "\"\(info.candidate.campaignTitle)\": 75+ members of \(input.groupNames[g] ?? g) "
                                + "(\(Fmt.percent(input.over75Share(of: g))) of the group is 75 or over) get no SMS or "
                                + "letter: the day's texts and letters invite \(invited.joined(separator: ", ")) to "
                                + "\(input.groupNames[info.candidate.action ?? ""] ?? info.candidate.action ?? ""), and you "
                                + "offer no service for \(input.groupNames[g] ?? g) they could be asked to use.",
                            items: items.filter { $0.campaign == info.id }))
                    continue
                }
                guard older.contains(where: { $0.1.isEmpty }) else { continue }
                let share = input.over75Share(of: g)
                let avail = a.problem.campaigns[c].available.intersection(.direct)
                var reasons: [String] = []
                if forPeople && info.candidate.action == nil {
                    reasons.append(
                        "the day asks for no action your practice offers, so it uses the website and social media "
                            + "only (tell these patients at appointments and reception)")
                }
                for x in [PlanChannel.sms, .letter] where !avail.has(x) && !(forPeople && info.candidate.action == nil) {
                    if let why = a.forbiddenWhy[c]?[x] {
                        reasons.append("\(x.displayName) could not be scheduled (\(why))")
                    } else if (input.channels.budgetPence(x) ?? 0) <= 0 {
                        reasons.append("no \(x == .sms ? "SMS" : "letter") budget is set")
                    } else {
                        reasons.append("\(x.displayName) is not available")
                    }
                }
                let need = older.filter { $0.1.isEmpty }
                for x in avail.channels {
                    let left = (a.problem.budgets[x.order] ?? 0) - spent(x, problem: a.problem, choice: a.choice)
                    let needed = need.reduce(0) { $0 + $1.0.cost[x.order] }
                    reasons.append(
                        "\(x.displayName) for them would cost £\(Money.pounds(needed)) and £\(Money.pounds(left)) "
                            + "of the £\(Money.pounds(a.problem.budgets[x.order] ?? 0)) budget is left")
                }
                warnings.append(
                    PlanWarning(
                        code: .olderGroupNoDirectContact,
                        message: "\"\(info.candidate.campaignTitle)\": 75+ members of \(input.groupNames[g] ?? g) (aged "
                            + "\(Fmt.bands(need.flatMap(\.0.bands))); \(Fmt.percent(share)) of the group is 75 or over) "
                            + "get no SMS or letter: " + reasons.joined(separator: "; ") + ".",
                        items: items.filter { $0.campaign == info.id }))
            }
        }
        // Social media and the website must not replace traditional channels: say when a
        // campaign reaches its groups only online, and how many of them are not online.
        for c in a.placedCampaigns.sorted() {
            let info = campaigns[c]
            let segs = a.directOf[c] ?? []
            guard !segs.isEmpty, !segs.contains(where: { !$0.1.isEmpty }) else { continue }
            let offline = segs.reduce(0.0) { $0 + Double($1.0.people) * $1.0.offline }
            guard offline >= 0.5 else { continue }
            warnings.append(
                PlanWarning(
                    code: .onlineOnly,
                    message: "\"\(info.candidate.campaignTitle)\" (\(info.candidate.start.iso)) reaches "
                        + "\(info.groups.map { input.groupNames[$0] ?? $0 }.joined(separator: ", ")) only through the website and social media; about "
                        + "\(Fmt.people(Int(offline.rounded()))) in them are not online (posters, reception and "
                        + "clinicians are their route).", items: items.filter { $0.campaign == info.id }))
        }
        for d in a.scheduler.droppedReminders where a.placedCampaigns.contains(d.campaign) {
            let info = campaigns[d.campaign]
            warnings.append(
                PlanWarning(
                    code: .reminderDropped,
                    message: "\"\(info.candidate.campaignTitle)\": the \(d.slot.channel.displayName) item "
                        + "(\(d.slot.role.words)) was left out: \(d.reason).", campaignIDs: [info.candidate.stableID]))
        }
    }

    /// The channels campaign `c` could not use in the last round, each with why, in channel order:
    /// an item the scheduler could not place, a batch too small to be worth sending, a day that
    /// asks for no action the practice offers (no text or letter, planning for people).
    func notAvailable(_ c: Int, _ a: AssemblyInputs) -> [(channel: PlanChannel, why: String)] {
        let info = campaigns[c]
        let noAction = input.people != nil && info.candidate.audience != nil && info.candidate.action == nil
        var out: [(PlanChannel, String)] = []
        for ch in baseChannels.channels {
            if let why = a.forbiddenWhy[c]?[ch] {
                out.append((ch, "its \(ch.displayName) item could not be placed: \(why)"))
            } else if let people = a.tinyBatches[c]?[ch] {
                out.append(
                    (ch, "its \(ch.displayName) would go to \(Fmt.people(people)), fewer than the "
                        + "\(input.constraints.minRecipientsPerBatch) a batch needs to be worth the staff time"))
            } else if noAction && ch.isDirect {
                out.append((ch, "it asks for no action the practice offers, so it gets no text or letter"))
            }
        }
        return out
    }

    /// `budget-used-up`: an SMS or letter budget that cannot pay for the next batch.
    mutating func warnAboutBudgets(_ a: AssemblyInputs) {
        for x in [PlanChannel.sms, .letter] {
            guard let budget = input.channels.budgetPence(x), budget > 0 else { continue }
            let used = spent(x, problem: a.problem, choice: a.choice)
            var refused: [Int] = []
            var refusedCampaigns: [CampaignID] = []
            for (i, s) in a.problem.segments.enumerated()
            where a.placedCampaigns.contains(s.campaign) && a.problem.campaigns[s.campaign].available.has(x)
                && !a.choice.direct[i].has(x) && s.cost[x.order] > budget - used && s.weight > 0
                && s.cost[x.order] < PlanBuilder.unaffordable
            {
                refused.append(s.cost[x.order])
                refusedCampaigns.append(campaigns[s.campaign].candidate.stableID)
            }
            if refused.isEmpty && used * 4 <= budget * 3 {
                warnAboutUnspent(x, used: used, budget: budget, a)
            }
            if let cheapest = refused.min() {
                warnings.append(
                    PlanWarning(
                        code: .budgetUsedUp,
                        message:
                            "\(x == .sms ? "SMS" : "Letter") budget: £\(Money.pounds(used)) of £\(Money.pounds(budget)) is "
                            + "committed; the £\(Money.pounds(budget - used)) left cannot pay for the next "
                            + "\(x == .sms ? "SMS" : "letter") batch (£\(Money.pounds(cheapest)) at least).",
                        campaignIDs: refusedCampaigns))
            }
        }
    }

    /// `budget-unspent`: a quarter or more of channel `x`'s money is left, and the rules refused
    /// texts or letters: says which rule refused how many days, so the practice sees that it
    /// is the rule that binds (not a fault), and which setting would free it.
    mutating func warnAboutUnspent(_ x: PlanChannel, used: Int, budget: Int, _ a: AssemblyInputs) {
        var byRule: [(String, Int)] = [
            ("the same people were contacted less than \(input.constraints.minDaysBetweenContacts) days before or after "
                + "(planning.minDaysBetweenContacts)", 0),
            ("the people already had the most texts and letters a person may get "
                + "(\(input.constraints.maxDirectContactsPerPerson), planning.maxDirectContactsPerQuarter)", 0),
            ("the week already had its campaigns (planning.campaignsPerWeek)", 0),
            ("the week's staff hours were taken (staff.commsHoursPerWeek)", 0),
            ("the week's clinician hours for sign-off were taken (staff.clinicianHoursPerWeek)", 0),
            ("another day already invited the same people to the same service", 0),
        ]
        var refusedCampaigns: [CampaignID] = []
        for c in a.forbiddenWhy.keys.sorted() {
            guard let why = a.forbiddenWhy[c]?[x] else { continue }
            let keys = [
                "are contacted on", "the most per person", "the weekly limit", "staff hours taken", "for sign-off taken",
                "already invited",
            ]
            var counted = false
            for (k, key) in keys.enumerated() where why.contains(key) {
                byRule[k].1 += 1
                counted = true
            }
            if counted { refusedCampaigns.append(campaigns[c].candidate.stableID) }
        }
        let named = byRule.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        guard !named.isEmpty else { return }
        let noun = x == .sms ? "texts" : "letters"
        warnings.append(
            PlanWarning(
                code: .budgetUnspent,
                message: "\(x == .sms ? "SMS" : "Letter") budget: £\(Money.pounds(budget - used)) of "
                    + "£\(Money.pounds(budget)) is left, because the planning rules refused the \(noun) it could pay for: "
                    + named.map { "\($0.1) \($0.1 == 1 ? "day" : "days") because \($0.0)" }.joined(separator: "; ")
                    + ". This is the rules binding, not a fault; loosen the setting named to spend more.",
                campaignIDs: refusedCampaigns))
    }

    /// `group-without-contact`: groups no SMS or letter reaches all quarter; returns them, sorted.
    mutating func warnAboutGroupsWithoutContact(_ items: [PlanItem]) -> [String] {
        var contacted = Set<String>()
        var targeted = Set<String>()
        for it in items {
            targeted.formUnion(it.groups)
            if it.channel.isDirect { contacted.formUnion(it.groups) }
        }
        let allGroups = Set(input.groupBands.keys).union(campaigns.flatMap(\.groups))
        let without = allGroups.subtracting(contacted).sorted()
        for g in without {
            warnings.append(
                PlanWarning(
                    code: .groupWithoutContact,
                    message: "no SMS or letter reaches \"\(input.groupNames[g] ?? g)\" this quarter"
                        + (targeted.contains(g)
                            ? " (only website or social media items target it)." : " (no planned campaign targets it)."),
                    items: items.filter { $0.groups.contains(g) }))
        }
        return without
    }

    /// `batch-too-small`: one warning listing the SMS and letter batches left out as too small.
    mutating func warnAboutSmallBatches(_ a: AssemblyInputs) {
        // Tiny batches left out: one warning listing them all.
        var tiny: [String] = []
        var tinyCampaigns: [CampaignID] = []
        for c in a.tinyBatches.keys.sorted() where a.placedCampaigns.contains(c) {
            for (ch, people) in a.tinyBatches[c]!.sorted(by: { $0.key < $1.key }) {
                tiny.append("\(campaigns[c].candidate.campaignTitle) \(ch.displayName) (\(Fmt.people(people)))")
                tinyCampaigns.append(campaigns[c].candidate.stableID)
            }
        }
        if !tiny.isEmpty {
            warnings.append(
                PlanWarning(
                    code: .batchTooSmall,
                    message: "left out \(tiny.count) SMS or letter \(tiny.count == 1 ? "batch" : "batches") of fewer than "
                        + "\(input.constraints.minRecipientsPerBatch) people, not worth the staff time: "
                        + tiny.joined(separator: "; ") + ".", campaignIDs: tinyCampaigns))
        }
    }

    /// Decisions are kept even when they break a rule, and reported when stale or not honoured.
    mutating func warnAboutDecisions(_ a: AssemblyInputs, items: [PlanItem]) {
        for (id, date, why) in a.scheduler.brokenMoves {
            warnings.append(
                PlanWarning(
                    code: .decisionBreaksConstraint,
                    message: "decision move \(id) to \(date.iso) breaks a rule: \(why); kept as decided.",
                    concerning: [id]))
        }
        let itemIDs = Set(items.map(\.id))
        for id in input.decisions.move.keys.sorted() where !itemIDs.contains(id) {
            warnings.append(
                PlanWarning(
                    code: .staleDecision,
                    message: "decision move \(id) matches no item in this plan; it was not applied.",
                    concerning: [id]))
        }
        for id in Set(input.decisions.pin).sorted() {
            guard let c = campaigns.firstIndex(where: { $0.id == id }), !a.placedCampaigns.contains(c) else { continue }
            warnings.append(
                PlanWarning(
                    code: .decisionNotHonoured,
                    message: "decision pin \(id) could not be honoured: the day did not fit (see day-not-fitted).",
                    concerning: [id]))
        }
    }

    /// The constraints the plan applied, as plan.json echoes them.
    func constraintsSummary() -> PlanConstraintsSummary {
        let cons = input.constraints
        let inWindow = cons.nonSendingDates.filter { $0.date >= input.window.from && $0.date < input.window.to }
            .sorted()
        let targetedGroups = Set(campaigns.flatMap(\.groups)).sorted()
        var summary = PlanConstraintsSummary(
            commsCentiHoursPerWeek: Int((cons.commsHoursPerWeek * 100).rounded()),
            campaignsPerWeek: cons.campaignsPerWeek, minDaysBetweenContacts: cons.minDaysBetweenContacts,
            workingHoursStart: cons.workingHoursStart, workingHoursEnd: cons.workingHoursEnd,
            quietDates: inWindow.filter { $0.kind == .quiet },
            bankHolidays: inWindow.filter { $0.kind == .bankHoliday },
            groupOver75Shares: targetedGroups.map { GroupShare(group: $0, share: input.over75Share(of: $0)) },
            olderShareForDirectContact: cons.olderShareForDirectContact)
        summary.clinicianCentiHoursPerWeek = Int((cons.clinicianHoursPerWeek * 100).rounded())
        return summary
    }

    func spent(_ x: PlanChannel, problem: AllocationProblem, choice: AllocationChoice) -> Int {
        var total = 0
        for (i, s) in problem.segments.enumerated() where choice.direct[i].has(x) { total += s.cost[x.order] }
        return total
    }

    /// The SMS send time: the preferred time when it lies in working hours, else their start.
    var smsTime: ClockTime {
        let c = input.constraints
        return c.smsSendTime >= c.workingHoursStart && c.smsSendTime < c.workingHoursEnd
            ? c.smsSendTime : c.workingHoursStart
    }

    /// Prep tasks back-planned from the item's date in sending (working) days, with their
    /// hours (`PrepWork`).
    func prepTasks(_ channel: PlanChannel, date: CivilDate) -> [PrepTask] {
        PrepWork.tasks(channel, date: date, effort: input.effort, calendar: calendar)
    }

    /// Why this channel, in words.
    /// The 75+ share of group `g` (the audience, for a campaign planned for people).
    func olderShare(_ g: String, _ segs: [(SegmentInfo, ChannelSet)]) -> Double {
        guard g == PlanBuilder.audienceKey else { return input.over75Share(of: g) }
        let all = segs.reduce(0) { $0 + $1.0.people }
        let older = segs.filter(\.0.isOlder).reduce(0) { $0 + $1.0.people }
        return all > 0 ? Double(older) / Double(all) : 0
    }

    func channelReasons(
        _ channel: PlanChannel, info: CampaignInfo, broadcast: ChannelSet, segs: [(SegmentInfo, ChannelSet)],
        recipients: Int, cost: Int
    ) -> [String] {
        let ch = input.channels
        var out: [String] = []
        switch channel {
        case .sms, .letter:
            let users = segs.filter { $0.1.has(channel) && $0.0.takes(channel) }.map(\.0)
            var audience = Fmt.audience(users)
            if channel == .letter && !users.isEmpty && users.allSatisfy(\.withoutMobile) {
                audience += ", with no mobile number on record"
            }
            if channel == .sms {
                out.append(
                    "SMS to \(recipients) people (\(audience)) with a mobile number on record: \(info.candidate.smsFragments ?? ch.smsFragments) "
                        + "\((info.candidate.smsFragments ?? ch.smsFragments) == 1 ? "fragment" : "fragments") at \(Fmt.milli(Int((ch.smsPencePerFragment * 1000).rounded())))p, "
                        + "£\(Money.pounds(cost)).")
            } else {
                out.append(
                    "\(recipients) letters (\(audience)) at \(Fmt.milli(ch.letterMilliPence))p each, £\(Money.pounds(cost))."
                )
            }
            // One line per group and age side (75+ or younger), with what the channel adds.
            var keys: [(String, Bool)] = []
            for s in users where !keys.contains(where: { $0 == (s.group, s.isOlder) }) {
                keys.append((s.group, s.isOlder))
            }
            for (g, older) in keys {
                let part = segs.filter { $0.0.group == g && $0.0.isOlder == older && $0.1.has(channel) && $0.0.takes(channel) }
                let people = part.reduce(0) { $0 + $1.0.people }
                guard people > 0 else { continue }
                let offline = part.reduce(0.0) { $0 + $1.0.offline * Double($1.0.people) } / Double(people)
                var adds = 0.0
                for (s, d) in part {
                    let with = broadcast.union(d)
                    adds +=
                        Double(s.people)
                        * (AllocationProblem.unionReach(s.reach, with)
                            - AllocationProblem.unionReach(s.reach, with.subtracting(ChannelSet(channel))))
                }
                var who = older ? "75+ in \(g)" : "\(g) aged \(Fmt.bands(part.flatMap(\.0.bands)))"
                if older && channel == .letter && part.allSatisfy(\.0.withoutMobile) { who += " with no mobile number" }
                var line =
                    "\(channel.displayName) for \(who): \(Fmt.percent(offline)) of them are not online; "
                    + "adds about \(Fmt.people(Int(adds.rounded()))) the campaign's other channels would miss"
                if older && part.contains(where: { $0.0.needsDirect }) {
                    line +=
                        "; \(Fmt.percent(olderShare(g, segs))) of the group is 75 or over, so the rule "
                        + "asks for SMS or a letter"
                }
                out.append(line + ".")
            }
        case .website:
            out.append(
                "Website page: about \(ch.websiteMonthlyVisits) visits a month (\(Fmt.percent(ch.websiteCoverage)) of "
                    + "the list); no cost, \(Hours.text(input.effort.centiHours(.website))) h of staff time.")
        case .social:
            let hasDirect = segs.contains { !$0.1.isEmpty }
            out.append(
                "Social media post to \(ch.socialFollowers) followers; no cost, "
                    + "\(Hours.text(input.effort.centiHours(.social))) h of staff time. "
                    + (hasDirect
                        ? "Part of a blend: SMS or letters carry the campaign to people who are not online."
                        : "This campaign has no SMS or letter, so people who are not online rely on the practice's other routes.")
            )
        }
        return out
    }
}

/// Locale-free number formatting for sentences.
enum Fmt {
    /// "1 person", "2 people".
    static func people(_ n: Int) -> String { n == 1 ? "1 person" : "\(n) people" }

    /// 0.456 -> "46%".
    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }

    /// Fixed decimals without the locale: fixed(0.8, 2) -> "0.80".
    static func fixed(_ x: Double, _ places: Int) -> String { Format.decimal(x, places: places) }

    /// Thousandths without trailing zeros: 2400 -> "2.4", 73000 -> "73".
    static func milli(_ m: Int) -> String {
        var frac = (m % 1000).zeroPadded(to: 3)
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? "\(m / 1000)" : "\(m / 1000).\(frac)"
    }

    /// Bands as runs of adjacent bands: [45-49, 50-54, 90+] -> "45-54, 90+".
    static func bands(_ bands: [AgeBand]) -> String {
        var runs: [(first: AgeBand, last: AgeBand)] = []
        for b in bands.sorted() {
            if let last = runs.last?.last, last.index + 1 == b.index {
                runs[runs.count - 1].last = b
            } else {
                runs.append((b, b))
            }
        }
        return runs.map { run in
            run.last.upperAge.map { "\(run.first.lowerAge)-\($0)" } ?? "\(run.first.lowerAge)+"
        }.joined(separator: ", ")
    }

    /// "diabetes 45-74, 75+; carers 16-64".
    static func audience(_ segs: [SegmentInfo]) -> String {
        var byGroup: [String: [AgeBand]] = [:]
        for s in segs { byGroup[s.group, default: []] += s.bands }
        return byGroup.keys.sorted().map { "\($0) \(bands(byGroup[$0]!))" }.joined(separator: "; ")
    }
}
