import PlannerCore
import PlannerTestSupport
import Testing

/// The people model: distinct people per audience, exact sets for age and sex groups,
/// registers as shares of a cell, and agreement with fictional people drawn one by one.
struct PeopleModelTests {
    /// A small fictional list: 100 of each sex in every band.
    static let list = PatientList(
        male: Array(repeating: 100, count: AgeBand.count), female: Array(repeating: 100, count: AgeBand.count))

    static func model(exclusions: [String: Double] = [:]) -> PeopleModel {
        let grid = PeopleGrid(list: list)
        // A register of 400 people spread over ages 40+ (bands 40-44 ... 90+: 11 bands).
        var byBand = Array(repeating: 0.0, count: AgeBand.count)
        for band in AgeBand.all where band.lowerAge >= 40 { byBand[band.index] = 400.0 / 11 }
        return PeopleModel(
            grid: grid,
            groups: [
                GroupMembership(exactSet: "women", minAge: 0, maxAge: nil, sex: .female),
                GroupMembership(exactSet: "women-25-64", minAge: 25, maxAge: 64, sex: .female),
                GroupMembership(exactSet: "all-patients", minAge: 0, maxAge: nil, sex: nil),
                GroupMembership(register: "hypertension", byBand: byBand, minAge: 40, maxAge: nil, sex: nil, grid: grid),
                GroupMembership(register: "diabetes", byBand: byBand, minAge: 40, maxAge: nil, sex: nil, grid: grid),
            ],
            exclusionShare: exclusions)
    }

    /// A search recipe gives the date ages are measured on in words, as a practice types it.
    @Test func aCohortsAgeDateIsWrittenInWords() {
        let line = AudienceRule(
            group: "adults-65-plus", ageFrom: 65, ageOn: CivilDate(year: 2028, month: 3, day: 31),
            exclude: ["vaccinated-this-season"])
        #expect(line.words(groupName: "Adults aged 65 and over")
            == "patients aged 65 or over on 31 Mar 2028 in the group \"Adults aged 65 and over\", leaving out people vaccinated this season")
    }

    /// "vaccinated" is a state the search leaves out, not a group of the practice's.
    @Test func alreadyVaccinatedIsAState() {
        let line = AudienceRule(group: "all-patients", ageFrom: 70, ageTo: 79, exclude: ["vaccinated"])
        #expect(line.words(groupName: "All patients") == "patients aged 70 to 79, leaving out people already vaccinated")
    }

    @Test func gridKeepsTheListTotal() {
        let grid = PeopleGrid(list: Self.list)
        #expect(abs(grid.total - 3800) < 1e-9)
        #expect(abs(grid.count(.female, band: AgeBand(label: "90+")!) - 100) < 1e-9)
        #expect(grid.count(.male, age: 42) == 20)
    }

    @Test func overlappingExactGroupsCountEachPersonOnce() {
        let m = Self.model()
        let both = m.count([AudienceRule(group: "women"), AudienceRule(group: "women-25-64")])
        #expect(abs(both.total - 1900) < 1e-9)  // every woman once, not 1,900 + 800
        let girlsLeftOut = m.count([AudienceRule(group: "women", ageFrom: 16)])
        #expect(abs(girlsLeftOut.total - (1900 - 320)) < 1e-9)  // 0-15: 3 bands + 1 year of 15-19
    }

    @Test func registerCountsAreTheirSize() {
        let m = Self.model()
        #expect(abs(m.groups["hypertension"]!.size(on: m.grid) - 400) < 1e-9)
        #expect(abs(m.count([AudienceRule(group: "hypertension")]).total - 400) < 1e-9)
    }

    @Test func twoRegistersOverlapUnderIndependenceWithinACell() {
        let m = Self.model()
        // In each cell aged 40+ a person is on each register with p = (400/11)/200.
        let p = 400.0 / 11 / 200
        let union = m.count([AudienceRule(group: "hypertension"), AudienceRule(group: "diabetes")]).total
        #expect(abs(union - 11 * 200 * (1 - (1 - p) * (1 - p))) < 1e-6)
        #expect(union < 800)
    }

    @Test func wrongSexAndAgesSelectNobody() {
        let m = Self.model()
        #expect(m.count([AudienceRule(group: "women", sex: .male)]).total == 0)
        #expect(m.count([AudienceRule(group: "hypertension", ageFrom: 0, ageTo: 39)]).total == 0)
        let cells = m.cells([AudienceRule(group: "women-25-64")])
        #expect(cells.contains(.female, age: 25) && cells.contains(.female, age: 64))
        #expect(!cells.contains(.female, age: 65) && !cells.contains(.male, age: 30))
    }

    @Test func exclusionsShrinkTheCount() {
        let m = Self.model(exclusions: ["screened-3y": 0.7])
        let n = m.count([AudienceRule(group: "women-25-64", exclude: ["screened-3y"])]).total
        #expect(abs(n - 800 * 0.3) < 1e-9)
    }

    @Test func rulesCouldShareByAgeAndSexOnly() {
        let women = AudienceRule(group: "women", sex: .female, ageFrom: 25, ageTo: 64)
        #expect(!women.couldShare(with: AudienceRule(group: "men", sex: .male)))
        #expect(!women.couldShare(with: AudienceRule(group: "hypertension", ageFrom: 65)))
        #expect(women.couldShare(with: AudienceRule(group: "hypertension", ageFrom: 40)))
        #expect(women.couldShare(with: AudienceRule(group: "diabetes", ageFrom: 0, ageTo: 25)))
    }

    @Test func reachedNeverExceedsTheGroup() {
        let m = Self.model()
        let item: (rules: [AudienceRule], reach: (AgeBand) -> Double) = ([AudienceRule(group: "hypertension")], { _ in 0.9 })
        let once = m.reached(of: "hypertension", by: [item])
        let many = m.reached(of: "hypertension", by: Array(repeating: item, count: 10))
        #expect(abs(once - 360) < 1e-6)
        #expect(many <= 400 + 1e-9 && many > once)
        // Women reached by a hypertension item: only those on the register.
        let women = m.reached(of: "women", by: [item])
        #expect(abs(women - 0.9 * 200) < 1e-6)
    }

    @Test func estimateAgreesWithDrawnPeople() {
        let m = Self.model(exclusions: ["screened-3y": 0.4])
        let population = SyntheticPopulation(model: m, list: Self.list, seed: 42)
        #expect(population.people.count == 3800)
        let audiences: [[AudienceRule]] = [
            [AudienceRule(group: "hypertension"), AudienceRule(group: "diabetes")],
            [AudienceRule(group: "women", ageFrom: 16), AudienceRule(group: "hypertension", sex: .male)],
            [AudienceRule(group: "women-25-64", exclude: ["screened-3y"])],
        ]
        for rules in audiences {
            let estimate = m.count(rules).total
            let drawn = Double(population.selected(by: rules).count)
            let tolerance = max(0.05 * drawn, 3 * drawn.squareRoot())
            #expect(abs(estimate - drawn) <= tolerance, "estimate \(estimate) vs drawn \(drawn)")
        }
    }
}

/// Waves that keep expected bookings within a clinic's weekly capacity.
struct WavePlanTests {
    @Test func noCapacityMeansOneWave() {
        let r = WavePlan.split(recipients: 1000, responseRate: 0.1, weeklyCapacity: nil, maxWeeks: 8)
        #expect(r.waves == [WavePlan.Wave(dayOffset: 0, recipients: 1000)])
        #expect(r.expectedResponses == 100)
    }

    @Test func cervicalScreeningAtFortySlotsAWeekIsSpreadOverWeeks() {
        // 3,293 texts, 10% book, 40 slots a week: at most 400 texts a week, so 9 weekly waves.
        let r = WavePlan.split(recipients: 3293, responseRate: 0.10, weeklyCapacity: 40, maxWeeks: 13)
        #expect(r.waves.count == 9)
        #expect(r.waves.map(\.recipients).reduce(0, +) == 3293)
        #expect(r.waves.map(\.dayOffset) == (0..<9).map { $0 * 7 })
        #expect(r.peakWeeklyBookings <= 40 + 1e-9)
        #expect(!r.exceedsCapacity)
    }

    @Test func tooLittleTimeIsReported() {
        let r = WavePlan.split(recipients: 1278, responseRate: 0.03, weeklyCapacity: 8, maxWeeks: 3)
        #expect(r.waves.count == 3)
        #expect(r.weeksNeeded == 5)
        #expect(r.exceedsCapacity)
        #expect(r.peakWeeklyBookings > 8)
    }

    @Test func lettersRespondLessThanTexts() {
        #expect(ResponseRates.rate(service: "flu-vaccination", channel: .sms) == 0.40)
        #expect(abs(ResponseRates.rate(service: "flu-vaccination", channel: .letter) - 0.32) < 1e-12)
        #expect(ResponseRates.rate(service: "flu-vaccination", channel: .sms, overrides: ["flu-vaccination": 0.5]) == 0.5)
        #expect(ResponseRates.rate(service: "no-such-service", channel: .sms) == ResponseRates.fallback)
    }
}

/// Who a day's texts and letters go to.
struct AudiencePolicyTests {
    static func ages(_ g: String) -> GroupAges? {
        switch g {
        case "women": return GroupAges(minAge: 0, sex: .female)
        case "men": return GroupAges(minAge: 0, sex: .male)
        case "all-patients": return GroupAges(minAge: 0)
        case "under-5s": return GroupAges(minAge: 0, maxAge: 4)
        case "women-25-64": return GroupAges(minAge: 25, maxAge: 64, sex: .female)
        case "hypertension": return GroupAges(minAge: 18)
        default: return nil
        }
    }

    @Test func noGirlUnder16InAWomensDay() {
        let rules = AudiencePolicy.rules(groups: ["women"], ages: Self.ages)
        #expect(rules == [AudienceRule(group: "women", sex: .female, ageFrom: 16)])
    }

    @Test func childrensGroupsGoToParents() {
        let rules = AudiencePolicy.rules(groups: ["under-5s"], ages: Self.ages)
        #expect(rules == [AudienceRule(group: "under-5s", ageFrom: 0, ageTo: 4, toParent: true)])
    }

    @Test func eligibilityNarrowsTheDay() {
        // A testicular cancer day: men 15-49, clipped to 16 (not a children's day).
        let day = [AudienceRule(group: "men", sex: .male, ageFrom: 15, ageTo: 49)]
        let rules = AudiencePolicy.rules(groups: ["men"], ages: Self.ages, eligibility: day)
        #expect(rules == [AudienceRule(group: "men", sex: .male, ageFrom: 16, ageTo: 49)])
        // A line for a sex its group does not include selects nobody.
        let wrong = [AudienceRule(group: "women-25-64", sex: .male)]
        #expect(AudiencePolicy.rules(groups: [], ages: Self.ages, eligibility: wrong).isEmpty)
    }

    @Test func directContactNeedsAnOfferedAction() {
        let main: [(service: String, groups: [String])] = [
            ("blood-pressure-check", ["adults-40-74", "hypertension"]), ("sight-hearing-checks", ["adults-65-plus"]),
        ]
        let offered: Set<String> = ["blood-pressure-check", "cervical-screening"]
        // Promotes a service the practice runs.
        #expect(
            AudiencePolicy.action(
                services: ["cervical-screening"], groups: ["women-25-64"], offered: offered.contains,
                recordedGroups: [], serviceMainGroups: main) == "cervical-screening")
        // Promotes only a service the practice does not run (eye health): no text or letter.
        #expect(
            AudiencePolicy.action(
                services: ["sight-hearing-checks"], groups: ["adults-65-plus"], offered: offered.contains,
                recordedGroups: [], serviceMainGroups: main) == nil)
        // No service, but a register the practice holds with a review it runs.
        #expect(
            AudiencePolicy.action(
                services: [], groups: ["hypertension"], offered: offered.contains, recordedGroups: ["hypertension"],
                serviceMainGroups: main) == "blood-pressure-check")
        // No service, and a demographic group: awareness only (Raynaud's).
        #expect(
            AudiencePolicy.action(
                services: [], groups: ["women"], offered: offered.contains, recordedGroups: [], serviceMainGroups: main)
                == nil)
        // No service, and a cohort whose only offered service is a national programme (care home
        // residents and COVID-19 vaccination): a day that does not promote the jab never asks for it
        // (Nutrition and Hydration Week texted 75+ "Book your COVID-19 jab" before this rule).
        let cohort: [(service: String, groups: [String])] = [("covid-vaccination", ["adults-75-plus", "care-home-residents"])]
        #expect(
            AudiencePolicy.action(
                services: [], groups: ["care-home-residents"], offered: { _ in true },
                recordedGroups: ["care-home-residents"], serviceMainGroups: cohort) == nil)
        // The same day with a review the practice runs for the cohort asks for that review.
        #expect(
            AudiencePolicy.action(
                services: [], groups: ["care-home-residents"], offered: { _ in true },
                recordedGroups: ["care-home-residents"],
                serviceMainGroups: cohort + [("medication-review", ["care-home-residents"])]) == "medication-review")
    }
}
