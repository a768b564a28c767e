/// A problem or caveat the manager should see, with the campaigns and items it concerns so
/// that a view can link it to them.
public struct PlanWarning: Sendable, Hashable, Comparable, Codable {
    /// What kind of warning it is. The raw values are the `code` strings of plan.json (a
    /// contract: never renamed); docs/warnings.md lists them for readers of the file.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// An SMS or letter budget cannot pay for the next batch the plan would have sent.
        case budgetUsedUp = "budget-used-up"
        /// A relevant awareness day is not in the plan (fewer than two channels could be placed).
        case dayNotFitted = "day-not-fitted"
        /// The feed marks a planned day's date as tentative: confirm it before prep starts.
        case tentativeDate = "tentative-date"
        /// The 75+ members of a mostly older group get no SMS or letter from a campaign.
        case olderGroupNoDirectContact = "older-group-no-direct-contact"
        /// No SMS or letter reaches a group all quarter.
        case groupWithoutContact = "group-without-contact"
        /// A targeted group has no age-band counts, so its recipients and reach are unknown.
        case groupWithoutCounts = "group-without-counts"
        /// A planned campaign could not use a channel (the reason is in the message).
        case channelDropped = "channel-dropped"
        /// The same day and start date appear more than once in the calendars; one is kept.
        case duplicateCampaign = "duplicate-campaign"
        /// A reminder or second item of a campaign was left out (the reason is in the message).
        case reminderDropped = "reminder-dropped"
        /// A campaign reaches its groups only through the website and social media.
        case onlineOnly = "online-only"
        /// A decision names an id that matches nothing in this plan; it was not applied.
        case staleDecision = "stale-decision"
        /// A decision breaks a planning rule; it is kept as decided.
        case decisionBreaksConstraint = "decision-breaks-constraint"
        /// A pin decision could not be honoured: the day did not fit.
        case decisionNotHonoured = "decision-not-honoured"
        /// SMS or letter batches for fewer people than the minimum were left out.
        case batchTooSmall = "batch-too-small"
        /// No bank-holiday data for a year the plan touches, so none were avoided in it.
        case noBankHolidayData = "no-bank-holiday-data"
        /// A text or letter sent in weekly waves still brings more bookings than the clinic's
        /// weekly capacity within the window: the demand needs more weeks.
        case capacityExceeded = "capacity-exceeded"
        /// A text or letter goes only to as many people as the clinic can book in the plan's
        /// weeks (the longest overdue first); the rest are left for next quarter.
        case capacityLimited = "capacity-limited"
        /// A draft has possible personal data of high severity (an NHS number, a phone number,
        /// a date of birth...) and no `allow` decision: it is kept out of every export (issue 13).
        case draftBlocked = "draft-blocked"
        /// A draft fails a check (reading age, SMS length, sender, phone route, code of conduct).
        case draftFailsChecks = "draft-fails-checks"
        /// A quarter of SMS or letter money is left while texts or letters were refused by the
        /// contact rules (per-person gap and cap, full weeks, staff hours): what binds is named.
        case budgetUnspent = "budget-unspent"
        /// Planning after its prep should have started (`--today`): items moved later or left
        /// out because a prep task would have been due before today (issue 11).
        case prepWindowMissed = "prep-window-missed"

        public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }
    }

    public var code: Code
    public var message: String
    /// The campaigns the warning concerns, sorted (empty when it concerns none, such as a
    /// missing bank-holiday year). Kept in the value only: plan.json does not carry it yet.
    public var campaignIDs: [CampaignID]
    /// The items the warning concerns, sorted; not in plan.json yet either.
    public var itemIDs: [ItemID]

    public init(code: Code, message: String, campaignIDs: [CampaignID] = [], itemIDs: [ItemID] = []) {
        self.code = code
        self.message = message
        self.campaignIDs = Array(Set(campaignIDs)).sorted()
        self.itemIDs = Array(Set(itemIDs)).sorted()
    }

    /// A warning about the campaigns and items named by `ids` as decisions and plan items
    /// hold them (an item id also names its campaign; text that is neither id is left out).
    public init(code: Code, message: String, concerning ids: [String]) {
        var campaigns: [CampaignID] = []
        var items: [ItemID] = []
        for id in ids {
            if let item = ItemID(rawValue: id) {
                items.append(item)
                campaigns.append(item.campaign)
            } else if let campaign = CampaignID(rawValue: id) {
                campaigns.append(campaign)
            }
        }
        self.init(code: code, message: message, campaignIDs: campaigns, itemIDs: items)
    }

    /// A warning about `items` and their campaigns.
    public init(code: Code, message: String, items: [PlanItem]) {
        self.init(code: code, message: message, concerning: items.flatMap { [$0.id, $0.campaign] })
    }

    /// Orders by code, then message (the order of plan.json), then ids.
    public static func < (a: PlanWarning, b: PlanWarning) -> Bool {
        if a.code != b.code { return a.code < b.code }
        if a.message != b.message { return a.message < b.message }
        if a.campaignIDs != b.campaignIDs { return a.campaignIDs.lexicographicallyPrecedes(b.campaignIDs) }
        return a.itemIDs.lexicographicallyPrecedes(b.itemIDs)
    }

    /// The warnings as a plan lists them: one per code and message (the ids of warnings that
    /// say the same thing are merged), sorted.
    public static func listed(_ warnings: [PlanWarning]) -> [PlanWarning] {
        var byText: [String: PlanWarning] = [:]
        for w in warnings {
            let key = w.code.rawValue + "\u{0}" + w.message
            if let seen = byText[key] {
                byText[key] = PlanWarning(
                    code: w.code, message: w.message, campaignIDs: seen.campaignIDs + w.campaignIDs,
                    itemIDs: seen.itemIDs + w.itemIDs)
            } else {
                byText[key] = w
            }
        }
        return byText.values.sorted()
    }
}
