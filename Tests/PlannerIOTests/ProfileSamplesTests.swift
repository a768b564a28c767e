import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

@Suite struct ProfileSamplesTests {
    static let samples = ["urban-young.yaml", "coastal-older.yaml"]

    func load(_ name: String) -> ProfileValidation {
        let url = TestPaths.packageRoot.appendingPathComponent("Profiles").appendingPathComponent(name)
        return ProfileLoader.load(contentsOf: url, displayPath: "Profiles/\(name)", isKnownZone: fixtureZones)
    }

    @Test(arguments: samples)
    func sampleValidatesWithoutErrorsOrWarnings(_ name: String) throws {
        let result = load(name)
        #expect(result.report == "")
        let profile = try #require(result.profile)
        #expect(profile.listSize == profile.list.total)
        #expect(profile.registers.count == CanonicalIds.registerGroups.count)
        #expect(profile.cohorts.count == CanonicalIds.cohortGroups.count)
        // Every register is plausible against its group: fewer than the list.
        for r in profile.registers { #expect(r.count < profile.listSize) }
        // The model survives a JSON round trip unchanged.
        let data = try JSONEncoder().encode(profile)
        #expect(try JSONDecoder().decode(PracticeProfile.self, from: data) == profile)
    }

    @Test func samplesHaveTheirAdvertisedShapes() throws {
        let urban = try #require(load("urban-young.yaml").profile)
        let coastal = try #require(load("coastal-older.yaml").profile)
        let share = { (p: PracticeProfile, id: String) in size(ofGroup: id, in: p, taxonomy: .bundled)!.count / Double(p.listSize) }
        #expect((11_500...12_500).contains(urban.listSize))
        #expect((8_500...9_500).contains(coastal.listSize))
        #expect(share(urban, "adults-65-plus") < 0.10)
        #expect(share(coastal, "adults-65-plus") > 0.30)
        // Ages 20-39 are four bands; in the city they are about half the list.
        let young = AgeBand.all.filter { (20...39).contains($0.lowerAge) }.reduce(0) { $0 + urban.list.count($1) }
        #expect(Double(young) / Double(urban.listSize) > 0.4)
        #expect(coastal.planning.reachOverride(.social, AgeBand(label: "90+")!) == 0.10)
        #expect(coastal.planning.reachOverride(.social, AgeBand(label: "70-74")!) == nil)
        #expect(size(ofGroup: "dementia", in: coastal, taxonomy: .bundled)!.share75Plus > 0.81)
    }
}

@Suite struct ProfilePathsTests {
    @Test func decisionsFileSitsBesideTheProfile() {
        let folder = URL(fileURLWithPath: "/practices/north")
        var profile = PracticeProfile(
            name: "Oak", list: PatientList(male: Array(repeating: 0, count: 19), female: Array(repeating: 0, count: 19))
        )
        let url = folder.appendingPathComponent("oak.yaml")
        #expect(
            ProfileLoader.decisionsFileURL(for: profile, profileURL: url).path == "/practices/north/oak.decisions.yaml")
        profile.decisionsFile = "shared/oak-decisions.yaml"
        #expect(
            ProfileLoader.decisionsFileURL(for: profile, profileURL: url).path
                == "/practices/north/shared/oak-decisions.yaml")
        profile.decisionsFile = "/elsewhere/d.yaml"
        #expect(ProfileLoader.decisionsFileURL(for: profile, profileURL: url).path == "/elsewhere/d.yaml")
    }
}
