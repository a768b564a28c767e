/// The canonical patient-group and service ids of the taxonomy (Sources/PlannerIO/Resources/taxonomy.yaml).
///
/// The shipped taxonomy resource may add more ids, but these must never be renamed:
/// profiles, tests and other tools refer to them. Profile validation checks ids
/// against these lists (and suggests the nearest one when a name is misspelt).
public enum CanonicalIds {
    /// How a group is sized from a practice profile.
    public enum GroupKind: String, Sendable, Hashable, Codable {
        /// From the list's age and sex bands (all-patients, under-5s, men-50-plus...).
        case ageSex = "age-sex"
        /// From a coded cohort count in the profile's `cohorts` section.
        case cohort
        /// From a QOF register count in the profile's `registers` section.
        case register
    }

    /// Groups sized from the age/sex list, in taxonomy order.
    public static let ageSexGroups: [String] = [
        "all-patients", "under-5s", "children-5-15", "young-people-16-24", "adults-40-74", "adults-50-74",
        "adults-65-plus", "adults-75-plus", "men", "women", "men-50-plus", "women-25-64", "women-50-71",
    ]

    /// Groups sized from coded cohort counts, in taxonomy order.
    public static let cohortGroups: [String] = [
        "pregnant-and-new-parents", "carers", "smokers", "care-home-residents", "veterans",
    ]

    /// Groups sized from QOF register counts, in taxonomy order.
    public static let registerGroups: [String] = [
        "diabetes", "non-diabetic-hyperglycaemia", "hypertension", "coronary-heart-disease", "heart-failure",
        "atrial-fibrillation", "stroke-tia", "asthma", "copd", "chronic-kidney-disease", "cancer", "dementia",
        "depression", "serious-mental-illness", "learning-disability", "epilepsy", "osteoporosis", "obesity",
        "palliative-care",
    ]

    /// Every canonical group id, in taxonomy order.
    public static let groups: [String] = ageSexGroups + cohortGroups + registerGroups

    /// Every canonical service id, in taxonomy order.
    public static let services: [String] = [
        "nhs-health-check", "blood-pressure-check", "cervical-screening", "breast-screening", "bowel-screening",
        "aaa-screening", "flu-vaccination", "covid-vaccination", "shingles-vaccination", "rsv-vaccination",
        "pneumococcal-vaccination", "childhood-immunisations", "smoking-cessation", "alcohol-support",
        "weight-management", "diabetes-prevention", "diabetes-review", "asthma-review", "copd-review",
        "talking-therapies", "smi-health-check", "learning-disability-health-check", "memory-assessment",
        "carers-support", "social-prescribing", "contraception-sexual-health", "menopause-support",
        "medication-review", "pharmacy-first", "nhs-app", "falls-prevention", "sight-hearing-checks",
    ]

    /// The kind of a canonical group id, or nil when `id` is not one.
    public static func kind(ofGroup id: String) -> GroupKind? {
        if ageSexGroups.contains(id) { return .ageSex }
        if cohortGroups.contains(id) { return .cohort }
        if registerGroups.contains(id) { return .register }
        return nil
    }

    public static func isGroup(_ id: String) -> Bool { groups.contains(id) }
    public static func isService(_ id: String) -> Bool { services.contains(id) }
}
