/// A GP practice as the planner sees it: who is on its list, what it offers, how it can
/// reach patients and what it can afford. Read from a human-edited YAML file (see
/// docs/profile.md); every value here has already been validated.
///
/// The schema is the whole planner's: sections the quarter plan and the decisions file
/// read (`planning`, `decisionsFile`) are optional and carry documented defaults.
public struct PracticeProfile: Sendable, Hashable, Codable {
    public var name: String
    /// ODS practice code, upper-cased (a letter then five letters or digits), when given.
    public var odsCode: String?
    public var nation: Nation
    /// IANA time zone name; SMS send times are in this zone.
    public var timeZone: String
    /// Registered patients. Equals `list.total` once validated.
    public var listSize: Int
    public var list: PatientList
    /// QOF register counts, sorted by group id.
    public var registers: [GroupCount]
    /// Coded cohort counts (carers, smokers, ...), sorted by group id.
    public var cohorts: [GroupCount]
    /// Services the practice offers or promotes, sorted by id.
    public var services: [OfferedService]
    public var channels: Channels
    public var staff: Staff
    /// Dates on which no SMS or letter goes out, sorted.
    public var quietDates: [QuietPeriod]
    public var planning: PlanningSettings
    /// Path of the decisions file, as written (relative paths are relative to the profile's folder).
    public var decisionsFile: String?
    /// Who does each role the prep tasks name (the `team` section), in role order.
    public var team: [TeamMember] = []
    /// Who the weekly digest email comes from and goes to (the `digest` section).
    public var digest: DigestSettings? = nil
    /// The practice's own uptake of a programme or service where it knows it (service id ->
    /// share 0...1, `uptake:` in the profile), e.g. cervical-screening 0.68. A figure below the
    /// national standard ranks that programme's days higher (issue 11, D).
    public var uptake: [String: Double] = [:]
    /// The practice's phone number as patients dial it ("01632 960123"): the route in letters,
    /// posters and news items for people who are not online (issue 13).
    public var phone: String? = nil
    /// A folder of the practice's own mustache templates (`sms.mustache`, the digest's
    /// `digest-text.mustache`, ...), as written; relative to the profile's folder. Nil uses the
    /// bundled templates.
    public var templates: String? = nil
    /// How the practice's texts are counted and charged: GOV.UK Notify's way (the default) or a
    /// raw gateway's.
    public var smsGateway: SMSGateway = .notify

    public init(
        name: String, odsCode: String? = nil, nation: Nation = .england, timeZone: String = ProfileDefaults.timeZone,
        listSize: Int? = nil, list: PatientList, registers: [GroupCount] = [], cohorts: [GroupCount] = [],
        services: [OfferedService] = [], channels: Channels = Channels(), staff: Staff = Staff(),
        quietDates: [QuietPeriod] = [], planning: PlanningSettings = PlanningSettings(), decisionsFile: String? = nil,
        uptake: [String: Double] = [:]
    ) {
        self.uptake = uptake
        self.name = name
        self.odsCode = odsCode
        self.nation = nation
        self.timeZone = timeZone
        self.listSize = listSize ?? list.total
        self.list = list
        self.registers = registers.sorted { $0.id < $1.id }
        self.cohorts = cohorts.sorted { $0.id < $1.id }
        self.services = services.sorted { $0.id < $1.id }
        self.channels = channels
        self.staff = staff
        self.quietDates = quietDates.sorted()
        self.planning = planning
        self.decisionsFile = decisionsFile
    }

    /// The register or cohort count recorded for `groupId`, if any.
    public func recordedCount(ofGroup groupId: String) -> GroupCount? {
        registers.first { $0.id == groupId } ?? cohorts.first { $0.id == groupId }
    }

    /// The offered service with `id`, if the practice offers it.
    public func service(_ id: String) -> OfferedService? { services.first { $0.id == id } }

    public func offers(_ serviceId: String) -> Bool { service(serviceId) != nil }

    /// True when `date` falls in one of the quiet periods.
    public func isQuiet(_ date: CivilDate) -> Bool { quietDates.contains { $0.contains(date) } }
}

/// The UK nation a practice is in: decides which bank holidays apply. QOF registers are
/// England's scheme (Wales, Scotland and Northern Ireland keep similar disease registers).
public enum Nation: String, Sendable, Hashable, Codable, CaseIterable {
    case england, wales, scotland
    case northernIreland = "northern-ireland"

    /// The GOV.UK bank-holiday division for this nation.
    public var bankHolidayDivision: String {
        switch self {
        case .england, .wales: return "england-and-wales"
        case .scotland: return "scotland"
        case .northernIreland: return "northern-ireland"
        }
    }
}

/// A register or cohort count, with the share of it aged 75 and over when the practice knows it.
public struct GroupCount: Sendable, Hashable, Codable {
    /// Canonical group id ("diabetes", "care-home-residents").
    public var id: String
    public var count: Int
    /// Share aged 75+ as written in the profile (0...1), or nil to use the default
    /// (`ProfileDefaults.share75Plus(ofGroup:in:)`).
    public var share75Plus: Double?

    public init(id: String, count: Int, share75Plus: Double? = nil) {
        self.id = id
        self.count = count
        self.share75Plus = share75Plus
    }
}

/// How patients book a service.
public enum BookingRoute: String, Sendable, Hashable, Codable, CaseIterable {
    case phone, online
    case walkIn = "walk-in"
    case textLink = "text-link"
    case nhsApp = "nhs-app"
    case selfReferral = "self-referral"
}

/// A service the practice offers (or promotes, for services run by others).
public struct OfferedService: Sendable, Hashable, Codable {
    /// Canonical service id ("flu-vaccination").
    public var id: String
    /// Appointments or places per week, when limited.
    public var weeklyCapacity: Int?
    public var bookingRoute: BookingRoute?

    public init(id: String, weeklyCapacity: Int? = nil, bookingRoute: BookingRoute? = nil) {
        self.id = id
        self.weeklyCapacity = weeklyCapacity
        self.bookingRoute = bookingRoute
    }
}

/// The ways the practice can reach patients.
public struct Channels: Sendable, Hashable, Codable {
    /// Text messages; nil when the profile has no `sms` section (the planner sends none).
    public var sms: SMSChannel?
    /// Printed letters; nil when the profile has no `letters` section (the planner sends none).
    public var letters: LetterChannel?
    /// The practice website; nil when the profile has no `website` section.
    public var website: WebsiteChannel?
    /// Social media accounts, sorted by platform.
    public var social: [SocialAccount]
    /// Who moderates social media at weekends and on bank holidays (a role or a name); nil
    /// when no one does, and posts are then scheduled on working days only (issue 11).
    public var socialWeekendModerator: String? = nil

    public init(
        sms: SMSChannel? = nil, letters: LetterChannel? = nil, website: WebsiteChannel? = nil,
        social: [SocialAccount] = []
    ) {
        self.sms = sms
        self.letters = letters
        self.website = website
        self.social = social.sorted { $0.platform.rawValue < $1.platform.rawValue }
    }
}

public struct SMSChannel: Sendable, Hashable, Codable {
    /// Price of one 160-character fragment, in pence.
    public var pricePerFragmentPence: Double
    /// Alphanumeric sender id shown on phones (at most 11 characters), when set.
    public var senderName: String?
    /// Money for SMS per quarter, in pounds; nil means none set (the planner spends nothing).
    public var quarterlyBudget: Double?
    /// Share (0...1) of patients with a mobile number on record who have not opted out of texts.
    public var mobileCoverage: Double

    public init(
        pricePerFragmentPence: Double = ProfileDefaults.smsPricePerFragmentPence, senderName: String? = nil,
        quarterlyBudget: Double? = nil, mobileCoverage: Double = ProfileDefaults.smsMobileCoverage
    ) {
        self.pricePerFragmentPence = pricePerFragmentPence
        self.senderName = senderName
        self.quarterlyBudget = quarterlyBudget
        self.mobileCoverage = mobileCoverage
    }
}

public struct LetterChannel: Sendable, Hashable, Codable {
    /// Price of one letter (print, envelope and postage), in pence.
    public var pricePence: Double
    /// Money for letters per quarter, in pounds; nil means none set (the planner spends nothing).
    public var quarterlyBudget: Double?

    public init(pricePence: Double = ProfileDefaults.letterPricePence, quarterlyBudget: Double? = nil) {
        self.pricePence = pricePence
        self.quarterlyBudget = quarterlyBudget
    }
}

public struct WebsiteChannel: Sendable, Hashable, Codable {
    /// Visits per month (from the site's analytics), when known.
    public var monthlyVisits: Int?

    public init(monthlyVisits: Int? = nil) { self.monthlyVisits = monthlyVisits }
}

/// Social media platforms a practice may post on.
public enum SocialPlatform: String, Sendable, Hashable, Codable, CaseIterable {
    case facebook, instagram, x, tiktok, linkedin, nextdoor, youtube, threads, bluesky, whatsapp
}

public struct SocialAccount: Sendable, Hashable, Codable {
    public var platform: SocialPlatform
    public var followers: Int

    public init(platform: SocialPlatform, followers: Int) {
        self.platform = platform
        self.followers = followers
    }
}

public struct Staff: Sendable, Hashable, Codable {
    /// Staff hours per week available for patient communication (writing, sign-off, sending, posting).
    public var commsHoursPerWeek: Double
    /// A clinician's hours per week for clinical sign-off (issue 11): a limit of its own, apart
    /// from the comms staff's hours.
    public var clinicianHoursPerWeek: Double

    public init(
        commsHoursPerWeek: Double = ProfileDefaults.commsHoursPerWeek,
        clinicianHoursPerWeek: Double = ProfileDefaults.clinicianHoursPerWeek
    ) {
        self.commsHoursPerWeek = commsHoursPerWeek
        self.clinicianHoursPerWeek = clinicianHoursPerWeek
    }
}

/// A day or run of days (both ends included) when no SMS or letter should go out.
public struct QuietPeriod: Sendable, Hashable, Comparable, Codable {
    public var from: CivilDate
    /// Last quiet day (inclusive).
    public var to: CivilDate
    public var reason: String?

    public init(from: CivilDate, to: CivilDate? = nil, reason: String? = nil) {
        self.from = from
        self.to = to ?? from
        self.reason = reason
    }

    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= to }

    public static func < (a: QuietPeriod, b: QuietPeriod) -> Bool {
        (a.from, a.to, a.reason ?? "") < (b.from, b.to, b.reason ?? "")
    }
}

/// Values per age band (nil where the profile gives none), `AgeBand.count` entries.
public struct BandValues: Sendable, Hashable, Codable {
    public var values: [Double?]

    public init(values: [Double?] = Array(repeating: nil, count: AgeBand.count)) {
        precondition(values.count == AgeBand.count, "one value per age band")
        self.values = values
    }

    public subscript(band: AgeBand) -> Double? {
        get { values[band.index] }
        set { values[band.index] = newValue }
    }

    public var isEmpty: Bool { values.allSatisfy { $0 == nil } }
}

/// Constraints and tuning for the quarter plan. Every field has a default.
public struct PlanningSettings: Sendable, Hashable, Codable {
    /// At most this many campaigns in one ISO week (Monday to Sunday).
    public var campaignsPerWeek: Int
    /// At least this many days between two direct contacts (SMS or letter) to the same group.
    public var minDaysBetweenContacts: Int
    /// At most this many direct contacts (SMS or letter, each wave counted) to one person in a quarter.
    public var maxDirectContactsPerQuarter: Int = ProfileDefaults.maxDirectContactsPerQuarter
    /// SMS are sent between these times (practice time zone), on working days.
    public var workingHours: WorkingHours
    /// SMS fragments assumed per message until a draft exists.
    public var smsFragments: Int
    /// A targeted group with more than this share aged 75+ gets a letter or SMS (or a warning).
    public var olderShareForDirectContact: Double
    /// Working days between a letter's print order and its arrival.
    public var letterLeadDays: Int
    /// Staff hours per item of each kind, where the practice overrides the planner's estimate.
    public var effortHours: [PlanChannel: Double]
    /// Share of each age band a channel reaches, where the practice overrides the planner's defaults.
    public var reach: [PlanChannel: BandValues]

    public init(
        campaignsPerWeek: Int = ProfileDefaults.campaignsPerWeek,
        minDaysBetweenContacts: Int = ProfileDefaults.minDaysBetweenContacts,
        workingHours: WorkingHours = WorkingHours(), smsFragments: Int = ProfileDefaults.smsFragments,
        olderShareForDirectContact: Double = ProfileDefaults.olderShareForDirectContact,
        letterLeadDays: Int = ProfileDefaults.letterLeadDays,
        effortHours: [PlanChannel: Double] = [:], reach: [PlanChannel: BandValues] = [:]
    ) {
        self.campaignsPerWeek = campaignsPerWeek
        self.minDaysBetweenContacts = minDaysBetweenContacts
        self.workingHours = workingHours
        self.smsFragments = smsFragments
        self.olderShareForDirectContact = olderShareForDirectContact
        self.letterLeadDays = letterLeadDays
        self.effortHours = effortHours
        self.reach = reach
    }

    /// The practice's reach override for `channel` in `band`, if any.
    public func reachOverride(_ channel: PlanChannel, _ band: AgeBand) -> Double? { reach[channel]?[band] }
}

public struct WorkingHours: Sendable, Hashable, Codable {
    public var start: ClockTime
    public var end: ClockTime

    public init(
        start: ClockTime = ProfileDefaults.workingHoursStart, end: ClockTime = ProfileDefaults.workingHoursEnd
    ) {
        self.start = start
        self.end = end
    }
}
