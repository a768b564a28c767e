import Foundation
import PlannerCore
import PlannerDrafts
import Testing

@Suite struct DraftsTests {
    /// A fictional practice: the phone number is in Ofcom's drama range for London.
    static func input(_ service: String?, title: String = "Cervical Screening Awareness Week", commentsOpen: Bool = true)
        -> DraftInput
    {
        DraftInput(
            practiceName: "Wharfside Health Centre", senderName: "Wharfside", practicePhone: "020 7946 0321",
            campaignTitle: title, serviceId: service, dayURL: "https://www.jostrust.org.uk/", hashtag: nil,
            audience: "people aged 25 to 64", commentsOpen: commentsOpen, platforms: [.facebook, .instagram, .x],
            gateway: .notify)
    }

    /// The service ids of the taxonomy (shared spec, taxonomy.md).
    static let serviceIds = [
        "nhs-health-check", "blood-pressure-check", "cervical-screening", "breast-screening", "bowel-screening",
        "aaa-screening", "flu-vaccination", "covid-vaccination", "shingles-vaccination", "rsv-vaccination",
        "pneumococcal-vaccination", "childhood-immunisations", "smoking-cessation", "alcohol-support",
        "weight-management", "diabetes-prevention", "diabetes-review", "asthma-review", "copd-review",
        "talking-therapies", "smi-health-check", "learning-disability-health-check", "memory-assessment",
        "carers-support", "social-prescribing", "contraception-sexual-health", "menopause-support",
        "medication-review", "pharmacy-first", "nhs-app", "falls-prevention", "sight-hearing-checks",
    ]

    @Test func everyServiceHasAnEntryWithATrustedLink() {
        #expect(ServiceLinks.all.map(\.id).sorted() == Self.serviceIds.sorted())
        for w in ServiceLinks.all {
            #expect(ServiceLinks.isTrustedLink(w.link), "\(w.id): \(w.link)")
        }
    }

    @Test(arguments: serviceIds + [nil])
    func everyDraftPassesItsOwnChecks(service: String?) throws {
        let templates = try DraftTemplates()
        for gateway in SMSGateway.allCases {
            for open in [true, false] {
                var input = Self.input(service, commentsOpen: open)
                input.gateway = gateway
                for draft in Drafter.drafts(input, templates: templates) {
                    let c = draft.checks
                    #expect(c.passes, "\(service ?? "none") \(draft.channel): \(c.problems)\n\(draft.text)")
                    #expect(c.readability.readingAge <= 11, "\(service ?? "none") \(draft.channel)")
                    #expect(c.findings.isEmpty)
                    switch draft.channel {
                    case .sms:
                        let sms = try #require(c.sms)
                        #expect(sms.fragments <= 2)
                        #expect(draft.text.hasPrefix("Wharfside Health Centre: "))
                        #expect(!draft.text.contains("https://"))
                    case .letter:
                        #expect(draft.text.contains("Wharfside Health Centre"))
                        #expect(draft.text.contains("020 7946 0321"))
                        #expect(draft.text.contains("Dear patient,"))
                    case .social:
                        let social = try #require(c.social)
                        #expect(social.hashtags == ["#CervicalScreeningAwarenessWeek"])
                        #expect(social.codeOfConductPresent == open)
                    case .website, .poster:
                        break
                    }
                }
            }
        }
    }

    @Test func smsDraftReadsAsExpected() throws {
        let d = Drafter.draft(.sms, Self.input("flu-vaccination", title: "Flu season"), templates: try DraftTemplates())
        #expect(
            d.text
                == "Wharfside Health Centre: Flu season. Book your flu jab. Use the NHS App or call us. www.nhs.uk/vaccinations/flu-vaccine"
        )
        #expect(d.checks.sms?.fragments == 1)
        #expect(d.checks.sms?.encoding == .gsm7)
    }

    /// An eye day's texts do not ask about hearing tests, nor a hearing day's about eye tests;
    /// a day about both (or neither) keeps the service's combined wording.
    @Test(arguments: [
        ("World Glaucoma Week", "eye test", "hearing"), ("World Sight Day", "eye test", "hearing"),
        ("National Eye Health Week", "eye test", "hearing"), ("Tinnitus Week", "hearing test", "eye"),
        ("Deaf Awareness Week", "hearing test", "eye"), ("World Hearing Day", "hearing test", "eye"),
    ])
    func sightOrHearingDaysSpeakOfTheirOwnCheck(title: String, says: String, never: String) throws {
        let templates = try DraftTemplates()
        for draft in Drafter.drafts(Self.input("sight-hearing-checks", title: title), templates: templates) {
            let text = draft.text.lowercased()
            #expect(text.contains(says), "\(title) \(draft.channel): \(draft.text)")
            #expect(!text.replacingOccurrences(of: title.lowercased(), with: "").contains(never), "\(title) \(draft.channel): \(draft.text)")
            #expect(draft.checks.passes, "\(title) \(draft.channel): \(draft.checks.problems)")
        }
        let both = try #require(ServiceLinks.wording(for: "sight-hearing-checks", dayTitle: "Eye and Ear Week"))
        #expect(both == ServiceLinks.wording(for: "sight-hearing-checks"))
    }

    @Test func theDaysOwnLinkOnlyWhenTrusted() throws {
        let t = try DraftTemplates()
        var input = Self.input(nil, title: "World Heart Day")
        input.dayURL = "https://www.gov.uk/government/news/heart-health"
        #expect(Drafter.draft(.website, input, templates: t).text.contains("https://www.gov.uk/government/news/heart-health"))
        input.dayURL = "https://world-heart-federation.org/world-heart-day/"
        #expect(Drafter.draft(.website, input, templates: t).text.contains("https://www.nhs.uk/"))
        #expect(!Drafter.draft(.website, input, templates: t).text.contains("world-heart-federation"))
        #expect(!ServiceLinks.isTrustedLink("https://bit.ly/abc"))
        #expect(!ServiceLinks.isTrustedLink("http://www.nhs.uk/"))
        #expect(!ServiceLinks.isTrustedLink("https://nhs.uk.example.com/"))
        #expect(ServiceLinks.isTrustedLink("https://www.england.nhs.uk/x"))
    }

    @Test func hashtagFromTheCalendarWins() throws {
        var input = Self.input("talking-therapies", title: "Time to Talk Day")
        input.hashtag = "TimeToTalk"
        let d = Drafter.draft(.social, input, templates: try DraftTemplates())
        #expect(d.checks.social?.hashtags == ["#TimeToTalk"])
    }

    @Test func aPracticeTemplateReplacesTheDefault() throws {
        let t = try DraftTemplates(overrides: [.sms: "{{practiceName}}: {{title}}! {{action}} {{smsLink}}"])
        let d = Drafter.draft(.sms, Self.input("nhs-app", title: "NHS App week"), templates: t)
        #expect(d.text.hasPrefix("Wharfside Health Centre: NHS App week! "))
        #expect(throws: DraftTemplateError.self) { try DraftTemplates(overrides: [.letter: "{{#open}} never closed"]) }
    }

    @Test func aManagersTextIsCheckedTheSameWay() {
        let input = Self.input("flu-vaccination")
        let bad = Drafter.check(
            "Dear Mrs Smith, your flu jab is due. Call 07700 900123. " + String(repeating: "x", count: 300),
            channel: .sms, input: input)
        #expect(!bad.passes)
        #expect(bad.findings.map(\.kind) == [.name, .phone])
        #expect(bad.blockingFindings.map(\.kind) == [.name, .phone])  // a name and a mobile number
        #expect(bad.problems.contains { $0.contains("Start the text with who is sending it") })
        #expect(bad.problems.contains { $0.contains("messages; keep it to 2 at most") })
        let social = Drafter.check("Flu jabs are here. #flujab", channel: .social, input: input)
        #expect(social.problems.count == 3)  // no link, hashtag, code of conduct
    }

    @Test func draftsAreTheSameEveryTime() throws {
        let t = try DraftTemplates()
        let a = Drafter.drafts(Self.input("bowel-screening"), templates: t).map(\.text)
        let b = Drafter.drafts(Self.input("bowel-screening"), templates: try DraftTemplates()).map(\.text)
        #expect(a == b)
    }
}

/// Every title of the bundled calendar with the services (and none), for both sample practices'
/// names: every draft passes its checks, through the shorter fallback where the first draft does not.
@Suite struct BundledTitleDraftsTests {
    static func bundledTitles() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let ics = try String(
            contentsOf: root.appendingPathComponent("Calendars/uk-health-awareness.ics"), encoding: .utf8)
        // Unfold continuation lines (RFC 5545 3.1), then read SUMMARY values.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\n ", with: "")
        let titles = unfolded.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).compactMap { line -> String? in
            guard line.hasPrefix("SUMMARY") else { return nil }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[line.index(after: colon)...])
                .replacingOccurrences(of: "\\,", with: ",").replacingOccurrences(of: "\\;", with: ";")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return Array(Set(titles)).sorted()
    }

    @Test func everyBundledTitleWithEveryService() throws {
        let titles = try Self.bundledTitles()
        #expect(titles.count >= 100)
        let templates = try DraftTemplates()
        let services = ServiceLinks.all.map(\.id) + [nil] as [String?]
        var failures: [String] = []
        var checked = 0
        func check(_ practice: String, _ title: String, _ service: String?, _ channels: [DraftChannel]) {
            let input = DraftInput(
                practiceName: practice, practicePhone: "01632 960123", campaignTitle: title,
                serviceId: service, commentsOpen: true, platforms: [.facebook, .instagram, .x])
            for channel in channels {
                let d = Drafter.draft(channel, input, templates: templates)
                checked += 1
                if !d.checks.passes {
                    failures.append("\(practice) | \(title) | \(service ?? "none") | \(channel): \(d.checks.problems)")
                }
            }
        }
        for (n, title) in titles.enumerated() {
            // Text messages and social posts, where the title's words and length matter most:
            // every service, with the longer of the two sample practices' names.
            for service in services { check("Wharfside Health Centre", title, service, [.sms, .social]) }
            // Every channel with one service per title, in turn, for both names.
            let service = services[n % services.count]
            check("Wharfside Health Centre", title, service, [.letter, .website, .poster])
            check("Saltmarsh Bay Surgery", title, service, DraftChannel.allCases)
        }
        #expect(checked > 9_000)
        #expect(failures.isEmpty, "\(failures.count) drafts fail, e.g. \(failures.prefix(5))")
    }

    @Test func theFallbackIsUsedOnlyWhenTheFirstDraftFails() throws {
        let t = try DraftTemplates()
        let easy = Drafter.draft(
            .sms,
            DraftInput(practiceName: "Wharfside Health Centre", practicePhone: "01632 960123", campaignTitle: "Flu season", serviceId: "flu-vaccination"),
            templates: t)
        #expect(easy.text.contains(": Flu season. Book"))
        let hard = Drafter.draft(
            .sms,
            DraftInput(
                practiceName: "Wharfside Health Centre", practicePhone: "01632 960123",
                campaignTitle: "International Pharmacovigilance Epidemiology Awareness Day", serviceId: "flu-vaccination"),
            templates: t)
        #expect(hard.checks.passes)
        #expect(
            hard.text == "Wharfside Health Centre: Book your flu jab. Use the NHS App or call us. www.nhs.uk/vaccinations/flu-vaccine")
    }
}
