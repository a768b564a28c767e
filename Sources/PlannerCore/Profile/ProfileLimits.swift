/// The largest (and smallest) value the profile reader accepts for each number, so that a
/// slip of the keyboard (an extra digit, a number pasted into the wrong field) is caught when the
/// profile is read, and no sum or product the planner works out from a profile can overflow.
///
/// These are plausibility limits, not facts about any practice: each is well above what a real
/// practice would write. docs/profile.md lists them for practice managers ("Limits").
public enum ProfileLimits {
    /// Registered patients on one list (and the sum of the age bands). England's largest
    /// single-practice lists are far smaller; a quarter of a million leaves room for any merger.
    public static let listSize = 250_000
    /// Patients of one sex in one five-year age band.
    public static let band = 100_000
    /// Appointments or places a week for one service.
    public static let weeklyCapacity = 10_000
    /// Website visits a month.
    public static let monthlyVisits = 5_000_000
    /// Followers of one social media account.
    public static let followers = 1_000_000
    /// Price of one text fragment or one letter, in pence (£10).
    public static let pricePence = 1_000.0
    /// Money per quarter for one channel, in pounds.
    public static let quarterlyBudgetPounds = 100_000.0
    /// Staff hours a week for patient communication (about two and a half full-time posts).
    public static let commsHoursPerWeek = 100.0
    /// Staff hours one plan item may take.
    public static let effortHoursPerItem = 40.0
    /// Campaigns in one week.
    public static let campaignsPerWeek = 20
    /// Days between two texts or letters to the same group: a quarter has about 91.
    public static let minDaysBetweenContacts = 90
    /// Texts and letters one person may get in a quarter: at most one a day.
    public static let maxDirectContactsPerQuarter = 92
    /// Working days from ordering a letter to its arrival.
    public static let letterLeadDays = 30
    /// Years a quiet date may fall in.
    public static let quietDateYears = 2000...2099
}
