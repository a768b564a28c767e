import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Every number in a profile is range-checked, with a message naming the field and the limit
/// (issue 12, item 1). Each case edits one line of the urban sample.
@Suite struct ProfileLimitsTests {
    static let sample: String = {
        let url = TestPaths.packageRoot.appendingPathComponent("Profiles/urban-young.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The sample with `old` replaced by `new`, validated.
    static func edited(_ old: String, _ new: String) -> ProfileValidation {
        #expect(sample.contains(old), "the sample has no \"\(old)\"")
        return ProfileLoader.validate(
            yaml: sample.replacingOccurrences(of: old, with: new), path: "p.yaml", isKnownZone: { _ in true })
    }

    /// The one error of `result`, as "line: message | hint".
    static func only(_ result: ProfileValidation) -> String {
        #expect(result.profile == nil)
        #expect(result.errors.count == 1, "\(result.report)")
        guard let e = result.errors.first else { return "" }
        return "\(e.location.line ?? 0): \(e.message) | \(e.hint ?? "")"
    }

    @Test(arguments: [
        (
            "  diabetes: 505", "  diabetes: 99999999999999999999999",
            "64: registers.diabetes is 99999999999999999999999, but the planner accepts at most 250,000. "
                + "| No GP practice has more than 250,000 patients; check for an extra digit."
        ),
        (
            "    \"0-4\": 347", "    \"0-4\": 4611686018427387904",
            "21: list.male.0-4 is 4,611,686,018,427,387,904, but the planner accepts at most 100,000. "
                + "| One age band of one sex holds at most 100,000 patients; check for an extra digit."
        ),
        (
            "    \"0-4\": 347", "    \"0-4\": 34700000000",
            "21: list.male.0-4 is 34,700,000,000, but the planner accepts at most 100,000. "
                + "| One age band of one sex holds at most 100,000 patients; check for an extra digit."
        ),
        (
            "weeklyCapacity: 300,", "weeklyCapacity: 30000,",
            "98: services[6].weeklyCapacity is 30,000, but the planner accepts at most 10,000. "
                + "| A service offers at most 10,000 places a week; leave weeklyCapacity out for no limit."
        ),
        (
            "monthlyVisits: 5200", "monthlyVisits: 99999999999999999999999",
            "127: channels.website.monthlyVisits is 99999999999999999999999, but the planner accepts at most 5,000,000. "
                + "| Check the figure in your website's analytics; it is visits a month."
        ),
        (
            "followers: 1850", "followers: 18500000",
            "129: channels.social[1].followers is 18,500,000, but the planner accepts at most 1,000,000. "
                + "| Check the account's follower count; one account has at most 1,000,000."
        ),
        (
            "pricePerFragmentPence: 2.4 ", "pricePerFragmentPence: 2400 ",
            "119: channels.sms.pricePerFragmentPence is 2400, but the planner accepts at most 1,000p (£10). "
                + "| Write the price of one item in pence, e.g. 2.4 for a text fragment or 73 for a letter."
        ),
        (
            "pricePence: 73 ", "pricePence: 7300 ",
            "124: channels.letters.pricePence is 7300, but the planner accepts at most 1,000p (£10). "
                + "| Write the price of one item in pence, e.g. 2.4 for a text fragment or 73 for a letter."
        ),
        (
            "quarterlyBudget: 900 ", "quarterlyBudget: 900000 ",
            "121: channels.sms.quarterlyBudget is 900000, but the planner accepts at most £100,000 a quarter. "
                + "| Write the money for one quarter in pounds, e.g. 900; check for extra zeros."
        ),
        (
            "commsHoursPerWeek: 6", "commsHoursPerWeek: 600",
            "135: staff.commsHoursPerWeek is 600, but the planner accepts at most 100 hours a week. "
                + "| Write the staff hours a week for patient communication, e.g. 6."
        ),
        (
            "campaignsPerWeek: 2", "campaignsPerWeek: 200",
            "145: planning.campaignsPerWeek is 200, but the planner accepts at most 20. "
                + "| Write how many campaigns a week the practice can run, e.g. 2."
        ),
        (
            "minDaysBetweenContacts: 14", "minDaysBetweenContacts: 99999999999999999999999",
            "146: planning.minDaysBetweenContacts is 99999999999999999999999, but the planner accepts at most 90. "
                + "| A quarter has about 91 days; write the fewest days between two texts or letters, e.g. 14."
        ),
        (
            "smsFragments: 2", "smsFragments: 9223372036854775807",
            "148: planning.smsFragments is 9,223,372,036,854,775,807, but a text message has 1 to 6 fragments. "
                + "| Most practice texts fit in 1 or 2 fragments (160 or 306 characters)."
        ),
        (
            "  - 2027-01-20", "  - 3027-01-20",
            "139: quietDates[1] is 3027-01-20, but quiet dates must fall in the years 2000 to 2099. "
                + "| Check the year; write dates as YYYY-MM-DD, e.g. 2027-01-04."
        ),
    ])
    func aNumberOverItsLimitNamesTheFieldAndTheLimit(_ old: String, _ new: String, _ expected: String) {
        #expect(Self.only(Self.edited(old, new)) == expected)
    }

    @Test func planningLimitsCoverLeadDaysAndEffort() {
        let yaml = Self.sample.replacingOccurrences(
            of: "  olderShareForDirectContact: 0.20",
            with: "  olderShareForDirectContact: 0.20\n  letterLeadDays: 45\n  effortHours: {sms: 41}")
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
        #expect(
            result.errors.map(\.message) == [
                "planning.letterLeadDays is 45, but the planner accepts at most 30.",
                "planning.effortHours.sms is 41, but the planner accepts at most 40 hours an item.",
            ])
    }

    @Test func twoBandsOfTheLargestIntegerAreTwoErrorsNotAnOverflow() {
        let yaml = Self.sample.replacingOccurrences(of: "    \"0-4\": 347", with: "    \"0-4\": 9223372036854775807")
            .replacingOccurrences(of: "    \"5-9\": 284", with: "    \"5-9\": 9223372036854775807")
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
        #expect(result.errors.map { $0.location.line ?? 0 } == [21, 22])
        #expect(result.errors.allSatisfy { $0.message.hasSuffix("but the planner accepts at most 100,000.") })
    }

    @Test func aListOverTheLimitInTotalIsOneError() {
        // 19 male bands of 14,000 = 266,000 patients: each band is plausible, the list is not
        // (reported at "list:", line 18 once listSize is gone).
        var yaml = Self.sample.replacingOccurrences(of: "listSize: 12037\n", with: "")
        for band in AgeBand.all {
            let line = yaml.components(separatedBy: "\n").first { $0.hasPrefix("    \"\(band.label)\": ") }!
            yaml = yaml.replacingOccurrences(of: line + "\n", with: "    \"\(band.label)\": 14000\n", options: [], range: nil)
        }
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
        let totals = result.errors.filter { $0.message.hasPrefix("The list's age bands add up to") }
        #expect(totals.count == 1)
        #expect(totals.first?.location.line == 18)
    }

    @Test func hugeWholeNumbersNeverSuggestAnImpossibleRounding() {
        let result = Self.edited("  asthma: 787", "  asthma: 1e30")
        #expect(
            Self.only(result)
                == "70: registers.asthma must be a whole number, but it is \"1e30\". "
                + "| No GP practice has more than 250,000 patients; check for an extra digit. Write the number with digits only.")
    }

    @Test func docsListEveryLimit() throws {
        let doc = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/profile.md"), encoding: .utf8)
        let limits = [
            ProfileLimits.listSize, ProfileLimits.band, ProfileLimits.weeklyCapacity, ProfileLimits.monthlyVisits,
            ProfileLimits.followers, Int(ProfileLimits.pricePence), Int(ProfileLimits.quarterlyBudgetPounds),
            Int(ProfileLimits.commsHoursPerWeek), Int(ProfileLimits.effortHoursPerItem), ProfileLimits.campaignsPerWeek,
            ProfileLimits.minDaysBetweenContacts, ProfileLimits.letterLeadDays,
        ]
        let section = try #require(doc.components(separatedBy: "## Limits").last)
        for n in limits { #expect(section.contains("| \(groupedThousands(n))"), "\(n) is not in the Limits table") }
    }
}
