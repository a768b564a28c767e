import Foundation
import PlannerCore
import PlannerIO
import Testing

/// The zone checker injected into validation, so results never depend on the machine's zone data.
let fixtureZones: @Sendable (String) -> Bool = { ["Europe/London", "Europe/Belfast", "UTC"].contains($0) }

/// Validates a fixture under Fixtures/profiles, reporting it as "<sub>/<name>".
func validateFixture(_ sub: String, _ name: String) throws -> ProfileValidation {
    let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let url = folder.appendingPathComponent("profiles").appendingPathComponent(sub).appendingPathComponent(name)
    return ProfileLoader.load(contentsOf: url, displayPath: "\(sub)/\(name)", isKnownZone: fixtureZones)
}

@Suite struct ProfileValidationTests {
    /// Each invalid fixture with the exact report `planner validate` prints for it.
    static let invalidCases: [(String, String)] = [
        (
            "bad-time-zone.yaml",
            """
            invalid/bad-time-zone.yaml:2:11: error: "Europe/Londn" is not a time zone name this system knows.
            timeZone: Europe/Londn
                      ^
            hint: Did you mean "Europe/London"?
            """
        ),
        (
            "bands-do-not-add-up.yaml",
            """
            invalid/bands-do-not-add-up.yaml:2:11: error: listSize is 200, but the age bands add up to 190 (95 male, 95 female).
            listSize: 200
                      ^
            hint: Correct listSize or the band counts; both should come from the same NHS Digital list-size extract.
            """
        ),
        (
            "duplicate-key.yaml",
            """
            invalid/duplicate-key.yaml:7:3: error: The key "asthma" appears more than once in the same section.
              asthma: 12
              ^
            hint: Keep one of them and delete the other.
            """
        ),
        (
            "invalid-date.yaml",
            """
            invalid/invalid-date.yaml:7:5: error: quietDates[1] is "2027-02-30", which is not a real date.
              - 2027-02-30
                ^
            hint: Check the day and month; dates are written YYYY-MM-DD.
            """
        ),
        (
            "many-problems.yaml",
            """
            invalid/many-problems.yaml:3:10: error: "12345" is not a GP practice ODS code.
            odsCode: 12345
                     ^
            hint: A practice code is one letter followed by five letters or digits, e.g. "Y01234".

            invalid/many-problems.yaml:4:9: error: "Englnd" is not a UK nation the planner knows.
            nation: Englnd
                    ^
            hint: Did you mean "england"?

            invalid/many-problems.yaml:11:3: error: "smokers" is a coded cohort, not a QOF register.
              smokers: 20
              ^
            hint: Move it under cohorts as smokers.

            invalid/many-problems.yaml:13:3: error: Unknown key "carer" in cohorts.
              carer: 4
              ^
            hint: Did you mean "carers"?

            invalid/many-problems.yaml:15:5: error: "diabetes" is not a service id the planner knows.
              - diabetes
                ^
            hint: "diabetes" is a patient group; services are things the practice offers, such as "diabetes-review". Service ids are listed in docs/profile.md.

            invalid/many-problems.yaml:16:1: warning: No quarterly letter budget is set, so the planner will send no letters.
            channels:
            ^
            hint: Add channels.letters.quarterlyBudget in pounds, e.g. quarterlyBudget: 200.

            invalid/many-problems.yaml:16:1: warning: The profile has no SMS channel, so the planner will send no text messages.
            channels:
            ^
            hint: Add channels.sms with a quarterlyBudget in pounds to use text messages.

            invalid/many-problems.yaml:19:18: error: "twitter" is not a social media platform the planner knows.
                - {platform: twitter, followers: 300}
                             ^
            hint: Twitter is now X: write "x".

            invalid/many-problems.yaml:21:5: error: quietDates[1] is "30/01/2027", which is not a date in the form YYYY-MM-DD.
              - 30/01/2027
                ^
            hint: Write dates as YYYY-MM-DD: 2027-01-30.

            invalid/many-problems.yaml:22:28: error: quietDates[2] ends on 2027-03-01, before it starts on 2027-03-10.
              - {from: 2027-03-10, to: 2027-03-01}
                                       ^
            hint: Swap the dates; "to" is the last quiet day.

            invalid/many-problems.yaml:24:39: error: planning.workingHours ends at 09:00, which is not after its start (17:00).
              workingHours: {start: "17:00", end: "09:00"}
                                                  ^
            hint: Write end later than start, e.g. start: "09:00" and end: "17:00".

            invalid/many-problems.yaml:25:17: error: planning.smsFragments is 9, but a text message has 1 to 6 fragments.
              smsFragments: 9
                            ^
            hint: Most practice texts fit in 1 or 2 fragments (160 or 306 characters).
            """
        ),
        (
            "missing-list.yaml",
            """
            invalid/missing-list.yaml: error: The profile has no "list" (patients by sex and age band).
            hint: Add a list section with male and female counts for each age band; see docs/profile.md.
            """
        ),
        (
            "missing-name.yaml",
            """
            invalid/missing-name.yaml: error: The profile has no "name".
            hint: Add the practice's name as the first line, e.g. name: Example Medical Practice
            """
        ),
        (
            "negative-count.yaml",
            """
            invalid/negative-count.yaml:7:11: error: registers.asthma is -12, but a count cannot be negative.
              asthma: -12
                      ^
            hint: Write 0 for none.
            """
        ),
        (
            "not-yaml.yaml",
            """
            invalid/not-yaml.yaml:3:7: error: The file is not valid YAML: mapping values are not allowed in this context.
              list: 3
                  ^
            hint: Check the indentation (spaces, not tabs) and that each "key: value" pair is on its own line.
            """
        ),
        (
            "register-larger-than-list.yaml",
            """
            invalid/register-larger-than-list.yaml:7:17: error: The "hypertension" register has 250 patients, more than the whole list (190).
              hypertension: 250
                            ^
            hint: Check the count; a register cannot be larger than the practice's list.
            """
        ),
        (
            "sender-name-too-long.yaml",
            """
            invalid/sender-name-too-long.yaml:7:21: error: channels.sms.senderName "Fixture Practice" is 16 characters long, but a sender name can have at most 11.
              sms: {senderName: Fixture Practice, quarterlyBudget: 20}
                                ^
            hint: Shorten it, e.g. "FixturePrac".
            """
        ),
        (
            "share-out-of-range.yaml",
            """
            invalid/share-out-of-range.yaml:7:46: error: channels.sms.mobileCoverage is 85, but a share must be between 0 and 1.
              sms: {quarterlyBudget: 20, mobileCoverage: 85}
                                                         ^
            hint: Write a share as a decimal: 0.85 means 85%.
            """
        ),
        (
            "unknown-key.yaml",
            """
            invalid/unknown-key.yaml:2:1: error: Unknown key "odscode" at the top level of the profile.
            odscode: Y01234
            ^
            hint: Did you mean "odsCode"?
            """
        ),
        (
            "unknown-register.yaml",
            """
            invalid/unknown-register.yaml:7:3: error: "diabetis" is not a register id the planner knows.
              diabetis: 12
              ^
            hint: Did you mean "diabetes"?
            """
        ),
        (
            "unknown-service.yaml",
            """
            invalid/unknown-service.yaml:7:5: error: "flu-vacination" is not a service id the planner knows.
              - flu-vacination
                ^
            hint: Did you mean "flu-vaccination"?
            """
        ),
        (
            "wrong-type.yaml",
            """
            invalid/wrong-type.yaml:2:11: error: listSize must be a whole number, but it is "twelve thousand".
            listSize: twelve thousand
                      ^
            hint: Write the number with digits only, e.g. 120.
            """
        ),
    ]

    @Test(arguments: invalidCases.map(\.0))
    func invalidFixtureGivesExactMessages(_ name: String) throws {
        let expected = try #require(Self.invalidCases.first { $0.0 == name }?.1)
        let result = try validateFixture("invalid", name)
        #expect(result.profile == nil)
        #expect(result.hasErrors)
        #expect(result.report == expected)
    }

    @Test func everyInvalidFixtureHasATest() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("profiles/invalid").path
        ).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names == Self.invalidCases.map(\.0).sorted())
    }

    @Test func manyProblemsAreAllReportedInLineOrder() throws {
        let result = try validateFixture("invalid", "many-problems.yaml")
        #expect(result.errors.count == 10)
        #expect(result.warnings.count == 2)
        let lines = result.diagnostics.compactMap(\.location.line)
        #expect(lines == lines.sorted())
        #expect(lines.count == result.diagnostics.count)
    }

    @Test func minimalProfileIsValid() throws {
        let result = try validateFixture("valid", "minimal.yaml")
        #expect(result.diagnostics.isEmpty)
        let profile = try #require(result.profile)
        #expect(profile.name == "Fixture Practice")
        #expect(profile.odsCode == "Y01234")
        #expect(profile.listSize == 190)
        #expect(profile.nation == .england)
        #expect(profile.timeZone == "Europe/London")
        #expect(profile.channels.sms?.quarterlyBudget == 20)
        // Defaults apply to everything the file leaves out.
        #expect(profile.channels.sms?.pricePerFragmentPence == ProfileDefaults.smsPricePerFragmentPence)
        #expect(profile.planning.campaignsPerWeek == 2)
        #expect(profile.planning.minDaysBetweenContacts == 14)
        #expect(profile.planning.smsFragments == 2)
        #expect(profile.planning.olderShareForDirectContact == 0.20)
        #expect(profile.planning.workingHours.start.description == "09:00")
        #expect(profile.planning.workingHours.end.description == "17:00")
    }

    @Test func missingBudgetIsAWarningNotAnError() throws {
        let result = try validateFixture("valid", "warning-no-sms-budget.yaml")
        #expect(result.profile != nil)
        #expect(
            result.report == """
                valid/warning-no-sms-budget.yaml:7:1: warning: No quarterly SMS budget is set, so the planner will send no text messages.
                channels:
                ^
                hint: Add channels.sms.quarterlyBudget in pounds, e.g. quarterlyBudget: 300.
                """)
    }

    @Test func registerLargerThanItsAgesIsAWarning() throws {
        let result = try validateFixture("valid", "warning-register-larger-than-its-ages.yaml")
        let profile = try #require(result.profile)
        #expect(profile.recordedCount(ofGroup: "osteoporosis")?.count == 120)
        #expect(profile.recordedCount(ofGroup: "pregnant-and-new-parents")?.share75Plus == 0)
        #expect(
            result.report == """
                valid/warning-register-larger-than-its-ages.yaml:8:17: warning: The "osteoporosis" register has 120 \
                patients, more than the 90 patients aged 50 and over on the list.
                  osteoporosis: 120
                                ^
                hint: Check the count; the planner spreads this register over patients aged 50 and over (see docs/profile.md).
                """)
    }

    @Test func injectedZoneCheckerDecides() {
        let yaml = "name: Z\ntimeZone: Mars/Olympus\nlist: {male: {}, female: {}}\n"
        let rejected = ProfileLoader.validate(yaml: yaml, path: "z.yaml", isKnownZone: { _ in false })
        #expect(rejected.errors.contains { $0.message.contains("\"Mars/Olympus\" is not a time zone") })
        let accepted = ProfileLoader.validate(yaml: yaml, path: "z.yaml", isKnownZone: { $0 == "Mars/Olympus" })
        #expect(!accepted.errors.contains { $0.message.contains("time zone") })
    }
}

@Suite struct ProfilePlanningSectionTests {
    static let list = """
        list:
          male: {0-4: 5, 5-9: 5, 10-14: 5, 15-19: 5, 20-24: 5, 25-29: 5, 30-34: 5, 35-39: 5, 40-44: 5, 45-49: 5, \
        50-54: 5, 55-59: 5, 60-64: 5, 65-69: 5, 70-74: 5, 75-79: 5, 80-84: 5, 85-89: 5, 90+: 5}
          female: {0-4: 5, 5-9: 5, 10-14: 5, 15-19: 5, 20-24: 5, 25-29: 5, 30-34: 5, 35-39: 5, 40-44: 5, 45-49: 5, \
        50-54: 5, 55-59: 5, 60-64: 5, 65-69: 5, 70-74: 5, 75-79: 5, 80-84: 5, 85-89: 5, 90+: 5}
        channels:
          sms: {quarterlyBudget: 20}

        """

    @Test func planningOverridesAreRead() throws {
        let yaml =
            "name: P\n" + Self.list + """
                planning:
                  campaignsPerWeek: 3
                  workingHours: {start: "08:30", end: "18:00"}
                  effortHours: {letter: 2.5, social: 0.25}
                  reach:
                    letter: {"75+": 0.9, "65-74": 0.8}
                    social: {"20-24": 0.5}
                quietDates:
                  - 2027-02-01
                  - {from: 2027-01-10, to: 2027-01-12, reason: training}
                """
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: fixtureZones)
        #expect(result.report == "")
        let p = try #require(result.profile)
        #expect(p.listSize == 190)  // no listSize: the sum of the bands
        #expect(p.planning.campaignsPerWeek == 3)
        #expect(p.planning.workingHours.start == ClockTime(hour: 8, minute: 30))
        #expect(p.planning.effortHours == [.letter: 2.5, .social: 0.25])
        #expect(p.planning.reachOverride(.letter, AgeBand(label: "90+")!) == 0.9)
        #expect(p.planning.reachOverride(.letter, AgeBand(label: "65-69")!) == 0.8)
        #expect(p.planning.reachOverride(.letter, AgeBand(label: "60-64")!) == nil)
        #expect(p.planning.reachOverride(.social, AgeBand(label: "20-24")!) == 0.5)
        #expect(p.planning.reachOverride(.sms, AgeBand(label: "20-24")!) == nil)
        // Quiet periods come back sorted, both ends included.
        #expect(p.quietDates.map(\.from.iso) == ["2027-01-10", "2027-02-01"])
        #expect(p.isQuiet(CivilDate(year: 2027, month: 1, day: 12)))
        #expect(!p.isQuiet(CivilDate(year: 2027, month: 1, day: 13)))
    }

    @Test func overlappingReachRangesAreRejected() {
        let yaml =
            "name: P\n" + Self.list + """
                planning:
                  reach:
                    sms: {"65+": 0.7, "75-79": 0.6, "16-24": 0.9}
                """
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: fixtureZones)
        #expect(result.profile == nil)
        #expect(
            result.report == """
                p.yaml:9:23: error: "75-79" overlaps another range in planning.reach.sms (both cover 75-79).
                    sms: {"65+": 0.7, "75-79": 0.6, "16-24": 0.9}
                                      ^
                hint: Give each age band one value.

                p.yaml:9:37: error: "16-24" is not an age band or a range of whole bands.
                    sms: {"65+": 0.7, "75-79": 0.6, "16-24": 0.9}
                                                    ^
                hint: Write a band ("75-79"), a range of bands ("65-74") or an open range ("75+").
                """)
    }
}
