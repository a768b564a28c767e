import PlannerCore
import Testing

/// A tiny list, easy to compute by hand: 10 men and 20 women in each of the 19 bands (570 patients).
func tinyProfile(registers: [GroupCount] = [], cohorts: [GroupCount] = []) -> PracticeProfile {
    PracticeProfile(
        name: "Tiny", list: PatientList(male: Array(repeating: 10, count: 19), female: Array(repeating: 20, count: 19)),
        registers: registers, cohorts: cohorts)
}

/// `size(ofGroup:in:)` under a name a local `size` variable cannot shadow.
func sized(_ id: String, _ profile: PracticeProfile) -> GroupSize? { size(ofGroup: id, in: profile) }

private func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

@Suite struct GroupSizingTests {
    @Test(arguments: [
        ("all-patients", 570.0), ("under-5s", 30), ("children-5-15", 66), ("young-people-16-24", 54),
        ("adults-40-74", 210), ("adults-50-74", 150), ("adults-65-plus", 180), ("adults-75-plus", 120),
        ("men", 190), ("women", 380), ("men-50-plus", 90), ("women-25-64", 160), ("women-50-71", 88),
    ])
    func ageSexGroupsOnTheTinyList(_ id: String, _ expected: Double) throws {
        let size = try #require(sized(id, tinyProfile()))
        #expect(near(size.count, expected), "\(id): \(size.count)")
        #expect(near(size.byBand.reduce(0, +), size.count))
    }

    @Test func cutPointsInsideABandAreApportionedBySingleYear() throws {
        // 16-24 takes 4/5 of 15-19 (ages 16-19); 5-15 takes the other 1/5 (age 15).
        let young = try #require(sized("young-people-16-24", tinyProfile()))
        #expect(near(young.count(in: AgeBand(label: "15-19")!), 24))
        #expect(near(young.count(in: AgeBand(label: "20-24")!), 30))
        #expect(near(young.count(in: AgeBand(label: "25-29")!), 0))
        let children = try #require(sized("children-5-15", tinyProfile()))
        #expect(near(children.count(in: AgeBand(label: "15-19")!), 6))
        // 50-71 takes 2/5 of the women in 70-74 (ages 70 and 71) and no men.
        let breast = try #require(sized("women-50-71", tinyProfile()))
        #expect(near(breast.count(in: AgeBand(label: "70-74")!), 8))
        #expect(near(breast.count(in: AgeBand(label: "75-79")!), 0))
    }

    @Test func registerWithAStatedShareAged75Plus() throws {
        let profile = tinyProfile(registers: [GroupCount(id: "diabetes", count: 100, share75Plus: 0.4)])
        let size = try #require(sized("diabetes", profile))
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

    @Test func registerWithoutAShareUsesTheRelativeRateDefault() throws {
        let profile = tinyProfile(registers: [GroupCount(id: "diabetes", count: 100)])
        let size = try #require(sized("diabetes", profile))
        // 120 aged 75+ weighted x3 against 348 eligible under 75.
        #expect(near(size.share75Plus, 360.0 / 708.0))
        #expect(near(ProfileDefaults.share75Plus(of: profile.registers[0], in: profile.list), 360.0 / 708.0))
    }

    @Test func defaultShareFollowsTheListsAgeShape() {
        let young = PatientList(
            male: [300] + Array(repeating: 300, count: 14) + [5, 5, 5, 5],
            female: Array(repeating: 300, count: 15) + [5, 5, 5, 5])
        let old = PatientList(
            male: Array(repeating: 50, count: 15) + [300, 300, 300, 300],
            female: Array(repeating: 50, count: 15) + [300, 300, 300, 300])
        let count = GroupCount(id: "atrial-fibrillation", count: 50)
        #expect(ProfileDefaults.share75Plus(of: count, in: young) < 0.2)
        #expect(ProfileDefaults.share75Plus(of: count, in: old) > 0.8)
    }

    @Test func cohortLimitedToYoungerAgesHasNobodyAged75Plus() throws {
        let profile = tinyProfile(cohorts: [GroupCount(id: "pregnant-and-new-parents", count: 51)])
        let size = try #require(sized("pregnant-and-new-parents", profile))
        #expect(size.share75Plus == 0)
        // Ages 16-49: 4/5 of 15-19 (24) plus six full bands (180) = 204 eligible.
        #expect(near(size.count(in: AgeBand(label: "15-19")!), 51 * 24 / 204))
        #expect(size.count(in: AgeBand(label: "50-54")!) == 0)
        #expect(near(size.byBand.reduce(0, +), 51))
    }

    @Test func unknownOrUnrecordedGroupsHaveNoSize() {
        #expect(size(ofGroup: "martians", in: tinyProfile()) == nil)
        #expect(size(ofGroup: "asthma", in: tinyProfile()) == nil)
    }

    @Test func everyCanonicalGroupCanBeSizedWhenRecorded() {
        let profile = tinyProfile(
            registers: CanonicalIds.registerGroups.map { GroupCount(id: $0, count: 10) },
            cohorts: CanonicalIds.cohortGroups.map { GroupCount(id: $0, count: 10) })
        for id in CanonicalIds.groups {
            let s = size(ofGroup: id, in: profile)
            #expect(s != nil, "\(id)")
            if let s { #expect(near(s.byBand.reduce(0, +), s.count), "\(id)") }
        }
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
