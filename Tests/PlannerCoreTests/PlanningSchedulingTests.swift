import PlannerCore
import PlannerExport
import PlannerTestSupport
import Testing

/// Every rule of the quarter plan, checked from the plan alone (plus the input it came from).
enum PlanChecks {
    static func violations(_ plan: Plan, _ input: PlanningInput) -> [String] {
        var v: [String] = []
        let cons = input.constraints
        let closed = Set(cons.nonSendingDates.map(\.date))
        let isWorkingDay = { (d: CivilDate) in !d.isWeekend && !closed.contains(d) }
        let titles = Dictionary(input.candidates.map { ($0.campaignID, $0) }, uniquingKeysWith: { a, _ in a })

        // Ids: unique, `<campaign>-<channel>-<n>`, campaign = slug(title)-start.
        if Set(plan.items.map(\.id)).count != plan.items.count { v.append("duplicate item ids") }
        for it in plan.items {
            if !it.id.hasPrefix("\(it.campaign)-\(it.channel.rawValue)-") { v.append("\(it.id): id shape") }
            if let c = titles[it.campaign] {
                if it.campaign != "\(Slug.make(c.campaignTitle))-\(c.start.iso)" {
                    v.append("\(it.id): campaign id")
                }
            } else {
                v.append("\(it.id): unknown campaign")
            }
            if it.date < plan.from || it.date >= plan.to { v.append("\(it.id): outside the window") }
            // Social posts go on working days too, unless someone moderates at weekends and on
            // bank holidays; never on a quiet date.
            let quiet = input.constraints.nonSendingDates.contains { $0.date == it.date && $0.kind == .quiet }
            if it.channel == .social, input.constraints.socialWeekendModerator != nil {
                if quiet { v.append("\(it.id): social on a quiet date \(it.date)") }
            } else if !isWorkingDay(it.date) {
                v.append("\(it.id): \(it.channel) on a closed day \(it.date)")
            }
            switch it.channel {
            case .sms:
                guard let t = it.time else {
                    v.append("\(it.id): SMS without a time")
                    break
                }
                if t < cons.workingHoursStart || t >= cons.workingHoursEnd {
                    v.append("\(it.id): SMS outside working hours")
                }
            default:
                if it.time != nil { v.append("\(it.id): time on a non-SMS item") }
            }
            if it.channel.isDirect != (it.recipients != nil) { v.append("\(it.id): recipients") }
            for task in it.prepTasks {
                // Work on the item's own day (publishing a page, replying to comments) is due
                // that day; a moderated social post's day may be a weekend.
                let onTheDay = task.task.hasPrefix("Publish") || task.task.hasPrefix("Reply")
                if !onTheDay && !isWorkingDay(task.due) {
                    v.append("\(it.id): prep '\(task.task)' due on a closed day \(task.due)")
                }
                if onTheDay ? task.due != it.date : task.due >= it.date {
                    v.append("\(it.id): prep '\(task.task)' not before the item")
                }
            }
            // The staff tasks add up to the item's hours (issue 11).
            if it.prepTasks.filter({ !$0.isSignOff }).reduce(0, { $0 + $1.centiHours }) != it.effortCentiHours {
                v.append("\(it.id): prep hours do not add up to the item's")
            }
        }
        // Weekly hours and campaigns.
        var hours: [String: Int] = [:]
        var perWeek: [String: Set<String>] = [:]
        for it in plan.items {
            // Staff hours count in the week each prep task is due (issue 11).
            for t in it.prepTasks where !t.isSignOff { hours[t.due.isoWeekLabel, default: 0] += t.centiHours }
            perWeek[it.date.isoWeekLabel, default: []].insert(it.campaign)
        }
        let cap = Int((cons.commsHoursPerWeek * 100).rounded())
        for (w, h) in hours where h > cap { v.append("week \(w): \(h) centi-hours > \(cap)") }
        for (w, cs) in perWeek where cs.count > cons.campaignsPerWeek { v.append("week \(w): \(cs.count) campaigns") }
        // Contact gap between campaigns, per group.
        let direct = plan.items.filter(\.channel.isDirect)
        for a in direct {
            for b in direct where a.campaign < b.campaign {
                for g in Set(a.groups).intersection(b.groups)
                where abs(a.date.days(to: b.date)) < cons.minDaysBetweenContacts {
                    v.append("gap: \(g) on \(a.date) (\(a.campaign)) and \(b.date) (\(b.campaign))")
                }
            }
        }
        // Reach and recipients stay within the people there are.
        let people = { (groups: [String]) in
            groups.reduce(0) { $0 + (input.groupBands[$1] ?? []).reduce(0) { $0 + $1.people } }
        }
        for it in plan.items {
            if let r = it.recipients, r > people(it.groups) || it.expectedReach > r {
                v.append("\(it.id): recipients \(r), reach \(it.expectedReach)")
            }
        }
        for c in plan.campaignIDs {
            let mine = plan.items.filter { $0.campaign == c }
            let groups = Array(Set(mine.flatMap(\.groups)))
            if mine.reduce(0, { $0 + $1.expectedReach }) > people(groups) + mine.count {
                v.append("\(c): unique reach above the people in its groups")
            }
        }
        // At least two channels per campaign.
        for c in plan.campaignIDs {
            let n = Set(plan.items.filter { $0.campaign == c }.map(\.channel)).count
            if n < 2 { v.append("\(c): \(n) channel(s)") }
        }
        // The 75+ rule: SMS or a letter for the 75+ of each older group, or a warning naming it.
        for c in plan.campaignIDs {
            guard let cand = titles[c] else { continue }
            for g in Set(cand.groups).sorted() where input.over75Share(of: g) > cons.olderShareForDirectContact {
                let served = plan.items.contains { it in
                    it.campaign == c && it.channel.isDirect && it.groups.contains(g)
                        && it.why.contains { $0.hasPrefix("\(it.channel.displayName) for 75+ in \(g):") }
                }
                // Part of the 75+ may be served (one band) and the rest warned about (another).
                let warned = plan.warnings.contains {
                    $0.code == .olderGroupNoDirectContact
                        && $0.message.hasPrefix("\"\(cand.campaignTitle)\": 75+ members of \(g) (aged ")
                }
                if !served && !warned { v.append("\(c): 75+ of \(g) neither served nor warned") }
            }
        }
        // Budgets and totals.
        for x in PlanChannel.allCases {
            let mine = plan.items.filter { $0.channel == x }
            guard let t = plan.totals.channels.first(where: { $0.channel == x }) else {
                v.append("no total for \(x)")
                continue
            }
            if t.costPence != mine.reduce(0, { $0 + $1.costPence }) { v.append("\(x): total cost") }
            if t.items != mine.count { v.append("\(x): total items") }
            if let b = t.budgetPence, t.costPence > b { v.append("\(x): over budget") }
            if t.budgetPence != input.channels.budgetPence(x) { v.append("\(x): budget echo") }
        }
        let weeks = plan.totals.effortByWeek
        if weeks.map(\.week) != hours.keys.sorted() { v.append("effort weeks") }
        for w in weeks where hours[w.week] != w.centiHours { v.append("effort \(w.week)") }
        if plan.items != plan.items.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) { v.append("item order") }
        if plan.warnings != plan.warnings.sorted() { v.append("warning order") }
        return v.sorted()
    }
}

@Suite struct PlanningSchedulingTests {
    typealias F = PlanningFixtures

    struct Variant: CustomTestStringConvertible, Sendable {
        var name: String
        var smsBudget = 15_000, letterBudget = 20_000
        var hours = 5.0, cap = 2, gap = 14
        var testDescription: String { name }
    }

    static let variants: [Variant] = [
        Variant(name: "default"),
        Variant(name: "generous money", smsBudget: 500_000, letterBudget: 500_000, hours: 12, cap: 4),
        Variant(name: "no money", smsBudget: 0, letterBudget: 0),
        Variant(name: "tight hours", hours: 2),
        Variant(name: "one campaign a week", cap: 1),
        Variant(name: "four-week gap", gap: 28),
        Variant(name: "letters only", smsBudget: 0, letterBudget: 100_000, hours: 8, cap: 3),
    ]

    @Test(arguments: variants) func handMadeQuarterKeepsEveryRule(_ v: Variant) {
        let input = F.input(
            smsBudget: v.smsBudget, letterBudget: v.letterBudget, hours: v.hours, cap: v.cap, gap: v.gap)
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(plan.campaignIDs.count >= 3, "the plan should not be trivially empty")
        #expect(!plan.items.contains { $0.title == "World AIDS Day" }, "outside the window")
        if v.smsBudget == 0 && v.letterBudget == 0 {
            #expect(!plan.items.contains { $0.channel.isDirect })
            #expect(
                plan.warnings.contains {
                    $0.code == .olderGroupNoDirectContact && $0.message.contains("no SMS budget is set")
                })
            // Online-only campaigns say how many in their groups are not online.
            #expect(plan.warnings.contains { $0.code == .onlineOnly && $0.message.contains("are not online") })
        }
        if v.smsBudget == 0 { #expect(!plan.items.contains { $0.channel == .sms }) }
    }

    /// A quiet date's reason is given when the profile has one; without one it is "one of the
    /// profile's quiet dates" (the reader fills a missing reason with "quiet date", which read
    /// "is a quiet date (quiet date)").
    @Test func aQuietDateSaysItsReasonOnlyWhenItHasOne() {
        let given = F.d(2027, 3, 10), bare = F.d(2027, 3, 11)
        let calendar = SendingCalendar(nonSendingDates: [
            NonSendingDate(date: given, kind: .quiet, reason: "practice training afternoon"),
            NonSendingDate(date: bare, kind: .quiet, reason: "quiet date"),
        ])
        #expect(calendar.whyNotSending(given) == "2027-03-10 is a quiet date (practice training afternoon)")
        #expect(calendar.whyNotSending(bare) == "2027-03-11 is one of the profile's quiet dates")
    }

    @Test func smsAndLettersAvoidWeekendsBankHolidaysAndQuietDates() {
        let input = F.input(smsBudget: 500_000, letterBudget: 500_000, hours: 12, cap: 4)
        let plan = QuarterPlanner.plan(input)
        let closed = Set(F.nonSending.map(\.date))
        let direct = plan.items.filter(\.channel.isDirect)
        #expect(direct.count >= 5)
        for it in direct {
            #expect(!it.date.isWeekend && !closed.contains(it.date), "\(it.id) on \(it.date)")
        }
        // No Smoking Day (Wed 10 March) is a quiet date: the SMS goes the day before and says why.
        let sms = plan.items.first { $0.id == "no-smoking-day-2027-03-10-sms-1" }
        #expect(sms?.date == F.d(2027, 3, 9))
        #expect(sms?.why.contains { $0.contains("2027-03-10 is a quiet date (practice training afternoon)") } == true)
        // A Sunday-only day gets its SMS on the Friday before, never the weekend.
        let sunday = plan.items.first { $0.id == "sunday-only-day-2027-03-21-sms-1" }
        if let s = sunday { #expect(s.date == F.d(2027, 3, 19)) }
    }

    @Test func longDaysGetALaunchAndAMidpointReminder() {
        let input = F.input(smsBudget: 500_000, letterBudget: 500_000, hours: 12, cap: 4)
        let plan = QuarterPlanner.plan(input)
        let heart = plan.items.filter { $0.campaign == "national-heart-month-2027-02-01" }
        let social = heart.filter { $0.channel == .social }.sorted { $0.id < $1.id }
        #expect(
            social.map(\.id) == [
                "national-heart-month-2027-02-01-social-1", "national-heart-month-2027-02-01-social-2",
            ])
        #expect(social.first?.date == F.d(2027, 2, 1))
        #expect(social.last?.date == F.d(2027, 2, 15))  // 28 days: half way is day 14
        // Reminders go on free channels: one SMS at most per campaign.
        #expect(heart.filter { $0.channel == .sms }.count <= 1)
        // A letter for a single day is posted so it lands before the day: Time to Talk Day is
        // Thursday 4 February; three working days before Wednesday 3 February is Friday 29 January.
        if let letter = plan.items.first(where: { $0.id == "time-to-talk-day-2027-02-04-letter-1" }) {
            #expect(letter.date == F.d(2027, 1, 29))
            #expect(letter.prepTasks.first { $0.task.hasPrefix("Send to print") }?.due == F.d(2027, 1, 22))
        }
    }

    @Test func idsSurviveAMovedSendDateAndANewFeedUid() {
        let base = QuarterPlanner.plan(F.input())
        let kidney = base.items.first { $0.id == "world-kidney-day-2027-03-11-sms-1" }
        #expect(kidney?.date == F.d(2027, 3, 11))
        // A quiet date on the send date: the item moves inside its span but keeps its id.
        let moved = QuarterPlanner.plan(
            F.input(nonSending: F.nonSending + [NonSendingDate(date: F.d(2027, 3, 11), kind: .quiet, reason: "audit")]))
        let kidney2 = moved.items.first { $0.id == "world-kidney-day-2027-03-11-sms-1" }
        #expect(kidney2 != nil)
        #expect(kidney2?.date != kidney?.date)
        // Every item keeps its id. The day's own social post would move off the quiet date onto
        // the Wednesday its heads-up post already takes, so it is left out (one post a day).
        let movedIDs = Set(moved.items.filter { $0.campaign == "world-kidney-day-2027-03-11" }.map(\.id))
        let baseIDs = Set(base.items.filter { $0.campaign == "world-kidney-day-2027-03-11" }.map(\.id))
        #expect(movedIDs.isSubset(of: baseIDs))
        #expect(baseIDs.subtracting(movedIDs).isSubset(of: ["world-kidney-day-2027-03-11-social-2"]))
        // New uids from the feed: the same ids, and only the sourceUid lines differ.
        let reUid = F.candidates.map { c -> PlanningCandidate in
            var c = c
            c.sourceUid = "renamed-\(c.sourceUid.count)-\(c.sourceUid)"
            return c
        }
        let renamed = QuarterPlanner.plan(F.input(candidates: reUid))
        #expect(renamed.items.map(\.id) == base.items.map(\.id))
        let strip = { (s: String) in
            s.split(separator: "\n").filter { !$0.contains("\"sourceUid\"") }.joined(separator: "\n")
        }
        #expect(strip(PlanJSON.render(renamed)) == strip(PlanJSON.render(base)))
        for it in base.items {
            #expect(
                !it.id.contains(it.date.iso) || it.date == titlesStart(it, in: F.candidates),
                "\(it.id) holds its send date")
            #expect(!it.id.contains(it.sourceUid))
        }
    }

    func titlesStart(_ it: PlanItem, in cands: [PlanningCandidate]) -> CivilDate? {
        cands.first { $0.campaignID == it.campaign }?.start
    }

    @Test func shuffledInputGivesByteIdenticalJSON() {
        let reference = PlanJSON.render(QuarterPlanner.plan(F.input()))
        var rng = SplitMix64(seed: 2027)
        for _ in 0..<12 {
            var cands = F.candidates
            rng.shuffle(&cands)
            var closed = F.nonSending
            rng.shuffle(&closed)
            var input = F.input(candidates: cands, nonSending: closed)
            for g in input.groupBands.keys.sorted() {
                var b = input.groupBands[g]!
                rng.shuffle(&b)
                input.groupBands[g] = b
            }
            #expect(PlanJSON.render(QuarterPlanner.plan(input)) == reference)
        }
    }

    @Test func warnsAboutTentativeDuplicateAndUnfittedDays() {
        var cands = F.candidates
        cands.append(
            F.candidate(
                "World Kidney Day", F.d(2027, 3, 11), days: 1, groups: ["diabetes"], relevance: 0.5, uid: "other-feed"))
        let plan = QuarterPlanner.plan(F.input(candidates: cands, hours: 2, cap: 1))
        let codes = Set(plan.warnings.map(\.code))
        // "Confirm the date" is asked of a tentative day only when the plan runs it.
        let tentative = Set(cands.filter(\.tentative).map(\.campaignID))
        #expect(!tentative.isEmpty)
        #expect(codes.contains(.tentativeDate) == plan.items.contains { tentative.contains($0.campaign) })
        let roomy = QuarterPlanner.plan(F.input(candidates: cands))
        #expect(roomy.items.contains { tentative.contains($0.campaign) })
        #expect(roomy.warnings.contains { $0.code == .tentativeDate })
        #expect(plan.warnings.contains { $0.code == .duplicateCampaign && $0.message.contains("other-feed") })
        #expect(codes.contains(.dayNotFitted))
        #expect(plan.groupsWithoutContact.contains("carers"))
        #expect(PlanChecks.violations(plan, F.input(candidates: cands, hours: 2, cap: 1)) == [])
    }

    @Test func olderGroupsGetDirectContactWhenMoneyAllows() {
        let plan = QuarterPlanner.plan(F.input(smsBudget: 500_000, letterBudget: 500_000, hours: 12, cap: 4))
        #expect(!plan.warnings.contains { $0.code == .olderGroupNoDirectContact && $0.message.contains("budget") })
        // COPD is 38% aged 75+: No Smoking Day gives its 75+ a text or a letter, and says why.
        let nsd = plan.items.filter { $0.campaign == "no-smoking-day-2027-03-10" && $0.channel.isDirect }
        #expect(nsd.contains { $0.why.contains { $0.contains("for 75+ in copd:") && $0.contains("not online") } })
    }

    @Test func slugsAndIds() {
        #expect(Slug.make("Women's Health Week") == "womens-health-week")
        #expect(Slug.make("  Café & Crème — 2027!! ") == "cafe-creme-2027")
        #expect(Slug.make("Wythnos Iechyd Dynion / Men’s Health Week") == "wythnos-iechyd-dynion-mens-health-week")
        #expect(CampaignID(title: "World Kidney Day", start: F.d(2027, 3, 11)).rawValue == "world-kidney-day-2027-03-11")
        #expect(CampaignID(title: "!!!", start: F.d(2027, 3, 11)).rawValue == "campaign-2027-03-11")
        let x = CampaignID(title: "x", start: F.d(2027, 3, 11))
        #expect(ItemID(campaign: x, channel: .letter, number: 2).rawValue == "x-2027-03-11-letter-2")
    }
}

@Suite struct PlanningEdgeCaseTests {
    @Test func noCandidatesGivesAnEmptyButValidPlan() {
        let input = PlanningFixtures.input(candidates: [])
        let plan = QuarterPlanner.plan(input)
        #expect(plan.items.isEmpty)
        #expect(plan.totals.channels.map(\.costPence) == [0, 0, 0, 0])
        #expect(plan.totals.effortByWeek.isEmpty)
        #expect(plan.groupsWithoutContact == PlanningFixtures.groupBands.keys.sorted())
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(PlanJSON.render(plan).contains("\"items\": [],"))
    }

    @Test func zeroRelevanceAndOutOfWindowDaysAreIgnored() {
        let d = PlanningFixtures.d
        let input = PlanningFixtures.input(candidates: [
            PlanningFixtures.candidate("Ignored Day", d(2027, 2, 10), days: 1, groups: ["copd"], relevance: 0),
            PlanningFixtures.candidate("Next Quarter Day", d(2027, 4, 1), days: 1, groups: ["copd"], relevance: 1),
            PlanningFixtures.candidate("Straddles In", d(2026, 12, 20), days: 20, groups: ["smokers"], relevance: 0.5),
        ])
        let plan = QuarterPlanner.plan(input)
        #expect(Set(plan.items.map(\.title)) == ["Straddles In"])
        #expect(plan.items.allSatisfy { $0.date >= d(2027, 1, 1) })
        #expect(PlanChecks.violations(plan, input) == [])
    }
}

@Suite struct PlanningBatchTests {
    @Test func tinyBatchesAreLeftOutUnlessTheyServeTheOlderRule() {
        // Budgets ten times the fixture's, so that money is not what decides a batch.
        // A relevant day for a register of eight younger people: its texts and letters would be
        // tiny batches. (The 75+ bands of a group make one segment, so the older rule no
        // longer leaves tiny batches of its own.)
        var input = PlanningFixtures.input(
            candidates: PlanningFixtures.candidates + [
                PlanningFixtures.candidate(
                    "Rare Condition Day", PlanningFixtures.d(2027, 2, 24), days: 1, groups: ["rare-condition"],
                    relevance: 0.95)
            ])
        input.groupBands["rare-condition"] = PlanningFixtures.bands(
            [0, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        input.channels.smsBudgetPence *= 10
        input.channels.letterBudgetPence *= 10
        let plan = QuarterPlanner.plan(input)
        for it in plan.items where it.channel.isDirect {
            let servesOlder = it.why.contains { $0.contains("so the rule asks for SMS or a letter") }
            #expect(servesOlder || (it.recipients ?? 0) >= input.constraints.minRecipientsPerBatch, "\(it.id)")
        }
        // With the floor at zero the same input keeps some tiny batches: the rule is what removes them.
        var loose = input
        loose.constraints.minRecipientsPerBatch = 0
        let all = QuarterPlanner.plan(loose)
        #expect(all.items.contains { $0.channel.isDirect && ($0.recipients ?? 0) < 10 })
        #expect(plan.warnings.filter { $0.code == .batchTooSmall }.count == 1)
        #expect(PlanChecks.violations(plan, input) == [])
    }
}

@Suite struct PlanningPlacementWindowTests {
    typealias F = PlanningFixtures

    /// A month-long day starting on a bank holiday (1 January, then a weekend) is placed:
    /// its SMS and website launch go out on the first working days, and its letter, which
    /// cannot land before a day at the very start of the plan, lands during the campaign.
    @Test func monthLongDayStartingOnABankHolidayIsPlaced() {
        let d = F.d
        let input = F.input(candidates: [
            F.candidate("Dry January", d(2027, 1, 1), days: 31, groups: ["smokers"], relevance: 0.9)
        ])
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        let dates = Dictionary(uniqueKeysWithValues: plan.items.filter { $0.id.hasSuffix("-1") }.map { ($0.channel, $0.date) })
        #expect(dates[.sms].map { $0 >= d(2027, 1, 4) && $0 <= d(2027, 1, 14) } == true)
        #expect(dates[.website].map { $0 >= d(2027, 1, 4) && $0 <= d(2027, 1, 7) } == true)
        // Social media on the first working day: no one moderates at weekends or on bank holidays.
        #expect(dates[.social] == d(2027, 1, 4))
        if let letter = plan.items.first(where: { $0.channel == .letter }) {
            #expect(letter.date >= d(2027, 1, 4))
            #expect(letter.why.contains { $0.hasPrefix("A letter posted to arrive during the campaign") })
        }
        #expect(!plan.warnings.contains { $0.code == .dayNotFitted })
    }

    /// A more relevant month-long day's optional mid-point reminder does not take the only
    /// campaign slot of a week from a less relevant single day: reminders come last.
    @Test func remindersGiveWayToAnotherDaysRequiredItems() {
        let d = F.d
        let input = F.input(
            candidates: [
                F.candidate("Long Month", d(2027, 2, 1), days: 28, groups: ["hypertension"], relevance: 0.9),
                // The month's mid-point is 15 February (week 7); this day sits in that week.
                F.candidate("Mid Week Day", d(2027, 2, 17), days: 1, groups: ["carers"], relevance: 0.4),
            ], cap: 1)
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(Set(plan.items.map(\.title)) == ["Long Month", "Mid Week Day"])
        // The reminder either found a date in another week or was dropped, with its reason.
        let midWeek = d(2027, 2, 15)...d(2027, 2, 21)
        let reminder = plan.items.first { $0.title == "Long Month" && $0.channel == .social && $0.id.hasSuffix("-2") }
        if let reminder {
            #expect(!midWeek.contains(reminder.date))
        } else {
            #expect(plan.warnings.contains { $0.code == .reminderDropped && $0.message.contains("Long Month") })
        }
        #expect(!plan.items.contains { $0.title == "Long Month" && midWeek.contains($0.date) })
    }

    /// A day whose preferred dates are taken still gets a heads-up in the days before it.
    @Test func singleDayHeadsUpMayGoEarlierInTheWeekBefore() {
        let d = F.d
        let input = F.input(
            candidates: [
                F.candidate("First Day", d(2027, 2, 11), days: 1, groups: ["diabetes"], relevance: 0.9),
                F.candidate("Second Day", d(2027, 2, 12), days: 1, groups: ["diabetes"], relevance: 0.8),
            ], gap: 1)
        let plan = QuarterPlanner.plan(input)
        #expect(PlanChecks.violations(plan, input) == [])
        #expect(Set(plan.items.map(\.title)) == ["First Day", "Second Day"])
        for it in plan.items where it.title == "Second Day" { #expect(it.date <= d(2027, 2, 12)) }
    }
}
