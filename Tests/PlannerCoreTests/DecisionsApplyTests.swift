import Foundation
import PlannerCore
import PlannerExport
import Testing

/// The manager's decisions applied by `DecidedPlanner` (issue 6): swaps and texts on the
/// planned items, and every decision that breaks a rule or matches nothing reported by name.
@Suite struct DecisionsApplyTests {
    typealias F = PlanningFixtures

    static let file = SourceLocation(path: "Profiles/riverside.decisions.yaml", line: 7, column: 3)

    func item(_ plan: Plan, _ id: String) -> PlanItem? { plan.items.first { $0.id == id } }

    /// Totals are the exact sums of the items, whatever the decisions did.
    func expectTotalsMatchItems(_ plan: Plan) {
        for t in plan.totals.channels {
            let mine = plan.items.filter { $0.channel == t.channel }
            #expect(t.costPence == mine.reduce(0) { $0 + $1.costPence }, "\(t.channel)")
            #expect(t.items == mine.count, "\(t.channel)")
        }
        var byWeek: [String: Int] = [:]
        // Staff hours fall in the weeks the prep tasks are due (issue 11).
        for i in plan.items {
            for t in i.prepTasks where !t.isSignOff && t.centiHours > 0 { byWeek[t.due.isoWeekLabel, default: 0] += t.centiHours }
        }
        #expect(plan.totals.effortByWeek.map(\.week) == byWeek.keys.sorted())
        #expect(plan.totals.effortByWeek.allSatisfy { byWeek[$0.week] == $0.centiHours })
    }

    @Test func swapChangesTheChannelKeepsTheIdAndRecomputesTheItem() throws {
        let input = F.input()
        let base = QuarterPlanner.plan(input)
        let social = try #require(base.items.first { $0.channel == .social && $0.groups == ["hypertension", "diabetes"].sorted() })
        let swap = ManagerDecision(.swap(to: .letter), id: social.id, note: "older patients", author: "A. Manager")
        let plan = DecidedPlanner.plan(input, decisions: [swap])
        let swapped = try #require(item(plan, social.id))
        #expect(swapped.channel == .letter)
        #expect(swapped.date == social.date)
        #expect(swapped.time == nil)
        // Letters go to every group member with an address (coverage 1.0 in the fixture).
        let people = social.groups.flatMap { F.groupBands[$0]! }.reduce(0) { $0 + $1.people }
        #expect(swapped.recipients == people)
        #expect(swapped.costPence == (people * 73_000 + 999) / 1000)
        #expect(swapped.effortCentiHours == 200)
        #expect(swapped.prepTasks.contains { $0.task.hasPrefix("Send to print and post") })
        #expect(swapped.why.last?.contains("swapped from social media to letters") == true)
        #expect(swapped.why.last?.contains("A. Manager: older patients") == true)
        // Everything else is as planned; totals follow the items.
        // (The campaign's one clinical sign-off names its items' kinds, so it is compared apart.)
        func withoutSignOff(_ items: [PlanItem]) -> [PlanItem] {
            items.filter { $0.id != social.id }.map {
                var it = $0
                it.prepTasks.removeAll(where: \.isSignOff)
                return it
            }
        }
        #expect(withoutSignOff(plan.items) == withoutSignOff(base.items))
        #expect(plan.items.flatMap(\.prepTasks).filter(\.isSignOff).count == Set(plan.items.map(\.campaign)).count)
        expectTotalsMatchItems(plan)
        // Planning again with the same decisions gives the same plan (the decision holds).
        #expect(DecidedPlanner.plan(input, decisions: [swap]) == plan)
    }

    @Test func swapToSMSGetsASendTimeAndCoverage() throws {
        let input = F.input()
        let base = QuarterPlanner.plan(input)
        let web = try #require(base.items.first { $0.channel == .website && $0.groups == ["smokers"] })
        let plan = DecidedPlanner.plan(input, decisions: [ManagerDecision(.swap(to: .sms), id: web.id)])
        let sms = try #require(item(plan, web.id))
        let expected = F.groupBands["smokers"]!.reduce(0) { $0 + Int((Double($1.people) * 0.85).rounded()) }
        #expect(sms.recipients == expected)
        #expect(sms.costPence == (expected * 2400 * 2 + 999) / 1000)
        #expect(sms.time != nil)
    }

    @Test func aSwapThatBreaksTheBudgetIsKeptAndNamedInAWarning() throws {
        // £5 of letter money: far too little for a letter to two registers.
        let input = F.input(letterBudget: 500)
        let base = QuarterPlanner.plan(input)
        let social = try #require(base.items.first { $0.channel == .social && $0.groups.contains("hypertension") })
        let swap = ManagerDecision(.swap(to: .letter), id: social.id, location: Self.file)
        let plan = DecidedPlanner.plan(input, decisions: [swap])
        #expect(item(plan, social.id)?.channel == .letter)
        let letters = try #require(plan.totals.channels.first { $0.channel == .letter })
        #expect(letters.costPence > 500)
        let broken = plan.warnings.filter { $0.code == .decisionBreaksConstraint }.map(\.message)
        #expect(
            broken.contains {
                $0.hasPrefix("decision swap \(social.id) to letter breaks a rule: letters now cost £")
                    && $0.contains("against a budget of £5.00")
                    && $0.hasSuffix("[riverside.decisions.yaml line 7]")
            }, "\(broken)")
    }

    @Test func aSwapOntoAClosedDayOrOneChannelIsReported() throws {
        var input = F.input()
        // With a weekend moderator, social posts may be scheduled for a weekend day.
        input.constraints.socialWeekendModerator = "the practice manager"
        let base = QuarterPlanner.plan(input)
        // A social post on a weekend day.
        let weekend = try #require(base.items.first { $0.channel == .social && $0.date.isWeekend })
        do {
            let plan = DecidedPlanner.plan(input, decisions: [ManagerDecision(.swap(to: .sms), id: weekend.id)])
            #expect(
                plan.warnings.contains {
                    $0.code == .decisionBreaksConstraint && $0.message.hasPrefix("decision swap \(weekend.id) to sms")
                        && $0.message.contains("is a \(SendingCalendar.weekdayName(weekend.date))")
                })
        }
        // Every item of a two-channel campaign swapped onto one channel.
        let campaign = try #require(base.items.first { $0.channel == .sms }?.campaign)
        let others = base.items.filter { $0.campaign == campaign && $0.channel != .sms }
        #expect(!others.isEmpty)
        let swaps = others.map { ManagerDecision(.swap(to: .sms), id: $0.id) }
        let plan = DecidedPlanner.plan(input, decisions: swaps)
        #expect(Set(plan.items.filter { $0.campaign == campaign }.map(\.channel)) == [.sms])
        #expect(
            plan.warnings.contains {
                $0.code == .decisionBreaksConstraint
                    && $0.message.contains("campaign \(campaign) is now on one channel only (SMS)")
            })
        expectTotalsMatchItems(plan)
    }

    @Test func textIsAttachedAndWrittenToPlanJSON() throws {
        let input = F.input()
        let base = QuarterPlanner.plan(input)
        let sms = try #require(base.items.first { $0.channel == .sms })
        let words = "Book your free \"kidney\" check:\nreply YES."
        let plan = DecidedPlanner.plan(input, decisions: [ManagerDecision(.text(words), id: sms.id, author: "B. Nurse")])
        #expect(item(plan, sms.id)?.text == words)
        #expect(plan.items.filter { $0.text != nil }.count == 1)
        let json = PlanJSON.render(plan)
        #expect(json.contains("\"text\": \"Book your free \\\"kidney\\\" check:\\nreply YES.\""))
        #expect(json.components(separatedBy: "\"text\":").count == 2)
        // A plan without texts has no text key at all (plan.json unchanged for readers).
        #expect(!PlanJSON.render(base).contains("\"text\":"))
    }

    @Test func staleSwapsAndTextsAreReportedWithTheirPlace() {
        let input = F.input()
        let decisions = [
            ManagerDecision(.swap(to: .letter), id: "world-kidney-day-2027-03-11-social-9", location: Self.file),
            ManagerDecision(.text("Hello"), id: "no-such-day-2027-01-05-sms-1"),
            ManagerDecision(.skip, id: "no-such-day-2027-01-05", location: SourceLocation(path: "d.yaml", line: 2)),
        ]
        let plan = DecidedPlanner.plan(input, decisions: decisions)
        let stale = plan.warnings.filter { $0.code == .staleDecision }.map(\.message)
        #expect(
            stale.sorted() == [
                "decision skip no-such-day-2027-01-05 matches no awareness day in this window; it was not applied. [d.yaml line 2]",
                "decision swap world-kidney-day-2027-03-11-social-9 to letter matches no item in this plan; it was not applied. [riverside.decisions.yaml line 7]",
                "decision text no-such-day-2027-01-05-sms-1 matches no item in this plan; it was not applied.",
            ])
        // Stale decisions change no item.
        #expect(plan.items == QuarterPlanner.plan(input).items)
    }

    @Test func skipPinAndMoveGoThroughThePlanner() throws {
        let input = F.input()
        let decisions = [
            ManagerDecision(.skip, id: "no-smoking-day-2027-03-10"),
            ManagerDecision(.pin, id: "baby-week-2027-03-01"),
            ManagerDecision(
                .move(to: F.d(2027, 3, 13)), id: "world-kidney-day-2027-03-11-sms-1", note: "clinic day",
                location: Self.file),
        ]
        #expect(
            PlanningDecisions(decisions)
                == PlanningDecisions(
                    skip: ["no-smoking-day-2027-03-10"], pin: ["baby-week-2027-03-01"],
                    move: ["world-kidney-day-2027-03-11-sms-1": F.d(2027, 3, 13)]))
        let plan = DecidedPlanner.plan(input, decisions: decisions)
        #expect(!plan.campaignIDs.contains("no-smoking-day-2027-03-10"))
        #expect(plan.campaignIDs.contains("baby-week-2027-03-01"))
        #expect(item(plan, "world-kidney-day-2027-03-11-sms-1")?.date == F.d(2027, 3, 13))
        #expect(
            item(plan, "world-kidney-day-2027-03-11-sms-1")?.why.last
                == "Moved to 2027-03-13 by the practice's decision (clinic day).")
        #expect(
            plan.items.first { $0.campaign == "baby-week-2027-03-01" }?.why.last
                == "Pinned by the practice's decision: planned ahead of higher-ranked days.")
        #expect(
            plan.warnings.contains {
                $0.code == .decisionBreaksConstraint
                    && $0.message.hasPrefix("decision move world-kidney-day-2027-03-11-sms-1 to 2027-03-13 breaks a rule")
                    && $0.message.hasSuffix("[riverside.decisions.yaml line 7]")
            })
    }
}
