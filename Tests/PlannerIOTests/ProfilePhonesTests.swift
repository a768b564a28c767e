import PlannerCore
import PlannerIO
import Testing

/// `planner check --profile` reads only the profile's top-level phone field (fictional Ofcom
/// drama-range numbers).
@Suite struct ProfilePhonesTests {
    @Test func oneNumberAListQuotesAndAComment() {
        #expect(ProfilePhones.phones(inProfileText: "name: X\nphone: 01632 960418   # reception\n") == ["01632 960418"])
        #expect(
            ProfilePhones.phones(inProfileText: "phone: [\"01632 960418\", '020 7946 0321']\n")
                == ["01632 960418", "020 7946 0321"])
        // Only the top-level field: an indented phone (a team member's) is not the practice's.
        #expect(ProfilePhones.phones(inProfileText: "team:\n  - phone: 01632 960999\n") == nil)
    }

    @Test func aMissingFileIsAnErrorAndAMissingFieldANote() {
        let missing = ProfilePhones.read("/nonexistent/profile.yaml")
        #expect(missing.failed && missing.phones.isEmpty)
        #expect(missing.diagnostics.map(\.message) == ["The profile could not be read."])
    }
}
