/// A quarter plan: the values behind plan.json (issue 5, item 5). Money is whole pence and
/// effort whole hundredths of an hour, so totals are exact sums of the items.
public struct Plan: Sendable, Hashable, Codable {
    public var practiceName: String
    public var odsCode: String
    public var from: CivilDate
    /// Exclusive.
    public var to: CivilDate
    public var constraints: PlanConstraintsSummary
    /// Sorted by (date, id).
    public var items: [PlanItem]
    public var totals: PlanTotals
    /// Groups that no SMS or letter reaches all quarter (sorted).
    public var groupsWithoutContact: [String]
    /// Sorted by (code, message), one per code and message (`PlanWarning.listed`).
    public var warnings: [PlanWarning]
    /// Errors in input files that were read all the same (sorted; issue 12). Set by the
    /// planning run, not by the planner; plan.json writes the key only when there are some.
    public var inputErrors: [InputError] = []
    /// The practice's own phone number (the profile's `phone`), so that `planner check --plan`
    /// does not report it as personal data; set by the planning run, written only when known.
    public var practicePhone: String? = nil

    public init(
        practiceName: String, odsCode: String, from: CivilDate, to: CivilDate, constraints: PlanConstraintsSummary,
        items: [PlanItem], totals: PlanTotals, groupsWithoutContact: [String], warnings: [PlanWarning]
    ) {
        self.practiceName = practiceName
        self.odsCode = odsCode
        self.from = from
        self.to = to
        self.constraints = constraints
        self.items = items
        self.totals = totals
        self.groupsWithoutContact = groupsWithoutContact
        self.warnings = warnings
    }

    /// The distinct campaign ids in the plan, sorted.
    public var campaignIDs: [String] { Array(Set(items.map(\.campaign))).sorted() }
}

/// One thing to send or publish.
public struct PlanItem: Sendable, Hashable, Codable {
    /// `<campaign id>-<channel>-<n>`: never contains the send date or the feed's uid.
    public var id: String
    /// `slug(title)-<occurrence start YYYY-MM-DD>`.
    public var campaign: String
    public var sourceUid: String
    public var title: String
    public var groups: [String]
    public var services: [String]
    public var channel: PlanChannel
    /// The day it is sent, posted or published.
    public var date: CivilDate
    /// Send time in the practice's zone (SMS only).
    public var time: ClockTime?
    /// People it is sent to (nil for website and social).
    public var recipients: Int?
    /// Expected people reached, counting each person once per campaign (see `why`).
    public var expectedReach: Int
    public var costPence: Int
    public var effortCentiHours: Int
    public var prepTasks: [PrepTask]
    public var why: [String]
    /// The message text the practice wrote for this item (a `text` decision), if any.
    public var text: String? = nil
    /// Exactly who receives a text or letter (planning for people), as search lines.
    public var audience: [AudienceRule]? = nil
    /// Weekly waves when a clinic's capacity limits bookings: the first is `date`; the
    /// item's recipients and cost are their sums.
    public var waves: [PlanWave]? = nil
    /// Bookings expected from the item (when the service it promotes has a weekly capacity).
    public var expectedResponses: Int? = nil
    /// When the clinic cannot book everyone the audience selects this quarter: only the first
    /// `count` of them, in `order`, get it (issue 10, item 5); nil when everyone does.
    public var limit: PlanLimit? = nil
    /// The clinical sign-off, once an `approve` decision records it (issue 15).
    public var approval: ItemApproval? = nil
    /// The item's ready-to-send words and their checks (issue 13); nil until the planning run drafts them.
    public var draft: PlanDraft? = nil
    /// A poster or reception note, on the first online item of a campaign that reaches its
    /// people only online (no text or letter), for those who are not.
    public var poster: PlanDraft? = nil

    public init(
        id: String, campaign: String, sourceUid: String, title: String, groups: [String], services: [String],
        channel: PlanChannel, date: CivilDate, time: ClockTime?, recipients: Int?, expectedReach: Int, costPence: Int,
        effortCentiHours: Int, prepTasks: [PrepTask], why: [String]
    ) {
        self.id = id
        self.campaign = campaign
        self.sourceUid = sourceUid
        self.title = title
        self.groups = groups
        self.services = services
        self.channel = channel
        self.date = date
        self.time = time
        self.recipients = recipients
        self.expectedReach = expectedReach
        self.costPence = costPence
        self.effortCentiHours = effortCentiHours
        self.prepTasks = prepTasks
        self.why = why
    }

    public var effortHours: Double { Double(effortCentiHours) / 100 }
    public var isDirect: Bool { channel.isDirect }
}

/// How many of a text's or letter's audience get it, and which first: "take the first 1,200,
/// longest overdue first".
public struct PlanLimit: Sendable, Hashable, Codable {
    public var count: Int
    /// "longest overdue first" (screening, reviews) or "oldest first" (vaccinations).
    public var order: String

    public init(count: Int, order: String) {
        self.count = count
        self.order = order
    }
}

/// One wave of a text or letter sent in weekly waves.
public struct PlanWave: Sendable, Hashable, Codable {
    public var date: CivilDate
    public var recipients: Int

    public init(date: CivilDate, recipients: Int) {
        self.date = date
        self.recipients = recipients
    }
}

/// A preparation step with its due date (a working day).
public struct PrepTask: Sendable, Hashable, Codable {
    public var task: String
    public var due: CivilDate
    /// Hours the task takes, in hundredths (issue 11): staff time, booked in the week the task
    /// is due; for the clinical sign-off, a clinician's time. 0 in plans written before.
    public var centiHours: Int

    public init(task: String, due: CivilDate, centiHours: Int = 0) {
        self.task = task
        self.due = due
        self.centiHours = centiHours
    }
}

/// The constraints the plan applied, echoed into plan.json.
public struct PlanConstraintsSummary: Sendable, Hashable, Codable {
    public var commsCentiHoursPerWeek: Int
    public var campaignsPerWeek: Int
    public var minDaysBetweenContacts: Int
    public var workingHoursStart: ClockTime
    public var workingHoursEnd: ClockTime
    /// Inside the window, sorted.
    public var quietDates: [NonSendingDate]
    public var bankHolidays: [NonSendingDate]
    /// Each targeted group's 75+ share, sorted by group id.
    public var groupOver75Shares: [GroupShare]
    public var olderShareForDirectContact: Double
    /// A clinician's hours a week for sign-off, in hundredths (issue 11; 0 in plans written before).
    public var clinicianCentiHoursPerWeek: Int = 0

    public init(
        commsCentiHoursPerWeek: Int, campaignsPerWeek: Int, minDaysBetweenContacts: Int, workingHoursStart: ClockTime,
        workingHoursEnd: ClockTime, quietDates: [NonSendingDate], bankHolidays: [NonSendingDate],
        groupOver75Shares: [GroupShare], olderShareForDirectContact: Double
    ) {
        self.commsCentiHoursPerWeek = commsCentiHoursPerWeek
        self.campaignsPerWeek = campaignsPerWeek
        self.minDaysBetweenContacts = minDaysBetweenContacts
        self.workingHoursStart = workingHoursStart
        self.workingHoursEnd = workingHoursEnd
        self.quietDates = quietDates
        self.bankHolidays = bankHolidays
        self.groupOver75Shares = groupOver75Shares
        self.olderShareForDirectContact = olderShareForDirectContact
    }
}

public struct GroupShare: Sendable, Hashable, Codable {
    public var group: String
    public var share: Double

    public init(group: String, share: Double) {
        self.group = group
        self.share = share
    }
}

/// Money and effort totals; always the exact sums of the items.
public struct PlanTotals: Sendable, Hashable, Codable {
    public struct ChannelTotal: Sendable, Hashable, Codable {
        public var channel: PlanChannel
        public var costPence: Int
        public var budgetPence: Int?
        public var items: Int

        public init(channel: PlanChannel, costPence: Int, budgetPence: Int?, items: Int) {
            self.channel = channel
            self.costPence = costPence
            self.budgetPence = budgetPence
            self.items = items
        }
    }

    public struct WeekEffort: Sendable, Hashable, Codable {
        /// "2027-W01".
        public var week: String
        public var centiHours: Int

        public init(week: String, centiHours: Int) {
            self.week = week
            self.centiHours = centiHours
        }
    }

    /// One entry per channel in fixed order (sms, letter, website, social).
    public var channels: [ChannelTotal]
    /// Sorted by week label.
    public var effortByWeek: [WeekEffort]
    /// A clinician's hours for sign-off by the week each is due, sorted by week label (issue 11).
    public var clinicianByWeek: [WeekEffort]

    public init(channels: [ChannelTotal], effortByWeek: [WeekEffort], clinicianByWeek: [WeekEffort] = []) {
        self.channels = channels
        self.effortByWeek = effortByWeek
        self.clinicianByWeek = clinicianByWeek
    }

    /// The totals of `items`: cost and count per channel (with its budget from `settings`) and
    /// staff hours per ISO week, each prep task's hours in the week it is due (issue 11: the
    /// week the work happens, which may be before the plan starts).
    public init(items: [PlanItem], channels settings: ChannelSettings) {
        channels = PlanChannel.allCases.map { x in
            let mine = items.filter { $0.channel == x }
            return ChannelTotal(
                channel: x, costPence: mine.reduce(0) { $0 + $1.costPence }, budgetPence: settings.budgetPence(x),
                items: mine.count)
        }
        var byWeek: [String: Int] = [:]
        var clinician: [String: Int] = [:]
        for it in items {
            for t in it.prepTasks where t.centiHours > 0 {
                if t.isSignOff {
                    clinician[t.due.isoWeekLabel, default: 0] += t.centiHours
                } else {
                    byWeek[t.due.isoWeekLabel, default: 0] += t.centiHours
                }
            }
        }
        effortByWeek = byWeek.keys.sorted().map { WeekEffort(week: $0, centiHours: byWeek[$0]!) }
        clinicianByWeek = clinician.keys.sorted().map { WeekEffort(week: $0, centiHours: clinician[$0]!) }
    }
}
