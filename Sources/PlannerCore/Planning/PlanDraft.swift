/// The ready-to-send words of one plan item and the checks behind them (issue 13). Written by
/// the planning run (PlannerDrafts) after planning; the planner itself never reads them, except
/// for the SMS fragments it is given per candidate before planning.
public struct PlanDraft: Sendable, Hashable, Codable {
    /// The words, exactly as they should be sent or published (the practice's own, when a
    /// `text` decision sets them).
    public var text: String
    public var checks: PlanDraftChecks
    /// Why the draft is kept out of every export (a high-severity confidentiality finding no
    /// `allow` decision covers); nil when it may be sent.
    public var blocked: String?

    public init(text: String, checks: PlanDraftChecks, blocked: String? = nil) {
        self.text = text
        self.checks = checks
        self.blocked = blocked
    }
}

/// What the checks found in a draft.
public struct PlanDraftChecks: Sendable, Hashable, Codable {
    /// Reading age (Flesch-Kincaid grade + 5); the NHS aims at 9 to 11.
    public var readingAge: Double
    public var fleschReadingEase: Double
    /// Text messages only: fragments, characters and character set, as the gateway counts them.
    public var sms: PlanSMSCount?
    /// Possible personal data, in text order.
    public var findings: [ContentFinding]
    /// Finding kinds the practice allowed for this item (`allow` decisions): they do not block it.
    public var allowed: [FindingKind]
    /// Everything that fails, in plain English; empty when the draft passes.
    public var problems: [String]

    public init(
        readingAge: Double, fleschReadingEase: Double, sms: PlanSMSCount? = nil, findings: [ContentFinding] = [],
        allowed: [FindingKind] = [], problems: [String] = []
    ) {
        self.readingAge = readingAge
        self.fleschReadingEase = fleschReadingEase
        self.sms = sms
        self.findings = findings
        self.allowed = allowed
        self.problems = problems
    }

    public var passes: Bool { problems.isEmpty }

    /// High-severity findings of a kind no `allow` decision covers.
    public var blockingFindings: [ContentFinding] {
        findings.filter { $0.severity == .high && !allowed.contains($0.kind) }
    }
}

/// One stored draft of a plan checked again (`planner check --plan`). `channel` is "sms",
/// "letter", "website", "social" or "poster".
public struct PlanDraftResult: Sendable, Hashable {
    public var item: String
    public var channel: String
    public var checks: PlanDraftChecks
    /// A high-severity finding no allow decision covers: the draft may not be sent.
    public var blocked: Bool { !checks.blockingFindings.isEmpty }

    public init(item: String, channel: String, checks: PlanDraftChecks) {
        self.item = item
        self.channel = channel
        self.checks = checks
    }
}

/// How a text message is counted.
public struct PlanSMSCount: Sendable, Hashable, Codable {
    public var gateway: SMSGateway
    public var encoding: SMSEncoding
    public var characters: Int
    public var fragments: Int

    public init(gateway: SMSGateway, encoding: SMSEncoding, characters: Int, fragments: Int) {
        self.gateway = gateway
        self.encoding = encoding
        self.characters = characters
        self.fragments = fragments
    }
}
