import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Profile messages that say what is wrong, once, and what to do (issue 12, item 4).
@Suite struct ProfileMessagesTests {
    static func edited(_ old: String, _ new: String) -> ProfileValidation { ProfileLimitsTests.edited(old, new) }

    @Test func aBudgetInScientificNotationGetsAHintAboutItsSize() throws {
        let result = Self.edited("quarterlyBudget: 900 ", "quarterlyBudget: 1e30 ")
        #expect(
            ProfileLimitsTests.only(result)
                == "121: channels.sms.quarterlyBudget is \"1e30\", a number in scientific notation. "
                + "| That is far more than the £100,000 a quarter the planner accepts: "
                + "Write the money for one quarter in pounds, e.g. 900; check for extra zeros.")
        let small = Self.edited("quarterlyBudget: 900 ", "quarterlyBudget: 9e2 ")
        #expect(small.errors.first?.hint == "Write it in pounds with digits only: 900.")
    }

    @Test(arguments: [
        ("quarterlyBudget: 900 ", "quarterlyBudget: -900 "), ("quarterlyBudget: 900 ", "quarterlyBudget: £150 "),
        ("quarterlyBudget: 900 ", "quarterlyBudget: .nan "), ("quarterlyBudget: 900 ", "quarterlybudget: 900 "),
    ])
    func aBudgetWrittenWronglyIsOneErrorWithoutANoBudgetWarning(_ old: String, _ new: String) {
        let result = Self.edited(old, new)
        #expect(result.errors.count == 1, "\(result.report)")
        #expect(result.warnings.isEmpty, "\(result.report)")
        #expect(!result.report.contains("No quarterly SMS budget is set"))
    }

    @Test func aMissingBudgetStillWarns() {
        let result = Self.edited("    quarterlyBudget: 900 ", "    # no budget ")
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.message) == ["No quarterly SMS budget is set, so the planner will send no text messages."])
    }

    @Test func listSizeZeroIsOneErrorNotOnePerRegister() {
        let result = Self.edited("listSize: 12037", "listSize: 0")
        #expect(
            ProfileLimitsTests.only(result)
                == "18: listSize is 0, but a practice list has at least one patient. "
                + "| Write the number of registered patients, or leave listSize out to use the sum of the bands.")
    }

    @Test func aProfileOfNoPatientsDoesNotValidate() throws {
        var yaml = ProfileLimitsTests.sample.replacingOccurrences(of: "listSize: 12037\n", with: "")
        let bandLine = try NSRegularExpression(pattern: #"(?m)^(    "[0-9+\-]+": )\d+"#)
        yaml = bandLine.stringByReplacingMatches(
            in: yaml, range: NSRange(yaml.startIndex..., in: yaml), withTemplate: "$10")
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
        #expect(result.profile == nil)
        #expect(result.errors.map(\.message) == ["The list has no patients: every age band is 0."])
        #expect(result.errors.first?.location.line == 18)
    }

    @Test func noStaffHoursIsAnErrorSayingNoCampaignCanBePlanned() {
        #expect(
            ProfileLimitsTests.only(Self.edited("commsHoursPerWeek: 6", "commsHoursPerWeek: 0"))
                == "135: staff.commsHoursPerWeek is 0, so no campaign can be planned: every text, letter and post "
                + "needs staff time. | Write the hours a week your team has for patient communication, e.g. 3.")
    }

    /// A clinician's hours for sign-off (issue 11): read, defaulting to an hour, and never 0.
    @Test func clinicianHoursAreReadAndZeroIsAnError() {
        #expect(Self.edited("commsHoursPerWeek: 6", "commsHoursPerWeek: 6").profile?.staff.clinicianHoursPerWeek == 1)
        let set = Self.edited("commsHoursPerWeek: 6", "commsHoursPerWeek: 6\n  clinicianHoursPerWeek: 1.5")
        #expect(set.profile?.staff.clinicianHoursPerWeek == 1.5, "\(set.report)")
        #expect(
            ProfileLimitsTests.only(
                Self.edited("commsHoursPerWeek: 6", "commsHoursPerWeek: 6\n  clinicianHoursPerWeek: 0"))
                == "136: staff.clinicianHoursPerWeek is 0, so no campaign can be planned: every campaign needs a "
                + "clinical sign-off. | Write the hours a week a clinician has for signing off campaigns, e.g. 1.")
    }

    @Test func aProfilePathThatIsAFolderSaysSo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("profile-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = ProfileLoader.load(contentsOf: dir, displayPath: "Profiles", isKnownZone: { _ in true })
        #expect(
            result.report == """
                Profiles: error: This is a folder, not a profile file.
                hint: Name the profile's .yaml file, e.g. --profile Profiles/urban-young.yaml, or plan every profile \
                in the folder with --profiles.
                """)
    }

    @Test func aCRLFProfileShowsTheRightSourceLine() throws {
        let lf = ProfileLimitsTests.sample.replacingOccurrences(of: "  asthma: 787", with: "  asthma: lots")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = ProfileLoader.validate(yaml: lf, path: "p.yaml", isKnownZone: { _ in true })
        let b = ProfileLoader.validate(yaml: crlf, path: "p.yaml", isKnownZone: { _ in true })
        let e = try #require(b.errors.first)
        #expect(e.location.line == 70)
        #expect(e.sourceLine?.hasPrefix("  asthma: lots  ") == true)
        #expect(b.report == a.report)
        // A file saved with old Mac line ends (CR only) too.
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        #expect(ProfileLoader.validate(yaml: cr, path: "p.yaml", isKnownZone: { _ in true }).report == a.report)
    }

    @Test func aCRLFTaxonomyShowsTheRightSourceLine() throws {
        let text = "groups:\r\n  - id: veterans\r\n    onlyAlone: maybe\r\n"
        let (_, problems) = TaxonomyFile.parse(text, path: "t.yaml")
        #expect(problems.first?.location.line == 3)
        #expect(problems.first?.sourceLine == "    onlyAlone: maybe")
    }
}

/// `channels.social` as a list, or as a section naming a weekend moderator (issue 11, B).
@Suite struct SocialModeratorProfileTests {
    static let asList = "channels:\n  social:\n    - {platform: facebook, followers: 2900}\n"
    static let asSection =
        "channels:\n  social:\n    weekendModerator: duty receptionist\n    accounts:\n"
        + "      - {platform: facebook, followers: 2900}\n      - {platform: nextdoor, followers: 1300}\n"

    static func profile(_ channels: String) -> ProfileValidation {
        let yaml = ProfileLimitsTests.sample.replacingOccurrences(
            of: #"(?ms)^channels:\n.*?(?=^\S)"#, with: channels + "\n", options: .regularExpression)
        return ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
    }

    @Test func aListHasNoModerator() throws {
        let p = try #require(Self.profile(Self.asList).profile, "\(Self.profile(Self.asList).diagnostics)")
        #expect(p.channels.social.map(\.followers) == [2900])
        #expect(p.channels.socialWeekendModerator == nil)
    }

    @Test func aSectionNamesTheModeratorAndItsAccounts() throws {
        let result = Self.profile(Self.asSection)
        let p = try #require(result.profile, "\(result.diagnostics)")
        #expect(p.channels.social.map(\.platform.rawValue) == ["facebook", "nextdoor"])
        #expect(p.channels.socialWeekendModerator == "duty receptionist")
        #expect(result.errors.isEmpty)
    }

    @Test func anEmptyModeratorIsAnError() {
        let result = Self.profile(Self.asSection.replacingOccurrences(of: "duty receptionist", with: "\"\""))
        #expect(result.errors.map(\.message) == ["channels.social.weekendModerator is empty."])
    }
}
