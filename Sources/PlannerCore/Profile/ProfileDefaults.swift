/// Default values for profile fields a practice leaves out, each with where it comes from.
/// docs/profile.md repeats them in plain words for practice managers.
public enum ProfileDefaults {
    public static let timeZone = "Europe/London"

    /// GOV.UK Notify's price per text-message fragment from 1 April 2026, 2.4p ex VAT
    /// (notifications-api migration 0547_new_sms_allowance_n_rate.py, rate 0.024; shared/reference/domain_facts.md §1.3).
    /// GP messaging gateways are reported at 2.2p to 2.64p per fragment (domain_facts §1.4), so 2.4p sits mid-range.
    public static let smsPricePerFragmentPence = 2.4

    /// ASSUMPTION (no source found): share of patients with a mobile number on record who have not opted
    /// out of texts. Ofcom (via Socitm, domain_facts §6) says mobile phones are the most common
    /// communication technology even among older people; practices should replace this with their own figure.
    public static let smsMobileCoverage = 0.85

    /// GOV.UK Notify's second-class letter, one sheet, ex VAT, from 5 January 2026: 73p, including
    /// paper, printing, envelope and postage (notifications-admin letter-pricing.html; domain_facts §1.3).
    public static let letterPricePence = 73.0

    /// ASSUMPTION: staff time for patient communication when the profile does not say.
    public static let commsHoursPerWeek = 3.0

    /// Planning defaults named in the quarter-plan issue (issue 5).
    public static let campaignsPerWeek = 2
    public static let minDaysBetweenContacts = 14
    public static let smsFragments = 2
    public static let olderShareForDirectContact = 0.20
    public static let workingHoursStart = ClockTime(hour: 9, minute: 0)
    public static let workingHoursEnd = ClockTime(hour: 17, minute: 0)

    /// Working days from ordering a letter to its arrival. GOV.UK Notify's economy post takes 3 to 6
    /// working days (letter-pricing.html; domain_facts §1.3); 5 leaves room for printing with second class too.
    public static let letterLeadDays = 5

    /// Most fragments a text may use: GOV.UK Notify accepts at most 918 characters, 6 fragments of 153
    /// (notifications-utils SMS_CHAR_COUNT_LIMIT; domain_facts §1.2).
    public static let maxSMSFragments = 6

    /// How a register or cohort spreads over ages when the profile gives only a count.
    public struct AgeProfile: Sendable, Hashable {
        /// Youngest age the group is spread over.
        public var minAge: Int
        /// Oldest age, nil for none.
        public var maxAge: Int?
        /// Where `minAge`/`maxAge` come from.
        public var ageSource: String
        /// ASSUMPTION: how many times more common the condition (or cohort) is among patients aged 75+
        /// than among younger eligible patients. Used only when the profile gives no `share75Plus`:
        /// share = pop75+ x r / (pop75+ x r + pop under 75), so a young list gets a small share and an
        /// old list a large one. Rough orders of magnitude; replace with the practice's own share.
        public var relativeRate75Plus: Double
    }

    /// Age spread per register and cohort id. QOF ages are from "QOF 2023-24 main findings"
    /// (domain_facts §8.1); "assumption" marks ages chosen where QOF sets none, so that
    /// children are not counted in adult conditions.
    public static let ageProfiles: [String: AgeProfile] = [
        "diabetes": AgeProfile(minAge: 17, maxAge: nil, ageSource: "QOF 17+", relativeRate75Plus: 3),
        "non-diabetic-hyperglycaemia": AgeProfile(minAge: 18, maxAge: nil, ageSource: "QOF 18+", relativeRate75Plus: 3),
        "hypertension": AgeProfile(minAge: 18, maxAge: nil, ageSource: "assumption 18+", relativeRate75Plus: 4),
        "coronary-heart-disease": AgeProfile(
            minAge: 40, maxAge: nil, ageSource: "assumption 40+", relativeRate75Plus: 5),
        "heart-failure": AgeProfile(minAge: 40, maxAge: nil, ageSource: "assumption 40+", relativeRate75Plus: 8),
        "atrial-fibrillation": AgeProfile(minAge: 40, maxAge: nil, ageSource: "assumption 40+", relativeRate75Plus: 8),
        "stroke-tia": AgeProfile(minAge: 40, maxAge: nil, ageSource: "assumption 40+", relativeRate75Plus: 5),
        "asthma": AgeProfile(minAge: 6, maxAge: nil, ageSource: "QOF 6+", relativeRate75Plus: 1),
        "copd": AgeProfile(minAge: 35, maxAge: nil, ageSource: "assumption 35+", relativeRate75Plus: 3),
        "chronic-kidney-disease": AgeProfile(minAge: 18, maxAge: nil, ageSource: "QOF 18+", relativeRate75Plus: 8),
        "cancer": AgeProfile(minAge: 18, maxAge: nil, ageSource: "assumption 18+", relativeRate75Plus: 5),
        "dementia": AgeProfile(minAge: 40, maxAge: nil, ageSource: "assumption 40+", relativeRate75Plus: 40),
        "depression": AgeProfile(minAge: 18, maxAge: nil, ageSource: "QOF 18+", relativeRate75Plus: 0.8),
        "serious-mental-illness": AgeProfile(
            minAge: 18, maxAge: nil, ageSource: "assumption 18+", relativeRate75Plus: 0.8),
        "learning-disability": AgeProfile(minAge: 0, maxAge: nil, ageSource: "QOF all ages", relativeRate75Plus: 0.3),
        "epilepsy": AgeProfile(minAge: 18, maxAge: nil, ageSource: "QOF 18+", relativeRate75Plus: 1),
        "osteoporosis": AgeProfile(minAge: 50, maxAge: nil, ageSource: "QOF 50+", relativeRate75Plus: 4),
        "obesity": AgeProfile(minAge: 18, maxAge: nil, ageSource: "QOF 18+", relativeRate75Plus: 0.8),
        "palliative-care": AgeProfile(minAge: 18, maxAge: nil, ageSource: "assumption 18+", relativeRate75Plus: 6),
        "carers": AgeProfile(minAge: 16, maxAge: nil, ageSource: "assumption 16+", relativeRate75Plus: 1),
        "smokers": AgeProfile(minAge: 15, maxAge: nil, ageSource: "QOF smoking 15+", relativeRate75Plus: 0.4),
        "care-home-residents": AgeProfile(minAge: 65, maxAge: nil, ageSource: "assumption 65+", relativeRate75Plus: 10),
        "veterans": AgeProfile(minAge: 18, maxAge: nil, ageSource: "assumption 18+", relativeRate75Plus: 2),
        "pregnant-and-new-parents": AgeProfile(
            minAge: 16, maxAge: 49, ageSource: "assumption 16-49", relativeRate75Plus: 0),
    ]

    /// The share aged 75+ used for a register or cohort: the profile's own figure when given,
    /// otherwise the relative-rate estimate described on `AgeProfile.relativeRate75Plus`.
    public static func share75Plus(of count: GroupCount, in list: PatientList) -> Double {
        if let s = count.share75Plus { return s }
        guard let age = ageProfiles[count.id] else { return 0 }
        let pop = list.population(minAge: age.minAge, maxAge: age.maxAge)
        var older = 0.0
        var younger = 0.0
        for band in AgeBand.all {
            if band.is75Plus { older += pop[band.index] } else { younger += pop[band.index] }
        }
        let weighted = older * age.relativeRate75Plus
        return weighted + younger > 0 ? weighted / (weighted + younger) : 0
    }
}
