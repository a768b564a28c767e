/// The ages and sex a patient group concerns (from the taxonomy's sizing for age and sex
/// groups, and from each register's age profile).
public struct GroupAges: Sendable, Hashable {
    public var minAge: Int
    /// Inclusive; nil for no upper limit.
    public var maxAge: Int?
    public var sex: Sex?

    public init(minAge: Int, maxAge: Int? = nil, sex: Sex? = nil) {
        self.minAge = minAge
        self.maxAge = maxAge
        self.sex = sex
    }
}

/// Who a day's texts and letters go to, and whether they may go at all (issue 10, items 1
/// and 2). The rules, in the order they apply:
/// 1. A day that states its eligibility (`X-GP-ELIGIBILITY`) is sent to exactly those people.
///    Otherwise each of the day's groups is sent to at its own ages and sex.
/// 2. No child under 16 receives a direct contact, unless the line is for a children's group
///    (under-5s, children aged 5-15) or says it is addressed to parents: then the message goes
///    to the parent or carer and says so. 16 is the age from which the NHS treats a young
///    person as able to consent to their own treatment (Family Law Reform Act 1969, s.8).
/// 3. A line never selects a sex its group does not include.
public enum AudiencePolicy {
    /// The age from which a person receives messages about their own health.
    public static let adultAge = 16
    /// Groups whose messages go to parents and carers.
    public static let childGroups: Set<String> = ["under-5s", "children-5-15"]

    /// The audience lines for a day with `groups`, narrowed by the day's own eligibility when
    /// it has one. Lines that select nobody (ages that do not meet) are left out. Sorted by
    /// group, then ages, so the same day always gives the same lines.
    public static func rules(
        groups: [String], ages: (String) -> GroupAges?, eligibility: [AudienceRule]? = nil
    ) -> [AudienceRule] {
        var out: [AudienceRule] = []
        if let eligibility, !eligibility.isEmpty {
            for rule in eligibility {
                if let clipped = clip(rule, to: ages(rule.group)) { out.append(clipped) }
            }
        } else {
            for g in Set(groups).sorted() {
                guard let a = ages(g) else { continue }
                let line = AudienceRule(
                    group: g, sex: a.sex, ageFrom: a.minAge, ageTo: a.maxAge, toParent: childGroups.contains(g))
                if let clipped = clip(line, to: a) { out.append(clipped) }
            }
        }
        return out.sorted(by: order)
    }

    /// `rule` within its group's ages and sex and the under-16 rule; nil when nobody is left.
    static func clip(_ rule: AudienceRule, to group: GroupAges?) -> AudienceRule? {
        var r = rule
        if let group {
            if let a = r.sex, let b = group.sex, a != b { return nil }
            r.sex = r.sex ?? group.sex
            r.ageFrom = max(r.ageFrom, group.minAge)
            if let hi = group.maxAge { r.ageTo = min(r.ageTo ?? hi, hi) }
        }
        if childGroups.contains(r.group) { r.toParent = true }
        if !r.toParent { r.ageFrom = max(r.ageFrom, adultAge) }
        if let hi = r.ageTo, hi < r.ageFrom { return nil }
        return r
    }

    static func order(_ a: AudienceRule, _ b: AudienceRule) -> Bool {
        if a.group != b.group { return a.group < b.group }
        if a.ageFrom != b.ageFrom { return a.ageFrom < b.ageFrom }
        let ha = a.ageTo ?? Int.max, hb = b.ageTo ?? Int.max
        if ha != hb { return ha < hb }
        return (a.sex?.rawValue ?? "") < (b.sex?.rawValue ?? "")
    }

    /// Whether a day may have texts and letters: only when it asks for an action the practice
    /// offers. That is a service the day promotes and the practice offers, or one of the day's
    /// groups being a register or cohort the practice records with a review or support it
    /// runs (a service whose main groups include it). Returns the offered action's service
    /// id, or nil when the day may use only the website and social media.
    public static func action(
        services: [String], groups: [String], offered: (String) -> Bool, recordedGroups: Set<String>,
        serviceMainGroups: [(service: String, groups: [String])]
    ) -> String? {
        if let s = services.sorted().first(where: offered) { return s }
        for g in groups.sorted() where recordedGroups.contains(g) {
            if let s = serviceMainGroups.first(where: { $0.groups.contains(g) && offered($0.service) }) {
                return s.service
            }
        }
        return nil
    }
}
