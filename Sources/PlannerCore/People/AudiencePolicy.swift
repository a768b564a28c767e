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
        // The register's own review or support only: a national programme (a vaccine, a screening
        // test) is asked for only by a day that promotes it, so Nutrition and Hydration Week, whose
        // groups include care home residents, never texts them about a COVID-19 jab.
        for g in groups.sorted() where recordedGroups.contains(g) {
            if let s = serviceMainGroups.first(where: {
                $0.groups.contains(g) && offered($0.service) && !ServiceAudiences.nationalProgrammes.contains($0.service)
            }) {
                return s.service
            }
        }
        return nil
    }
}

/// Who a national programme or practice service invites, when a day's texts and letters ask
/// people to use it (issue 10, item 1). A day that promotes one of these services is sent to
/// exactly these lines, not to everybody in the day's broader groups: Breast Cancer Awareness
/// Month invites women of breast-screening age, not every woman.
///
/// Cohorts are England's published ones (UKHSA Green Book and NHS screening programmes; see
/// docs/eligibility.md): cervical screening 25-64; breast screening from 50 to the 71st
/// birthday, so 50-70; bowel screening 50-74; AAA men in the year they turn 65; NHS Health
/// Check 40-74; shingles from 65 to 79 (people turning 65 and everyone aged 70-79); RSV for
/// older adults 75 and over and from 28 weeks of pregnancy; flu for 65 and over, clinical
/// risk groups 18-64, carers and care-home residents; COVID-19 for 75 and over and care-home
/// residents; pneumococcal 65 and over. Menopause support is sent to women aged 45 to 55, the
/// ages NHS.UK gives for most menopause (ASSUMPTION: a practice may widen it).
public enum ServiceAudiences {
    /// Lines per service id. `exclude` names states whose share is in `alreadyCovered`.
    public static let lines: [String: [AudienceRule]] = [
        "cervical-screening": [AudienceRule(group: "women-25-64", sex: .female, ageFrom: 25, ageTo: 64, exclude: ["up-to-date-with-cervical-screening"])],
        "breast-screening": [AudienceRule(group: "women-50-71", sex: .female, ageFrom: 50, ageTo: 70, exclude: ["up-to-date-with-breast-screening"])],
        "bowel-screening": [AudienceRule(group: "adults-50-74", ageFrom: 50, ageTo: 74, exclude: ["up-to-date-with-bowel-screening"])],
        "aaa-screening": [AudienceRule(group: "men-50-plus", sex: .male, ageFrom: 65, ageTo: 65)],
        "nhs-health-check": [AudienceRule(group: "adults-40-74", ageFrom: 40, ageTo: 74)],
        "shingles-vaccination": [AudienceRule(group: "adults-65-plus", ageFrom: 65, ageTo: 79)],
        "rsv-vaccination": [
            AudienceRule(group: "adults-75-plus", ageFrom: 75), AudienceRule(group: "pregnant-and-new-parents", sex: .female, ageFrom: 16),
        ],
        "pneumococcal-vaccination": [AudienceRule(group: "adults-65-plus", ageFrom: 65)],
        "covid-vaccination": [
            AudienceRule(group: "adults-75-plus", ageFrom: 75), AudienceRule(group: "care-home-residents", ageFrom: 16),
        ],
        "flu-vaccination": [
            AudienceRule(group: "adults-65-plus", ageFrom: 65),
            AudienceRule(group: "diabetes", ageFrom: 18, ageTo: 64), AudienceRule(group: "asthma", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "copd", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "chronic-kidney-disease", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "coronary-heart-disease", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "heart-failure", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "stroke-tia", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "carers", ageFrom: 18, ageTo: 64),
            AudienceRule(group: "care-home-residents", ageFrom: 18),
            AudienceRule(group: "pregnant-and-new-parents", sex: .female, ageFrom: 16),
        ],
        "menopause-support": [AudienceRule(group: "women", sex: .female, ageFrom: 45, ageTo: 55)],
    ]

    /// National programmes: screening, immunisation, the NHS Health Check and stop-smoking
    /// support. Days that ask people to use one of these come before awareness days when the
    /// quarter's texts, letters, weeks and hours are shared out: their uptake is measured
    /// against national standards and paid indicators (shared/reference/priorities_uptake.md:
    /// §1.3 QOF public-health domain (smoking, cervical screening, vaccination), §2 IIF flu
    /// indicators, §4 national screening and vaccination uptake standards; cohorts in
    /// domain_facts.md §8.3-8.4).
    public static let nationalProgrammes: Set<String> = [
        "aaa-screening", "bowel-screening", "breast-screening", "cervical-screening", "childhood-immunisations",
        "covid-vaccination", "flu-vaccination", "nhs-health-check", "pneumococcal-vaccination", "rsv-vaccination",
        "shingles-vaccination", "smoking-cessation",
    ]

    /// Share of each programme's cohort already screened on time, left out of reminders.
    /// NHS Digital, Cervical Screening Programme England 2023-24: 68.8% of women aged 25-64
    /// covered; breast screening coverage 70% in 2023/24 (NHS Breast Screening Programme
    /// figures); bowel screening coverage 71.8% of 60-74 year olds (DHSC written answer, 2025).
    public static let alreadyCovered: [String: [String: Double]] = [
        "cervical-screening": ["up-to-date-with-cervical-screening": 0.688],
        "breast-screening": ["up-to-date-with-breast-screening": 0.70],
        "bowel-screening": ["up-to-date-with-bowel-screening": 0.718],
    ]
}

extension AudiencePolicy {
    /// The audience lines of a day that states its eligibility (`X-GP-ELIGIBILITY`,
    /// docs/eligibility.md) and starts on `start`: one line per group an audience names (a
    /// person in any of them qualifies); an audience without groups selects by age and sex
    /// from "women", "men" or "all-patients". Ages measured on a rule date ("turning 65 by
    /// 31 March") keep that date in the line.
    public static func lines(from rule: EligibilityRule, dayStart start: CivilDate) -> [AudienceRule] {
        var out: [AudienceRule] = []
        for a in rule.audiences {
            let sex: Sex? = a.sex.map { $0 == .female ? .female : .male }
            let groups = a.groups.isEmpty ? [sex == .female ? "women" : sex == .male ? "men" : "all-patients"] : a.groups
            let on: CivilDate? = a.ageOn == .dayStart ? nil : a.ageOn.date(forDayStarting: start)
            for g in groups {
                out.append(
                    AudienceRule(
                        group: g, sex: sex, ageFrom: a.ageFrom, ageTo: a.ageTo, ageOn: on, exclude: a.exclude,
                        toParent: a.toParent))
            }
        }
        return out
    }
}
