import PlannerCore
import Mustache

/// The channels a draft is written for.
public enum DraftChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case sms, letter, website, social
    /// A poster or reception note, for a group the campaign otherwise reaches only online.
    case poster
}

/// Everything a draft needs, as plain values (no profile, no plan).
public struct DraftInput: Sendable, Hashable {
    /// The practice's name, e.g. "Wharfside Health Centre".
    public var practiceName: String
    /// The SMS sender name shown on phones, when the practice has one (not part of the text).
    public var senderName: String?
    /// The practice's phone number, the route for people who are not online.
    public var practicePhone: String
    /// The campaign's title, e.g. "Time to Talk Day".
    public var campaignTitle: String
    /// The service the campaign promotes (a taxonomy id), if any.
    public var serviceId: String?
    /// The awareness day's own web page; used only when it is on nhs.uk or gov.uk and no service is promoted.
    public var dayURL: String?
    /// The hashtag from the calendar (X-GP-HASHTAG), else one is made from the title.
    public var hashtag: String?
    /// Who the campaign is for, in plain words ("people aged 65 and over"), if known.
    public var audience: String?
    /// Whether the practice's social pages are open for comments (the code-of-conduct line is then required).
    public var commentsOpen: Bool
    /// The platforms a social post goes to (lengths are checked for each).
    public var platforms: [SocialPlatform]
    /// How texts are counted.
    public var gateway: SMSGateway

    public init(
        practiceName: String, senderName: String? = nil, practicePhone: String, campaignTitle: String,
        serviceId: String? = nil, dayURL: String? = nil, hashtag: String? = nil, audience: String? = nil,
        commentsOpen: Bool = true, platforms: [SocialPlatform] = [.facebook], gateway: SMSGateway = .notify
    ) {
        self.practiceName = practiceName
        self.senderName = senderName
        self.practicePhone = practicePhone
        self.campaignTitle = campaignTitle
        self.serviceId = serviceId
        self.dayURL = dayURL
        self.hashtag = hashtag
        self.audience = audience
        self.commentsOpen = commentsOpen
        self.platforms = platforms
        self.gateway = gateway
    }
}

/// The checks behind one draft.
public struct DraftChecks: Sendable, Hashable {
    public var channel: DraftChannel
    public var readability: ReadabilityReport
    public var findings: [ContentFinding]
    /// Text messages only.
    public var sms: SMSCount?
    /// Social posts only.
    public var social: SocialCheckResult?
    /// Everything that fails, in plain English; empty when the draft passes.
    public var problems: [String]
    public var passes: Bool { problems.isEmpty }
    /// The high-severity findings: such a draft must not be exported unless a decision allows it.
    public var blockingFindings: [ContentFinding] { findings.filter { $0.severity == .high } }

    /// These checks, made with no finding allowed, as `Drafter.check` makes them when findings of
    /// the kinds in `allowed` are allowed: the same figures and findings, without the problems
    /// those findings raised. Saves checking a text again (a draft is checked as it is written).
    public func allowing(_ allowed: Set<FindingKind>) -> DraftChecks {
        guard !allowed.isEmpty, findings.contains(where: { allowed.contains($0.kind) }) else { return self }
        // `check` lists the reading-age problem first, then one problem per finding, in order.
        let first = readability.readingAge > Drafter.maxReadingAge ? 1 : 0
        var out = self
        let kept = zip(findings, problems[first..<(first + findings.count)]).filter { !allowed.contains($0.0.kind) }.map(\.1)
        out.problems.replaceSubrange(first..<(first + findings.count), with: kept)
        return out
    }
}

/// A ready-to-send draft and its checks.
public struct Draft: Sendable, Hashable {
    public var channel: DraftChannel
    public var text: String
    public var checks: DraftChecks
}

/// Errors from templates a practice supplies.
public struct DraftTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var channel: DraftChannel
    public var message: String
    public var description: String { "The \(channel.rawValue) template could not be read: \(message)" }
}

/// Mustache templates per channel: the bundled defaults, or a practice's own.
///
/// Variables: `practiceName`, `practicePhone`, `title`, `serviceName`, `action`, `benefit`, `link`
/// (full address), `smsLink` (without "https://"), `hashtag`, `audience` (a section: empty when
/// unknown), `commentsOpen` (a section) and `codeOfConduct`. Output is plain text (no HTML escaping).
public struct DraftTemplates: Sendable {
    /// For each channel, the templates to try in order: the first whose draft passes its checks is used.
    var templates: [DraftChannel: [MustacheTemplate]]

    /// The bundled templates with any channel replaced by `overrides` (mustache source text). A
    /// practice's own template is used as it is; the bundled ones have a shorter fallback.
    public init(overrides: [DraftChannel: String] = [:]) throws(DraftTemplateError) {
        var t: [DraftChannel: [MustacheTemplate]] = [:]
        for channel in DraftChannel.allCases {
            let sources = overrides[channel].map { [$0] } ?? [DraftTemplates.defaultSource(channel), DraftTemplates.fallbackSource(channel)]
            do {
                t[channel] = try sources.map { try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + $0) }
            } catch {
                throw DraftTemplateError(channel: channel, message: "\(error)")
            }
        }
        templates = t
    }

    /// The bundled fallback for a channel: shorter and simpler, used when the first draft fails its
    /// checks (a long campaign title can push a text's reading age over 11, or a post over X's 280).
    public static func fallbackSource(_ channel: DraftChannel) -> String {
        switch channel {
        case .sms:
            return "{{practiceName}}: {{action}} {{smsLink}}"
        case .letter:
            return """
                {{practiceName}}
                Phone: {{practicePhone}}

                Dear patient,

                We are writing to you about {{serviceName}}.

                {{action}}

                Not online? Call us on {{practicePhone}} and we will help.

                You can read more at {{link}}

                Yours sincerely,

                The team at {{practiceName}}

                """
        case .website:
            return """
                {{title}}

                {{action}}

                Not online? Call us on {{practicePhone}}.

                Find out more: {{link}}

                """
        case .social:
            return """
                {{action}}

                {{link}}

                {{hashtag}}
                {{#commentsOpen}}

                {{codeOfConduct}}
                {{/commentsOpen}}
                """
        case .poster:
            return """
                {{action}}

                Ask at reception or call us on {{practicePhone}}.

                {{practiceName}}

                """
        }
    }

    /// The bundled template source for a channel.
    public static func defaultSource(_ channel: DraftChannel) -> String {
        switch channel {
        case .sms:
            // Who is sending first, the day, one action, the link. Aim: one fragment, never more than two.
            // The title as a heading, not "it is ...": many days are programmes ("Bowel cancer screening").
            return "{{practiceName}}: {{title}}. {{action}} {{smsLink}}"
        case .letter:
            return """
                {{practiceName}}
                Phone: {{practicePhone}}

                {{title}}

                Dear patient,

                We are writing to you about {{serviceName}}.{{#audience}} This is for {{audience}}.{{/audience}} {{benefit}}

                {{action}}

                Not online? Call us on {{practicePhone}} and we will help.

                You can read more at {{link}}

                Yours sincerely,

                The team at {{practiceName}}

                """
        case .website:
            return """
                {{title}}

                {{benefit}}{{#audience}} This is for {{audience}}.{{/audience}}

                {{action}}

                Not online? Call us on {{practicePhone}}.

                Find out more: {{link}}

                """
        case .social:
            return """
                {{benefit}} {{action}}

                {{link}}

                {{hashtag}}
                {{#commentsOpen}}

                {{codeOfConduct}}
                {{/commentsOpen}}
                """
        case .poster:
            return """
                {{title}}

                {{benefit}}

                {{action}}

                Ask at reception or call us on {{practicePhone}}.

                {{practiceName}}

                """
        }
    }
}

/// Writes drafts from templates and checks them.
public enum Drafter {
    /// NHS content guide: a reading age of 9 to 11.
    public static let maxReadingAge = Readability.targetReadingAge
    /// Texts aim at one fragment and may never be longer than two.
    public static let maxSMSFragments = 2

    /// The draft for one channel.
    public static func draft(_ channel: DraftChannel, _ input: DraftInput, templates: DraftTemplates) -> Draft {
        let wording =
            input.serviceId.flatMap { ServiceLinks.wording(for: $0, dayTitle: input.campaignTitle) }
            ?? ServiceLinks.general(dayURL: input.dayURL)
        let hashtag = SocialCheck.hashtag(fromTitle: input.hashtag ?? input.campaignTitle)
        var values: [String: Any] = [
            "practiceName": input.practiceName,
            "practicePhone": input.practicePhone,
            "title": input.campaignTitle,
            "serviceName": wording.name,
            "action": wording.action,
            "benefit": wording.benefit,
            "link": wording.link,
            "smsLink": ServiceLinks.smsForm(wording.link),
            "hashtag": hashtag,
            "commentsOpen": input.commentsOpen,
            "codeOfConduct": SocialCheck.codeOfConduct,
        ]
        if let audience = input.audience, !audience.isEmpty { values["audience"] = audience }
        var first: Draft?
        // Rendered one at a time: a fallback is written only when the draft before it fails.
        for template in templates.templates[channel]! {
            var text = template.render(values)
            // No trailing blank lines: the words end where the text ends, on every channel.
            while text.hasSuffix("\n") { text.removeLast() }
            let draft = Draft(channel: channel, text: text, checks: check(text, channel: channel, input: input))
            if draft.checks.passes { return draft }
            if first == nil { first = draft }
        }
        // None passes: the first, with its problems.
        return first!
    }

    /// Drafts for every channel, in the order of `DraftChannel.allCases`.
    public static func drafts(_ input: DraftInput, templates: DraftTemplates) -> [Draft] {
        DraftChannel.allCases.map { draft($0, input, templates: templates) }
    }

    /// Checks a text for a channel: a draft, or a text the manager wrote (a `text` decision).
    /// Findings of a kind in `allowed` (the practice's `allow` decisions) are kept but are not problems.
    public static func check(
        _ text: String, channel: DraftChannel, input: DraftInput, allowed: Set<FindingKind> = []
    ) -> DraftChecks {
        let readability = Readability.check(text)
        let findings = Confidentiality.check(text, practicePhones: [input.practicePhone])
        var problems: [String] = []
        var sms: SMSCount?
        var social: SocialCheckResult?

        if readability.readingAge > maxReadingAge {
            problems.append(
                "The reading age is \(format(readability.readingAge)); aim for 9 to 11: use shorter words and sentences.")
        }
        for f in findings where !allowed.contains(f.kind) {
            problems.append("Line \(f.line), column \(f.column): \(f.kind.rawValue) \"\(f.text)\" (\(f.severity.rawValue)). \(f.hint)")
        }
        switch channel {
        case .sms:
            let count = SMSCounter.count(text, gateway: input.gateway)
            sms = count
            if count.fragments > maxSMSFragments {
                problems.append("The text needs \(count.fragments) messages; keep it to \(maxSMSFragments) at most.")
            }
            if !text.hasPrefix(input.practiceName) && !(input.senderName.map { text.hasPrefix($0) } ?? false) {
                problems.append("Start the text with who is sending it: \(input.practiceName).")
            }
        case .letter:
            if !text.contains(input.practiceName) { problems.append("The letter does not name the practice.") }
            if !text.contains(input.practicePhone) {
                problems.append("The letter has no phone number for people who are not online.")
            }
        case .social:
            let r = SocialCheck.check(text, platforms: input.platforms, commentsOpen: input.commentsOpen)
            social = r
            problems.append(contentsOf: r.problems)
        case .website:
            if Readability.linkRanges(Array(text.unicodeScalars)).isEmpty {
                problems.append("The news item has no link to the NHS.UK or GOV.UK page.")
            }
        case .poster:
            if !text.contains(input.practicePhone) { problems.append("The poster has no phone number.") }
        }
        return DraftChecks(
            channel: channel, readability: readability, findings: findings, sms: sms, social: social, problems: problems)
    }

    static func format(_ x: Double) -> String {
        let tenths = (x * 10).rounded()
        return "\(Int(tenths) / 10).\(abs(Int(tenths)) % 10)"
    }
}
