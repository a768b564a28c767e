import Foundation
import PlannerCore
import PlannerDrafts

/// A practice's own templates that cannot be used, as a diagnostic.
public struct TemplateProblem: Error, Sendable {
    public var diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// Drafts for a plan (issue 13): every candidate's text is drafted before planning, so that the
/// planner costs texts from their words (the draft does not depend on the date chosen); after
/// planning every item gets its draft, or the practice's own text, with its checks, and a
/// campaign that reaches people only online gets a poster or reception note.
public struct PlanDrafting: Sendable {
    public var practice: PracticeProfile
    public var templates: DraftTemplates
    /// Cleaned days by (uid, start, title): their web pages and hashtags.
    var days: [String: CleanOccurrence]

    public init(practice: PracticeProfile, templates: DraftTemplates, days: [CleanOccurrence]) {
        self.practice = practice
        self.templates = templates
        var byKey: [String: CleanOccurrence] = [:]
        for d in days {
            let key = Self.key(uid: d.uid ?? "", start: d.start.civilDate, title: d.normalizedTitle)
            if byKey[key] == nil { byKey[key] = d }
        }
        self.days = byKey
    }

    static func key(uid: String, start: CivilDate, title: String) -> String { "\(uid)\u{1}\(start.iso)\u{1}\(title)" }

    // MARK: Templates

    /// The file names of a practice's own templates, per channel, in its `templates:` folder.
    public static func fileName(_ channel: DraftChannel) -> String { "\(channel.rawValue).mustache" }

    /// The templates for `practice`: the bundled ones, with any channel the practice's
    /// `templates:` folder (relative to the profile's folder) has a file for replaced by it.
    public static func loadTemplates(for practice: PracticeProfile, profilePath: String) -> Result<DraftTemplates, TemplateProblem> {
        guard let folder = practice.templates else { return .success(Self.bundled) }
        let base = URL(fileURLWithPath: profilePath).deletingLastPathComponent()
        let dir = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : base.appendingPathComponent(folder)
        let shown = folder.hasPrefix("/") ? folder : (URL(fileURLWithPath: profilePath).deletingLastPathComponent().relativePath == "."
            ? folder : "\((profilePath as NSString).deletingLastPathComponent)/\(folder)")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            return .failure(TemplateProblem(
                Diagnostic(
                    .error, SourceLocation(path: profilePath), "templates folder \"\(shown)\" does not exist.",
                    hint: "Create it and put your own sms.mustache (or letter, website, social, poster) in it, or remove the templates line.")))
        }
        var overrides: [DraftChannel: String] = [:]
        for channel in DraftChannel.allCases {
            let file = dir.appendingPathComponent(fileName(channel))
            guard FileManager.default.fileExists(atPath: file.path) else { continue }
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                return .failure(TemplateProblem(
                    Diagnostic(
                        .error, SourceLocation(path: "\(shown)/\(fileName(channel))"), "the template cannot be read as UTF-8 text.",
                        hint: "Save it as plain text (UTF-8).")))
            }
            overrides[channel] = text
        }
        do {
            return .success(try DraftTemplates(overrides: overrides))
        } catch {
            return .failure(TemplateProblem(
                Diagnostic(
                    .error, SourceLocation(path: "\(shown)/\(fileName(error.channel))"), error.message,
                    hint: "Check that every {{ has a matching }} and every {{#section}} its {{/section}}.")))
        }
    }

    /// The bundled templates (they always parse: a test renders every one).
    public static let bundled: DraftTemplates = try! DraftTemplates()

    // MARK: Inputs

    /// What a draft for candidate `c` needs.
    public func input(_ c: PlanningCandidate) -> DraftInput {
        let day = days[Self.key(uid: c.sourceUid, start: c.start, title: c.campaignTitle)]
        let platforms = practice.channels.social.map(\.platform)
        return DraftInput(
            practiceName: practice.name, senderName: practice.channels.sms?.senderName, practicePhone: practice.phone ?? "",
            campaignTitle: c.campaignTitle, serviceId: service(c), dayURL: day?.url, hashtag: day?.hashtag,
            commentsOpen: true, platforms: platforms.isEmpty ? [.facebook] : platforms, gateway: practice.smsGateway)
    }

    /// The service a campaign's drafts ask people to use: the one its texts and letters are
    /// for, else the first related service the practice offers that has wording.
    func service(_ c: PlanningCandidate) -> String? {
        if let a = c.action, ServiceLinks.wording(for: a) != nil { return a }
        return c.services.sorted().first { practice.service($0) != nil && ServiceLinks.wording(for: $0) != nil }
    }

    // MARK: Drafts, each written once

    /// Drafts already written for one `PlanDrafting`, by channel and input: a candidate's text
    /// message is drafted to cost it before planning and again for its items after, and every
    /// draft is checked as it is written. Pass the same memo to `pricingTexts` and `attach` of
    /// one `PlanDrafting` (its drafts depend on its templates).
    public struct DraftMemo: Sendable {
        struct Key: Hashable {
            var channel: DraftChannel
            var input: DraftInput
        }
        var drafts: [Key: Draft] = [:]
        public init() {}
    }

    /// `Drafter.draft(channel, input, templates: templates)`, from `memo` when it was written before.
    func draft(_ channel: DraftChannel, _ input: DraftInput, memo: inout DraftMemo) -> Draft {
        let key = DraftMemo.Key(channel: channel, input: input)
        if let d = memo.drafts[key] { return d }
        let d = Drafter.draft(channel, input, templates: templates)
        memo.drafts[key] = d
        return d
    }

    // MARK: Before planning

    /// `input` with every candidate's SMS fragments from its draft (or from the practice's own
    /// text for the campaign's text message, when a `text` decision sets one: the longest).
    public func pricingTexts(_ input: PlanningInput, decisions: [ManagerDecision]) -> PlanningInput {
        var memo = DraftMemo()
        return pricingTexts(input, decisions: decisions, memo: &memo)
    }

    /// `pricingTexts(_:decisions:)`, keeping the drafts it writes in `memo` for `attach`.
    public func pricingTexts(_ input: PlanningInput, decisions: [ManagerDecision], memo: inout DraftMemo) -> PlanningInput {
        var input = input
        for k in input.candidates.indices {
            let c = input.candidates[k]
            let own = decisions.compactMap { d -> String? in
                guard case .text(let t) = d.action, d.id.hasPrefix(c.campaignID + "-sms-") else { return nil }
                return t
            }
            let gateway = practice.smsGateway
            if own.isEmpty {
                let draft = self.draft(.sms, self.input(c), memo: &memo)
                input.candidates[k].smsFragments = draft.checks.sms?.fragments
            } else {
                input.candidates[k].smsFragments = own.map { SMSCounter.count($0, gateway: gateway).fragments }.max()
            }
        }
        return input
    }

    // MARK: After planning

    /// `plan` with a draft on every item (the practice's text when it set one), the poster notes,
    /// and the blocked drafts and failing checks as warnings.
    public func attach(to plan: Plan, candidates: [PlanningCandidate], decisions: [ManagerDecision]) -> Plan {
        var memo = DraftMemo()
        return attach(to: plan, candidates: candidates, decisions: decisions, memo: &memo)
    }

    /// `attach(to:candidates:decisions:)`, using (and adding to) the drafts in `memo`.
    public func attach(
        to plan: Plan, candidates: [PlanningCandidate], decisions: [ManagerDecision], memo: inout DraftMemo
    ) -> Plan {
        var plan = plan
        var byCampaign: [String: PlanningCandidate] = [:]
        for c in candidates where byCampaign[c.campaignID] == nil { byCampaign[c.campaignID] = c }
        var allowed: [String: [FindingKind]] = [:]
        for d in decisions {
            if case .allow(let kind) = d.action, !(allowed[d.id]?.contains(kind) ?? false) {
                allowed[d.id, default: []].append(kind)
            }
        }
        let direct = Set(plan.items.filter(\.channel.isDirect).map(\.campaign))
        var postered = Set<String>()
        var warnings: [PlanWarning] = []
        for k in plan.items.indices {
            let item = plan.items[k]
            guard let c = byCampaign[item.campaign] else { continue }
            let inp = input(c)
            let kinds = (allowed[item.id] ?? []).sorted { $0.rawValue < $1.rawValue }
            let channel = Self.draftChannel(item.channel)
            let draft: PlanDraft
            if let text = item.text {
                draft = Self.planDraft(text, Drafter.check(text, channel: channel, input: inp, allowed: Set(kinds)), allowed: kinds)
            } else {
                // The draft's own checks (made with nothing allowed) are those of `Drafter.check`.
                let d = self.draft(channel, inp, memo: &memo)
                draft = Self.planDraft(d.text, d.checks.allowing(Set(kinds)), allowed: kinds)
            }
            plan.items[k].draft = draft
            warnings += Self.warnings(draft, item: item, what: "draft")
            // A poster for a campaign no text or letter carries: on its first online item.
            if !direct.contains(item.campaign), !postered.contains(item.campaign) {
                postered.insert(item.campaign)
                let d = self.draft(.poster, inp, memo: &memo)
                let poster = Self.planDraft(d.text, d.checks.allowing(Set(kinds)), allowed: kinds)
                plan.items[k].poster = poster
                warnings += Self.warnings(poster, item: item, what: "poster")
            }
        }
        plan.warnings = PlanWarning.listed(plan.warnings + warnings)
        return plan
    }

    static func draftChannel(_ c: PlanChannel) -> DraftChannel {
        switch c {
        case .sms: return .sms
        case .letter: return .letter
        case .website: return .website
        case .social: return .social
        }
    }

    /// The plan's record of a draft and its checks, blocked when a high-severity finding is not allowed.
    static func planDraft(_ text: String, _ checks: DraftChecks, allowed: [FindingKind]) -> PlanDraft {
        let sms = checks.sms.map {
            PlanSMSCount(gateway: $0.gateway, encoding: $0.encoding, characters: $0.characters, fragments: $0.fragments)
        }
        let summary = PlanDraftChecks(
            readingAge: tenths(checks.readability.readingAge), fleschReadingEase: tenths(checks.readability.fleschReadingEase),
            sms: sms,
            findings: checks.findings, allowed: allowed, problems: checks.problems)
        let blocking = summary.blockingFindings
        var blocked: String?
        if !blocking.isEmpty {
            let what = blocking.map { "\($0.kind.rawValue) \"\($0.text)\" (line \($0.line), column \($0.column))" }
            blocked =
                "It may contain personal data: \(what.joined(separator: ", ")). It is left out of every export until "
                + "you remove it, or record an allow decision if it is not personal data."
        }
        return PlanDraft(text: text, checks: summary, blocked: blocked)
    }

    /// To one decimal, as plan.json writes it (so a plan read back is equal to the one written).
    static func tenths(_ x: Double) -> Double { (x * 10).rounded() / 10 }

    static func warnings(_ d: PlanDraft, item: PlanItem, what: String) -> [PlanWarning] {
        let id = ItemID(rawValue: item.id).map { [$0] } ?? []
        if let why = d.blocked {
            return [PlanWarning(code: .draftBlocked, message: "the \(what) of \(item.id) is blocked. \(why)", itemIDs: id)]
        }
        guard !d.checks.passes else { return [] }
        return [
            PlanWarning(
                code: .draftFailsChecks,
                message: "the \(what) of \(item.id) fails its checks: \(d.checks.problems.joined(separator: " "))", itemIDs: id)
        ]
    }
}
