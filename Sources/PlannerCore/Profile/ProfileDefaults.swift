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

    /// ASSUMPTION (issue 11): a clinician's time a week for signing off campaigns when the
    /// profile does not say: one hour, four sign-offs of a quarter of an hour each.
    public static let clinicianHoursPerWeek = 1.0

    /// Planning defaults named in the quarter-plan issue (issue 5).
    public static let campaignsPerWeek = 2
    public static let minDaysBetweenContacts = 14
    /// Texts and letters one person may get in a quarter (issue 10's default).
    public static let maxDirectContactsPerQuarter = 4
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
}
