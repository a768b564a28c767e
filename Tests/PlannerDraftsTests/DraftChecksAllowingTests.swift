import PlannerCore
import PlannerDrafts
import Testing

/// A draft's own checks (made with nothing allowed), narrowed with `allowing`, are the checks
/// `Drafter.check` makes with those findings allowed: the planner reuses them instead of checking
/// each draft a second time.
@Suite struct DraftChecksAllowingTests {
    static let texts = [
        "Wharfside Health Centre: Book your check https://www.nhs.uk/nhs-health-check",
        "Dear Mrs Smith, your NHS number 943 476 5919 and date of birth 12/03/1961 are on file. Call 07700 900123.",
        "Text 07700 900123 or email jo.bloggs@example.com. Post to M1 1AE now. Wharfside Health Centre",
        "Cardiovascular disease and hypertension are chronic conditions for which prophylaxis is indicated subsequently in eligible patients of all ages everywhere in the country today.",
        "Mr John Smith, born on 1 April 1950, SW1A 1AA, 943 476 5919, 020 7946 0124, a@b.co\n\nCall us on 020 7946 0321.",
        "", "Plain words.",
    ]

    static let input = DraftInput(
        practiceName: "Wharfside Health Centre", senderName: "Wharfside", practicePhone: "020 7946 0321",
        campaignTitle: "Know Your Numbers Week", serviceId: "blood-pressure-check", commentsOpen: true,
        platforms: [.x, .facebook], gateway: .notify)

    @Test(arguments: DraftChannel.allCases) func allowingIsCheckingWithTheFindingsAllowed(_ channel: DraftChannel) {
        let kinds = FindingKind.allCases
        for text in Self.texts {
            let plain = Drafter.check(text, channel: channel, input: Self.input)
            // Every subset of the finding kinds.
            for mask in 0..<(1 << kinds.count) {
                let allowed = Set(kinds.indices.filter { mask & (1 << $0) != 0 }.map { kinds[$0] })
                #expect(plain.allowing(allowed) == Drafter.check(text, channel: channel, input: Self.input, allowed: allowed))
            }
        }
        // The texts do raise findings of several kinds (so the narrowing is exercised).
        let found = Set(Self.texts.flatMap { Drafter.check($0, channel: channel, input: Self.input).findings.map(\.kind) })
        #expect(found.count >= 4)
    }
}
