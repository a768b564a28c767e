import Foundation
import PlannerCore
import PlannerIO
import Testing

/// The profile's `team`, `digest` and `templates` fields (issue 15).
@Suite struct DigestProfileTests {
    static let base = """
        name: Fixture Practice
        odsCode: Y01234
        list:
          male: {0-4: 5, 5-9: 5, 10-14: 5, 15-19: 5, 20-24: 5, 25-29: 5, 30-34: 5, 35-39: 5, 40-44: 5, 45-49: 5, 50-54: 5, 55-59: 5, 60-64: 5, 65-69: 5, 70-74: 5, 75-79: 5, 80-84: 5, 85-89: 5, 90+: 5}
          female: {0-4: 5, 5-9: 5, 10-14: 5, 15-19: 5, 20-24: 5, 25-29: 5, 30-34: 5, 35-39: 5, 40-44: 5, 45-49: 5, 50-54: 5, 55-59: 5, 60-64: 5, 65-69: 5, 70-74: 5, 75-79: 5, 80-84: 5, 85-89: 5, 90+: 5}
        channels:
          sms: {quarterlyBudget: 20}

        """

    static func validate(_ extra: String) -> ProfileValidation {
        ProfileLoader.validate(yaml: base + extra, path: "p.yaml", isKnownZone: fixtureZones)
    }

    @Test func teamDigestAndTemplatesAreRead() throws {
        let r = Self.validate(
            """
            team:
              clinicalSignOff: Dr Zoë Ní Bhriain
              commsLead: Priya Shah
            digest:
              from: "Planner <planner@practice.example.org>"
              to: ["\\"Shah, Priya\\" <priya@practice.example.org>", jo@practice.example.org]
              replyTo: priya@practice.example.org
            templates: my-templates
            """)
        #expect(r.report == "")
        let p = try #require(r.profile)
        #expect(p.team == [TeamMember(role: .commsLead, name: "Priya Shah"), TeamMember(role: .clinicalSignOff, name: "Dr Zoë Ní Bhriain")])
        #expect(p.person(for: .patientSearches) == "Priya Shah")
        let d = try #require(p.digest)
        #expect(d.from == MailAddress(name: "Planner", address: "planner@practice.example.org"))
        #expect(d.to == [MailAddress(name: "Shah, Priya", address: "priya@practice.example.org"), MailAddress(name: nil, address: "jo@practice.example.org")])
        #expect(d.replyTo == MailAddress(name: nil, address: "priya@practice.example.org"))
        #expect(p.templates == "my-templates")
    }

    @Test func aBadAddressIsReportedAtItsLineAndColumn() {
        let r = Self.validate(
            """
            digest:
              from: planner@practice.example.org
              to: Priya Shah
            """)
        #expect(r.profile == nil)
        #expect(
            r.report == """
                p.yaml:10:7: error: digest.to is "Priya Shah", which is not an email address.
                  to: Priya Shah
                      ^
                hint: Write Name <name@example.org> or just name@example.org, in quotes.
                """)
    }

    @Test func aDigestWithoutRecipientsOrAnUnknownRoleIsReported() {
        let r = Self.validate(
            """
            team:
              comsLead: Priya Shah
            digest:
              from: planner@practice.example.org
            """)
        #expect(r.profile == nil)
        #expect(r.errors.map(\.message) == ["Unknown key \"comsLead\" in team.", "The digest section has no \"to\" address."])
        #expect(r.errors.first?.hint == "Did you mean \"commsLead\"?")
    }

    @Test func addressesAreParsedStrictly() {
        #expect(MailAddress(parsing: "a.b+tag@example.org")?.address == "a.b+tag@example.org")
        #expect(MailAddress(parsing: "Zoë <zoe@example.org>")?.name == "Zoë")
        for bad in ["zoe@", "@example.org", "zoe@example", "zo e@example.org", "zoë@example.org", "a..b@example.org", "Z <zoe@example.org", "\"Z\"\" <z@example.org>"] {
            #expect(MailAddress(parsing: bad) == nil, "\(bad)")
        }
    }
}
