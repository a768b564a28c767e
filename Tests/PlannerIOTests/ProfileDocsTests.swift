import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// docs/profile.md is the practice manager's reference: every id and choice the validator accepts must appear in it.
@Suite struct ProfileDocsTests {
    @Test func docsNameEveryAcceptedValue() throws {
        let url = TestPaths.packageRoot.appendingPathComponent("docs/profile.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        let values =
            CanonicalIds.registerGroups + CanonicalIds.services + CanonicalIds.cohortGroups
            + BookingRoute.allCases.map(\.rawValue) + SocialPlatform.allCases.map(\.rawValue)
            + Nation.allCases.map(\.rawValue)
            + [
                "name", "odsCode", "nation", "timeZone", "listSize", "registers", "cohorts", "services",
                "quietDates", "decisionsFile", "phone", "templates", "smsGateway", "carers", "smokers", "careHomeResidents", "veterans",
                "pregnantAndNewParents", "share75Plus", "weeklyCapacity", "bookingRoute",
                "channels.sms.pricePerFragmentPence", "channels.sms.senderName", "channels.sms.quarterlyBudget",
                "channels.sms.mobileCoverage", "channels.letters.pricePence", "channels.letters.quarterlyBudget",
                "channels.website.monthlyVisits", "channels.social", "staff.commsHoursPerWeek", "staff.clinicianHoursPerWeek",
                "planning.campaignsPerWeek", "planning.minDaysBetweenContacts", "planning.workingHours",
                "planning.smsFragments", "planning.olderShareForDirectContact", "planning.letterLeadDays",
                "planning.effortHours", "planning.reach",
            ]
        for v in values {
            #expect(doc.contains("`\(v)`") || doc.contains("| \(v) |"), "\(v) is not in docs/profile.md")
        }
    }
}
