/// The channels a practice reaches patients through, and a plan uses: the one channel type
/// of the profile (effort and reach overrides) and the plan. Readers of plan.json must
/// tolerate more later.
public enum PlanChannel: String, Sendable, Hashable, Codable, CodingKeyRepresentable, CaseIterable, Comparable,
    CustomStringConvertible
{
    case sms, letter, website, social

    /// Direct channels reach named patients and cost money per recipient.
    public var isDirect: Bool { self == .sms || self == .letter }

    /// Fixed order used everywhere (tables, tie breaks): sms, letter, website, social.
    public var order: Int {
        switch self {
        case .sms: return 0
        case .letter: return 1
        case .website: return 2
        case .social: return 3
        }
    }

    public var bit: Int { 1 << order }

    /// "SMS", "letters", "website", "social media" for sentences.
    public var displayName: String {
        switch self {
        case .sms: return "SMS"
        case .letter: return "letters"
        case .website: return "website"
        case .social: return "social media"
        }
    }

    public var description: String { rawValue }

    public static func < (a: PlanChannel, b: PlanChannel) -> Bool { a.order < b.order }
}
