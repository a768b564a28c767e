import PlannerCore

/// Every draft of a plan (and every poster) checked again as the planning run checked it, for
/// `planner check --plan`: reading age, text length, sender, phone route, code of conduct and
/// personal data. An allow decision recorded with a draft lets its kind of finding through.
public enum PlanRecheck {
    /// The checks of every stored draft of `plan`, in item order (each item's draft, then its
    /// poster). `phones` are the practice's own numbers (never a finding); the plan's own number
    /// is added. Texts are counted by `gateway`, else the way the plan counted them.
    public static func check(_ plan: Plan, phones given: [String], gateway: SMSGateway?) -> [PlanDraftResult] {
        let phones = given + (plan.practicePhone.map { [$0] } ?? [])
        var results: [PlanDraftResult] = []
        for item in plan.items {
            for (isPoster, stored) in [(false, item.draft), (true, item.poster)] {
                guard let stored else { continue }
                let channel: DraftChannel = isPoster ? .poster : draftChannel(item.channel)
                let input = DraftInput(
                    practiceName: plan.practiceName, practicePhone: phones.first ?? "", campaignTitle: item.title,
                    gateway: gateway ?? stored.checks.sms?.gateway ?? .notify)
                var checks = Drafter.check(stored.text, channel: channel, input: input, allowed: Set(stored.checks.allowed))
                // Every number the practice gave is its own, not only the first.
                checks.findings.removeAll { f in f.kind == .phone && phones.dropFirst().contains { sameNumber($0, f.text) } }
                let summary = PlanDraftChecks(
                    readingAge: checks.readability.readingAge, fleschReadingEase: checks.readability.fleschReadingEase,
                    sms: checks.sms.map {
                        PlanSMSCount(gateway: $0.gateway, encoding: $0.encoding, characters: $0.characters, fragments: $0.fragments)
                    },
                    findings: checks.findings, allowed: stored.checks.allowed, problems: checks.problems)
                results.append(PlanDraftResult(item: item.id, channel: channel.rawValue, checks: summary))
            }
        }
        return results
    }

    /// The draft channel of a plan channel.
    public static func draftChannel(_ c: PlanChannel) -> DraftChannel {
        switch c {
        case .sms: return .sms
        case .letter: return .letter
        case .website: return .website
        case .social: return .social
        }
    }

    /// Two ways of writing one number: the same digits.
    static func sameNumber(_ a: String, _ b: String) -> Bool { a.filter(\.isNumber) == b.filter(\.isNumber) }
}
