/// The share of people in an age band that a channel reaches when the practice uses it
/// for them (before coverage: having a mobile number on record, following the account).
///
/// The defaults come from domain_facts.md §6 (digital exclusion by age). Where the store
/// has no per-band figure the value is the planner's estimate, marked so below; practices
/// override any band in their profile.
public struct ReachTable: Sendable, Hashable, Codable {
    /// Practice overrides: channel -> band -> share (0...1).
    public var overrides: [PlanChannel: [AgeBand: Double]]

    public init(overrides: [PlanChannel: [AgeBand: Double]] = [:]) {
        self.overrides = overrides
    }

    /// The share of `band` reached by `channel`: the override, else the default.
    public func reach(_ channel: PlanChannel, band: AgeBand) -> Double {
        if let v = overrides[channel]?[band] { return min(1, max(0, v)) }
        return ReachTable.defaultReach(channel, lowerAge: band.lowerAge)
    }

    /// Share of `band` that is not online (1 - website reach), used in explanations.
    public func offlineShare(band: AgeBand) -> Double { 1 - reach(.website, band: band) }

    /// Default reach by channel for a band starting at `lowerAge`.
    public static func defaultReach(_ channel: PlanChannel, lowerAge a: Int) -> Double {
        switch channel {
        case .sms:
            // Mobile phones are "the most common form of communication technology ... even among
            // older age-groups", so SMS "has the greatest reach of any automated method"
            // (Socitm on Ofcom Communications Market Report 2020; domain_facts §6).
            // Per-band ownership is not in the store: the falling values for 75+ and 85+ are
            // estimates. Children's messages go to a parent's mobile.
            if a >= 85 { return 0.70 }
            if a >= 75 { return 0.80 }
            if a >= 65 { return 0.90 }
            return 0.95
        case .letter:
            // Nearly everyone registered has a postal address; 5% allows for moves and unopened
            // post (estimate).
            return 0.95
        case .website:
            // Recent internet users: 99% of 16-44 and 54% of 75+ (ONS "Internet users, UK: 2020");
            // daily use 96% at 45-54 and 86% at 55-64 (ONS 2020 via ISPreview); about a quarter of
            // 65-74 have no home internet (Ofcom CMR 2020 via Socitm); age 85+ is the strongest
            // predictor of no home internet (Ofcom 2025), so 85+ is an estimate below 75+.
            // Children: the parent reads the page (treated as 25-44).
            if a >= 85 { return 0.40 }
            if a >= 75 { return 0.54 }
            if a >= 65 { return 0.75 }
            if a >= 55 { return 0.86 }
            if a >= 45 { return 0.96 }
            return 0.99
        case .social:
            // Internet users with a social media profile (Ofcom CMR 2015: 16-24 93%, 25-34 90%,
            // 35-44 80%, 45-54 68%, 55-64 49%; Ofcom AMUA 2017: 65-74 48%, 75+ 41%) times the
            // internet-use share above. Children: a parent (25-44) follows the account.
            let internet = defaultReach(.website, lowerAge: a)
            let profile: Double
            switch a {
            case 85...: profile = 0.41
            case 75...: profile = 0.41
            case 65...: profile = 0.48
            case 55...: profile = 0.49
            case 45...: profile = 0.68
            case 35...: profile = 0.80
            case 25...: profile = 0.90
            case 15...: profile = 0.93  // the 15-19 band is counted with 16-24
            default: profile = 0.85
            }
            return (profile * internet * 1000).rounded() / 1000
        }
    }
}
