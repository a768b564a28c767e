/// Everything the quarter planner needs, already resolved from the practice profile,
/// the calendars and the matcher. The planner reads nothing else: no files, no clock.
///
/// Group ids are plain strings and age bands `AgeBand` values, so that this module does not
/// depend on how the profile is parsed.
public struct PlanningInput: Sendable, Hashable, Codable {
    public var practiceName: String
    public var odsCode: String
    /// The quarter (or any window) being planned, `[from, to)`.
    public var window: DateWindow
    /// The practice's IANA zone, e.g. "Europe/London"; send times are wall-clock times in it.
    public var timeZone: String
    /// The awareness days the matcher found relevant, in any order.
    public var candidates: [PlanningCandidate]
    /// People per age band for each patient group id. Counts only, never patients.
    public var groupBands: [String: [AgeBandCount]]
    /// Share (0...1) of each group aged 75 or over; computed from `groupBands` when absent.
    public var groupOver75Share: [String: Double]
    public var channels: ChannelSettings
    public var constraints: PlanningConstraints
    public var effort: EffortEstimates
    /// Warnings found before planning (for example no bank-holiday data for a year);
    /// they are copied into the plan's warnings, sorted with the planner's own.
    public var inputWarnings: [PlanWarning]
    /// The manager's decisions from earlier plans, by stable id (issue 6).
    public var decisions: PlanningDecisions
    /// The practice's people (issue 10): when set, candidates with an `audience` are planned
    /// for the distinct people of that audience, and the contact gap and the per-person cap
    /// apply to people rather than group labels. Nil for inputs built from group counts only.
    public var people: PeopleModel? = nil
    /// Appointments per week of each service the practice limits (service id -> places).
    public var serviceCapacity: [String: Int] = [:]
    /// The practice's own response rates by service id (override `ResponseRates.sms`).
    public var responseRates: [String: Double] = [:]
    /// Plain names of groups, for audiences in words ("women aged 25 to 64").
    public var groupNames: [String: String] = [:]
    /// Today's date when the caller gives one (`--today`, issue 11): no prep task is due before
    /// it. nil plans as if all the prep lay ahead.
    public var today: CivilDate? = nil
    /// The items of the previous window's plan (issue 11, item 4): their prep, dates and
    /// contacts count against this plan's weekly limits and contact gap.
    public var previousItems: [PlanItem] = []

    public init(
        practiceName: String, odsCode: String, window: DateWindow, timeZone: String = "Europe/London",
        candidates: [PlanningCandidate], groupBands: [String: [AgeBandCount]],
        groupOver75Share: [String: Double] = [:], channels: ChannelSettings,
        constraints: PlanningConstraints = PlanningConstraints(), effort: EffortEstimates = EffortEstimates(),
        inputWarnings: [PlanWarning] = [], decisions: PlanningDecisions = PlanningDecisions()
    ) {
        self.practiceName = practiceName
        self.odsCode = odsCode
        self.window = window
        self.timeZone = timeZone
        self.candidates = candidates
        self.groupBands = groupBands
        self.groupOver75Share = groupOver75Share
        self.channels = channels
        self.constraints = constraints
        self.effort = effort
        self.inputWarnings = inputWarnings
        self.decisions = decisions
    }

    /// The 75+ share of `group`: the given figure, or the one implied by its age bands.
    public func over75Share(of group: String) -> Double {
        if let s = groupOver75Share[group] { return s }
        let bands = groupBands[group] ?? []
        let total = bands.reduce(0) { $0 + $1.people }
        guard total > 0 else { return 0 }
        let old = bands.filter(\.band.is75Plus).reduce(0) { $0 + $1.people }
        return Double(old) / Double(total)
    }
}

/// One awareness-day occurrence the practice could run a campaign for.
public struct PlanningCandidate: Sendable, Hashable, Codable {
    /// The normalised title (year suffix and decoration removed), e.g. "World Kidney Day".
    public var campaignTitle: String
    /// The feed's UID, carried through for traceability; never part of an id.
    public var sourceUid: String
    /// First day of the occurrence.
    public var start: CivilDate
    /// Exclusive end (the day after the last day).
    public var end: CivilDate
    /// Target patient group ids (sorted on use).
    public var groups: [String]
    /// Related service ids.
    public var services: [String]
    /// How relevant the day is to this practice, 0...1.
    public var relevance: Double
    /// The feed marks the date as provisional.
    public var tentative: Bool
    /// The matcher's reasons, in words.
    public var why: [String]
    /// Exactly who may receive a text or letter (issue 10); nil plans by group labels.
    public var audience: [AudienceRule]? = nil
    /// The service the day's texts and letters ask people to use; nil when the day asks for
    /// no action the practice offers (then it uses the website and social media only). Read
    /// only when `audience` is set.
    public var action: String? = nil
    /// Fragments of the campaign's SMS draft (issue 13): the planning run drafts every
    /// candidate's text before planning (the draft does not depend on the date), so SMS costs
    /// come from the words. Nil uses `ChannelSettings.smsFragments`, the estimate before a draft.
    public var smsFragments: Int? = nil

    public init(
        campaignTitle: String, sourceUid: String, start: CivilDate, end: CivilDate, groups: [String],
        services: [String] = [], relevance: Double, tentative: Bool = false, why: [String] = []
    ) {
        self.campaignTitle = campaignTitle
        self.sourceUid = sourceUid
        self.start = start
        self.end = end
        self.groups = groups
        self.services = services
        self.relevance = relevance
        self.tentative = tentative
        self.why = why
    }

    /// The stable campaign id: `slug(title)-YYYY-MM-DD` of the occurrence start.
    public var stableID: CampaignID { CampaignID(title: campaignTitle, start: start) }

    /// `stableID` as the text plan.json and decisions files hold.
    public var campaignID: String { stableID.rawValue }

    /// Days in the occurrence (at least 1).
    public var lengthInDays: Int { max(1, start.days(to: end)) }
}

/// People in one age band of a group.
public struct AgeBandCount: Sendable, Hashable, Codable {
    public var band: AgeBand
    public var people: Int

    public init(band: AgeBand, people: Int) {
        self.band = band
        self.people = people
    }
}

/// Money, coverage and reach per channel.
public struct ChannelSettings: Sendable, Hashable, Codable {
    /// Registered list size: the denominator for website and social coverage.
    public var listSize: Int
    /// Price of one SMS fragment in pence. Default 2.4p: GOV.UK Notify's rate from
    /// 1 April 2026 (alphagov/notifications-api migration 0547_new_sms_allowance_n_rate.py, rate
    /// 0.024). GP gateways charge about 2.2p (Gloucestershire ICB) to 2.64p (Heaton Road Surgery).
    public var smsPencePerFragment: Double
    /// Fragments per message until a draft exists (a 161-306 character GSM text is 2).
    public var smsFragments: Int
    /// SMS money for the whole window, in pence. Hard limit.
    public var smsBudgetPence: Int
    /// Share of a group with a mobile number on record and not opted out.
    public var smsCoverage: Double
    /// Price of one letter in pence. Default 73p: Notify second class, 1 sheet, from 5 Jan 2026
    /// (GOV.UK Notify letter pricing page; includes printing, envelope and postage, ex VAT).
    public var letterPence: Double
    /// Letter money for the whole window, in pence. Hard limit.
    public var letterBudgetPence: Int
    /// Share of a group with a usable postal address (nearly everyone registered).
    public var letterCoverage: Double
    /// Unique website visitors per month.
    public var websiteMonthlyVisits: Int
    /// Followers over all the practice's social accounts.
    public var socialFollowers: Int
    /// Share of each age band a channel reaches when it is used; defaults from
    /// `ReachTable.defaultReach` (ONS and Ofcom figures, cited there), overridable per band.
    public var reach: ReachTable

    public init(
        listSize: Int, smsPencePerFragment: Double = 2.4, smsFragments: Int = 2, smsBudgetPence: Int,
        smsCoverage: Double = 0.85, letterPence: Double = 73, letterBudgetPence: Int, letterCoverage: Double = 1.0,
        websiteMonthlyVisits: Int = 0, socialFollowers: Int = 0, reach: ReachTable = ReachTable()
    ) {
        self.listSize = listSize
        self.smsPencePerFragment = smsPencePerFragment
        self.smsFragments = smsFragments
        self.smsBudgetPence = smsBudgetPence
        self.smsCoverage = smsCoverage
        self.letterPence = letterPence
        self.letterBudgetPence = letterBudgetPence
        self.letterCoverage = letterCoverage
        self.websiteMonthlyVisits = websiteMonthlyVisits
        self.socialFollowers = socialFollowers
        self.reach = reach
    }

    /// Share of the list that sees the website in a month (visits / list size, at most 1).
    public var websiteCoverage: Double {
        listSize > 0 ? min(1, Double(websiteMonthlyVisits) / Double(listSize)) : 0
    }

    /// Share of the list that follows the practice (followers / list size, at most 1).
    public var socialCoverage: Double { listSize > 0 ? min(1, Double(socialFollowers) / Double(listSize)) : 0 }

    /// Price of one SMS message (all its fragments) in thousandths of a penny.
    var smsMilliPencePerMessage: Int { smsMilliPencePerMessage(fragments: nil) }

    /// Price of one SMS message of `fragments` fragments (the profile's estimate when nil), in
    /// thousandths of a penny.
    func smsMilliPencePerMessage(fragments: Int?) -> Int {
        Int((smsPencePerFragment * 1000).rounded()) * max(1, fragments ?? smsFragments)
    }
    var letterMilliPence: Int { Int((letterPence * 1000).rounded()) }

    public func budgetPence(_ channel: PlanChannel) -> Int? {
        switch channel {
        case .sms: return smsBudgetPence
        case .letter: return letterBudgetPence
        case .website, .social: return nil
        }
    }
}

/// A date when nothing is sent, with the reason shown to the manager.
public struct NonSendingDate: Sendable, Hashable, Comparable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case bankHoliday, quiet }
    public var date: CivilDate
    public var kind: Kind
    /// "Good Friday", "practice training afternoon".
    public var reason: String

    public init(date: CivilDate, kind: Kind, reason: String) {
        self.date = date
        self.kind = kind
        self.reason = reason
    }

    public static func < (a: NonSendingDate, b: NonSendingDate) -> Bool {
        (a.date, a.kind.rawValue, a.reason) < (b.date, b.kind.rawValue, b.reason)
    }
}

/// Capacity and contact rules.
public struct PlanningConstraints: Sendable, Hashable, Codable {
    /// Comms staff hours per ISO week.
    public var commsHoursPerWeek: Double
    /// At most this many campaigns with an item in one ISO week.
    public var campaignsPerWeek: Int
    /// At least this many days between two SMS/letter contacts to the same group.
    public var minDaysBetweenContacts: Int
    /// SMS go out inside these hours.
    public var workingHoursStart: ClockTime
    public var workingHoursEnd: ClockTime
    /// Preferred SMS send time (moved inside working hours when it falls outside).
    public var smsSendTime: ClockTime
    /// Bank holidays of the practice's nation and quiet dates.
    public var nonSendingDates: [NonSendingDate]
    /// A group with more than this share aged 75+ gets a letter or SMS, or a warning.
    public var olderShareForDirectContact: Double
    /// An SMS or letter batch for fewer people than this is not worth its staff time and is
    /// left out (unless it serves the 75+ rule); the money goes to other campaigns.
    public var minRecipientsPerBatch: Int
    /// At most this many texts and letters could reach one person in the window (issue 10,
    /// item 4; applies when the input has a people model).
    public var maxDirectContactsPerPerson: Int = 4
    /// Who moderates the practice's social media at weekends and on bank holidays (a role or
    /// a name, `channels.social.weekendModerator`). Without one, social posts are scheduled on
    /// working days only, like the website; with one, on any day but a quiet date (issue 11).
    public var socialWeekendModerator: String? = nil
    /// A clinician's hours per ISO week for clinical sign-off (`staff.clinicianHoursPerWeek`,
    /// issue 11): each campaign's one sign-off takes `EffortEstimates.signOffHours` of it in the
    /// week it is due.
    public var clinicianHoursPerWeek: Double = ProfileDefaults.clinicianHoursPerWeek
    /// For a window that touches more than one quarter (issue 11, item 5): each quarter's part
    /// of the window with its own scaled SMS and letter budget and per-person cap, each a hard
    /// limit of its own beside the window's totals. Empty for a window inside one quarter.
    public var quarterLimits: [QuarterLimit] = []

    public init(
        commsHoursPerWeek: Double = 4, campaignsPerWeek: Int = 2, minDaysBetweenContacts: Int = 14,
        workingHoursStart: ClockTime = ClockTime(hour: 8), workingHoursEnd: ClockTime = ClockTime(hour: 18, minute: 30),
        smsSendTime: ClockTime = ClockTime(hour: 10), nonSendingDates: [NonSendingDate] = [],
        olderShareForDirectContact: Double = 0.20, minRecipientsPerBatch: Int = 10
    ) {
        self.commsHoursPerWeek = commsHoursPerWeek
        self.campaignsPerWeek = campaignsPerWeek
        self.minDaysBetweenContacts = minDaysBetweenContacts
        self.workingHoursStart = workingHoursStart
        self.workingHoursEnd = workingHoursEnd
        self.smsSendTime = smsSendTime
        self.nonSendingDates = nonSendingDates
        self.olderShareForDirectContact = olderShareForDirectContact
        self.minRecipientsPerBatch = minRecipientsPerBatch
    }
}

/// One quarter's part of a window longer than a quarter, with its own limits (issue 11, item 5).
public struct QuarterLimit: Sendable, Hashable, Codable {
    /// The days of the window in the quarter: `[from, to)`.
    public var from: CivilDate
    public var to: CivilDate
    /// The quarterly budgets scaled to those days (nil: no budget set).
    public var smsBudgetPence: Int?
    public var letterBudgetPence: Int?
    /// Texts and letters one person may get in those days.
    public var maxDirectContactsPerPerson: Int

    public init(
        from: CivilDate, to: CivilDate, smsBudgetPence: Int?, letterBudgetPence: Int?, maxDirectContactsPerPerson: Int
    ) {
        self.from = from
        self.to = to
        self.smsBudgetPence = smsBudgetPence
        self.letterBudgetPence = letterBudgetPence
        self.maxDirectContactsPerPerson = maxDirectContactsPerPerson
    }

    func budget(_ channel: PlanChannel) -> Int? {
        channel == .sms ? smsBudgetPence : channel == .letter ? letterBudgetPence : nil
    }
}

/// Staff time per item and preparation lead times. The defaults are the planner's own
/// estimates for a small practice comms role, not published figures; practices override them.
public struct EffortEstimates: Sendable, Hashable, Codable {
    /// Hours per item: SMS (search, batch, checks) 0.5 h; letter (mail merge, proof, upload) 2 h;
    /// website page or banner 1 h; social post (copy, image, moderation) 0.75 h.
    public var hoursPerItem: [PlanChannel: Double]
    /// Working days before an item's date that its draft is due.
    public var draftLeadWorkingDays: Int
    /// Working days before an item's date that clinical sign-off is due.
    public var signOffLeadWorkingDays: Int
    /// Working days a letter needs between the print order and posting.
    public var letterPrintWorkingDays: Int
    /// Working days a letter takes to arrive: posted this many working days before the
    /// day so it lands in time (Notify economy post is 3-6 working days, GOV.UK Notify letter pricing page;
    /// second class is faster).
    public var letterDeliveryWorkingDays: Int
    /// A clinician's hours to sign off one campaign's texts, letters and posts together (issue
    /// 11). ASSUMPTION: a quarter of an hour to read a short text, a page and a post and check
    /// their facts and links; no published figure.
    public var signOffHours: Double = 0.25

    /// `signOffHours` in hundredths of an hour.
    public var signOffCentiHours: Int { Int((signOffHours * 100).rounded()) }

    public init(
        hoursPerItem: [PlanChannel: Double] = [.sms: 0.5, .letter: 2, .website: 1, .social: 0.75],
        draftLeadWorkingDays: Int = 10, signOffLeadWorkingDays: Int = 5, letterPrintWorkingDays: Int = 5,
        letterDeliveryWorkingDays: Int = 3
    ) {
        self.hoursPerItem = hoursPerItem
        self.draftLeadWorkingDays = draftLeadWorkingDays
        self.signOffLeadWorkingDays = signOffLeadWorkingDays
        self.letterPrintWorkingDays = letterPrintWorkingDays
        self.letterDeliveryWorkingDays = letterDeliveryWorkingDays
    }

    /// Effort of one item in hundredths of an hour (integer, so weekly sums are exact).
    public func centiHours(_ channel: PlanChannel) -> Int {
        // The defaults of `init` (a switch: a dictionary literal here was built on every call).
        let fallback: Double
        switch channel {
        case .sms: fallback = 0.5
        case .letter: fallback = 2
        case .website: fallback = 1
        case .social: fallback = 0.75
        }
        return Int(((hoursPerItem[channel] ?? fallback) * 100).rounded())
    }
}

/// Decisions the planner applies before planning, each by a stable id of plan.json. A
/// decision that breaks a constraint is kept and reported in a warning that names it; one
/// that matches nothing is reported as stale, never dropped silently. Channel swaps and text
/// changes are applied by the caller on top of the plan (they need no re-planning here).
public struct PlanningDecisions: Sendable, Hashable, Codable {
    /// Campaign ids to leave out.
    public var skip: [String]
    /// Campaign ids to plan first, ahead of relevance.
    public var pin: [String]
    /// Item id -> the date it must go on.
    public var move: [String: CivilDate]

    public init(skip: [String] = [], pin: [String] = [], move: [String: CivilDate] = [:]) {
        self.skip = skip
        self.pin = pin
        self.move = move
    }
}
