import PlannerCore
import Testing

/// A tiny list, easy to compute by hand: 10 men and 20 women in each of the 19 bands (570 patients).
func tinyProfile(registers: [GroupCount] = [], cohorts: [GroupCount] = []) -> PracticeProfile {
    PracticeProfile(
        name: "Tiny", list: PatientList(male: Array(repeating: 10, count: 19), female: Array(repeating: 20, count: 19)),
        registers: registers, cohorts: cohorts)
}

/// Sizing rules written here, not read from the shipped taxonomy (PlannerCore reads no files):
/// these tests check the arithmetic for a given rule; PlannerIOTests check the shipped rules.
enum Rules {
    static let diabetes = GroupSizing(basis: .register, minAge: 17, register: "DM", rate75Plus: 3)
    static let atrialFibrillation = GroupSizing(basis: .register, minAge: 40, register: "AF", rate75Plus: 8)
    static let pregnant = GroupSizing(basis: .cohort, minAge: 16, maxAge: 49, cohort: "pregnantAndNewParents")
    static let young = GroupSizing(basis: .ageBand, minAge: 16, maxAge: 24)
    static let children = GroupSizing(basis: .ageBand, minAge: 5, maxAge: 15)
    static let breast = GroupSizing(basis: .sexAge, minAge: 50, maxAge: 71, sex: .female)

    static func group(_ id: String, _ rule: GroupSizing) -> TaxonomyEntry {
        TaxonomyEntry(id: id, kind: .group, name: id, sizedFrom: rule)
    }
}

/// `size(ofGroup:sizedFrom:in:)` under a name a local `size` variable cannot shadow.
func sized(_ id: String, _ rule: GroupSizing, _ profile: PracticeProfile) -> GroupSize? {
    size(ofGroup: id, sizedFrom: rule, in: profile)
}

private func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

@Suite struct GroupSizingTests {
    @Test func cutPointsInsideABandAreApportionedBySingleYear() throws {
        // 16-24 takes 4/5 of 15-19 (ages 16-19); 5-15 takes the other 1/5 (age 15).
        let young = try #require(sized("young-people-16-24", Rules.young, tinyProfile()))
        #expect(near(young.count(in: AgeBand(label: "15-19")!), 24))
        #expect(near(young.count(in: AgeBand(label: "20-24")!), 30))
        #expect(near(young.count(in: AgeBand(label: "25-29")!), 0))
        let children = try #require(sized("children-5-15", Rules.children, tinyProfile()))
        #expect(near(children.count(in: AgeBand(label: "15-19")!), 6))
        // 50-71 takes 2/5 of the women in 70-74 (ages 70 and 71) and no men.
        let breast = try #require(sized("women-50-71", Rules.breast, tinyProfile()))
        #expect(near(breast.count(in: AgeBand(label: "70-74")!), 8))
        #expect(near(breast.count(in: AgeBand(label: "75-79")!), 0))
        #expect(near(breast.count, 88))
    }

    @Test func listSizeBasisCountsEveryone() throws {
        let all = try #require(sized("all-patients", GroupSizing(basis: .listSize), tinyProfile()))
        #expect(near(all.count, 570))
        #expect(all.byBand.allSatisfy { near($0, 30) })
    }

    @Test func registerWithAStatedShareAged75Plus() throws {
        let profile = tinyProfile(registers: [GroupCount(id: "diabetes", count: 100, share75Plus: 0.4)])
        let size = try #require(sized("diabetes", Rules.diabetes, profile))
        #expect(size.count == 100)
        #expect(near(size.share75Plus, 0.4))
        // 40 aged 75+ over four equal bands.
        for label in ["75-79", "80-84", "85-89", "90+"] { #expect(near(size.count(in: AgeBand(label: label)!), 10)) }
        // 60 under 75 over ages 17-74: 15-19 holds 3/5 x 30 = 18 eligible, 20-24 ... 70-74 hold 330.
        #expect(near(size.count(in: AgeBand(label: "15-19")!), 60 * 18 / 348))
        #expect(near(size.count(in: AgeBand(label: "20-24")!), 60 * 30 / 348))
        #expect(size.count(in: AgeBand(label: "10-14")!) == 0)
        #expect(near(size.byBand.reduce(0, +), 100))
    }

    @Test func registerWithoutAShareUsesTheRulesRate75Plus() throws {
        let profile = tinyProfile(registers: [GroupCount(id: "diabetes", count: 100)])
        let size = try #require(sized("diabetes", Rules.diabetes, profile))
        // 120 aged 75+ weighted x3 against 348 eligible under 75.
        #expect(near(size.share75Plus, 360.0 / 708.0))
        #expect(near(Rules.diabetes.share75Plus(of: profile.registers[0], in: profile.list), 360.0 / 708.0))
        // The same count under a rule with a higher rate has more people aged 75+.
        var steeper = Rules.diabetes
        steeper.rate75Plus = 6
        #expect(try #require(sized("diabetes", steeper, profile)).share75Plus > size.share75Plus)
    }

    @Test func defaultShareFollowsTheListsAgeShape() {
        let young = PatientList(
            male: [300] + Array(repeating: 300, count: 14) + [5, 5, 5, 5],
            female: Array(repeating: 300, count: 15) + [5, 5, 5, 5])
        let old = PatientList(
            male: Array(repeating: 50, count: 15) + [300, 300, 300, 300],
            female: Array(repeating: 50, count: 15) + [300, 300, 300, 300])
        let count = GroupCount(id: "atrial-fibrillation", count: 50)
        #expect(Rules.atrialFibrillation.share75Plus(of: count, in: young) < 0.2)
        #expect(Rules.atrialFibrillation.share75Plus(of: count, in: old) > 0.8)
    }

    @Test func cohortLimitedToYoungerAgesHasNobodyAged75Plus() throws {
        let profile = tinyProfile(cohorts: [GroupCount(id: "pregnant-and-new-parents", count: 51)])
        let size = try #require(sized("pregnant-and-new-parents", Rules.pregnant, profile))
        #expect(size.share75Plus == 0)
        // Ages 16-49: 4/5 of 15-19 (24) plus six full bands (180) = 204 eligible.
        #expect(near(size.count(in: AgeBand(label: "15-19")!), 51 * 24 / 204))
        #expect(size.count(in: AgeBand(label: "50-54")!) == 0)
        #expect(near(size.byBand.reduce(0, +), 51))
    }

    @Test func unknownOrUnrecordedGroupsHaveNoSize() {
        let taxonomy = Taxonomy(groups: [Rules.group("diabetes", Rules.diabetes)], services: [])
        #expect(size(ofGroup: "martians", in: tinyProfile(), taxonomy: taxonomy) == nil)
        #expect(size(ofGroup: "diabetes", in: tinyProfile(), taxonomy: taxonomy) == nil)
        let recorded = tinyProfile(registers: [GroupCount(id: "diabetes", count: 10)])
        #expect(size(ofGroup: "diabetes", in: recorded, taxonomy: taxonomy)?.count == 10)
    }

    @Test func aGroupIsSizedByTheRuleItsTaxonomyGives() throws {
        // The same id sized under two taxonomies: the rule, not the id, decides.
        let profile = tinyProfile(cohorts: [GroupCount(id: "housebound", count: 57)])
        let asCohort = Taxonomy(
            groups: [Rules.group("housebound", GroupSizing(basis: .cohort, cohort: "housebound", rate75Plus: 10))],
            services: [])
        let asAges = Taxonomy(groups: [Rules.group("housebound", GroupSizing(basis: .ageBand, minAge: 85))], services: [])
        let cohort = try #require(size(ofGroup: "housebound", in: profile, taxonomy: asCohort))
        #expect(cohort.count == 57)
        // 120 aged 75+ weighted x10 against 450 younger: 1200 / 1650.
        #expect(near(cohort.share75Plus, 1200.0 / 1650.0))
        let ages = try #require(size(ofGroup: "housebound", in: profile, taxonomy: asAges))
        #expect(near(ages.count, 60))
        // A service id, or a group with no rule, is not sized.
        let noRule = Taxonomy(groups: [TaxonomyEntry(id: "housebound", kind: .group, name: "x")], services: [])
        #expect(size(ofGroup: "housebound", in: profile, taxonomy: noRule) == nil)
    }
}

@Suite struct ProfileAgeBandTests {
    @Test func labelsAndFractions() {
        #expect(AgeBand.all.map(\.label).first == "0-4")
        #expect(AgeBand.all.map(\.label).last == "90+")
        #expect(AgeBand(age: 17).label == "15-19")
        #expect(AgeBand(age: 104).label == "90+")
        #expect(AgeBand(label: "15-19")!.fraction(minAge: 16, maxAge: 24) == 0.8)
        #expect(AgeBand(label: "70-74")!.fraction(minAge: 50, maxAge: 71) == 0.4)
        #expect(AgeBand(label: "90+")!.fraction(minAge: 75, maxAge: nil) == 1)
        #expect(AgeBand(label: "10-14")!.fraction(minAge: 16, maxAge: 24) == 0)
    }

    @Test func bandRanges() {
        #expect(AgeBand.bands(inRange: "75+")?.map(\.label) == ["75-79", "80-84", "85-89", "90+"])
        #expect(AgeBand.bands(inRange: "65-74")?.map(\.label) == ["65-69", "70-74"])
        #expect(AgeBand.bands(inRange: "20-24")?.map(\.label) == ["20-24"])
        #expect(AgeBand.bands(inRange: "16-24") == nil)
        #expect(AgeBand.bands(inRange: "77+") == nil)
    }

    @Test func thousandsSeparators() {
        #expect(groupedThousands(0) == "0")
        #expect(groupedThousands(999) == "999")
        #expect(groupedThousands(12037) == "12,037")
        #expect(groupedThousands(-1_234_567) == "-1,234,567")
    }
}
