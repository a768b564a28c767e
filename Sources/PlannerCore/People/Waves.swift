/// Expected bookings from a text or letter, and the waves that keep them within a clinic's
/// weekly capacity (issue 10, item 5).
///
/// Model (ASSUMPTION, stated so a practice can judge it): of the people who respond to one
/// wave, `firstWeekShare` book in the week the wave goes out and the rest in the week after.
/// UK and Dutch trials report that most responses to an SMS invitation come within two weeks
/// of it (Netherlands COVID-19 booster RCTs: effect strongest at day 6; Taiwan 65+ cohort:
/// most vaccinations within 2 weeks of the reminder).
public enum WavePlan {
    /// Share of a wave's responses booked in its own week; the rest book the week after.
    public static let firstWeekShare = 0.7

    /// One wave: the day offset from the first wave and the people it goes to.
    public struct Wave: Sendable, Hashable, Codable {
        public var dayOffset: Int
        public var recipients: Int

        public init(dayOffset: Int, recipients: Int) {
            self.dayOffset = dayOffset
            self.recipients = recipients
        }
    }

    public struct Result: Sendable, Hashable {
        /// Weekly waves, first at offset 0; one wave when no capacity limits the item.
        public var waves: [Wave]
        /// Expected bookings from all waves.
        public var expectedResponses: Int
        /// The busiest week's expected bookings.
        public var peakWeeklyBookings: Double
        /// True when the waves do not fit in `maxWeeks`: the last waves were made larger
        /// than capacity allows (the plan warns).
        public var exceedsCapacity: Bool
        /// Weeks the demand needs at the capacity.
        public var weeksNeeded: Int
    }

    /// People one weekly wave may go to so that a steady week books no more than
    /// `weeklyCapacity` (see `split`); nil when nothing limits it.
    public static func perWave(responseRate: Double, weeklyCapacity: Int?) -> Int? {
        let rate = min(1, max(0, responseRate))
        guard let capacity = weeklyCapacity, capacity > 0, rate > 0 else { return nil }
        return max(1, Int((Double(capacity) / rate).rounded(.down)))
    }

    /// The most people `maxWeeks` weekly waves can invite within `weeklyCapacity`: a text or
    /// letter to more is cut to this many (the longest overdue first) and the rest wait for the
    /// next quarter (issue 10, item 5). Nil when nothing limits it.
    public static func limit(responseRate: Double, weeklyCapacity: Int?, maxWeeks: Int) -> Int? {
        perWave(responseRate: responseRate, weeklyCapacity: weeklyCapacity).map { $0 * max(1, maxWeeks) }
    }

    /// Weeks of waves `recipients` need at `weeklyCapacity` (1 when nothing limits them).
    public static func weeksNeeded(recipients: Int, responseRate: Double, weeklyCapacity: Int?) -> Int {
        guard let w = perWave(responseRate: responseRate, weeklyCapacity: weeklyCapacity), recipients > 0 else { return 1 }
        return (recipients + w - 1) / w
    }

    /// Splits `recipients` into weekly waves so that expected bookings in any week stay
    /// within `weeklyCapacity` (nil: no limit, one wave), using at most `maxWeeks` waves.
    ///
    /// With waves of w people a week, a steady week books `rate * w` (this week's first part
    /// plus last week's rest), so w = capacity / rate keeps every week within capacity.
    public static func split(recipients: Int, responseRate: Double, weeklyCapacity: Int?, maxWeeks: Int) -> Result {
        let rate = min(1, max(0, responseRate))
        let n = max(0, recipients)
        let expected = Int((Double(n) * rate).rounded())
        guard let capacity = weeklyCapacity, capacity > 0, rate > 0, n > 0 else {
            return Result(
                waves: [Wave(dayOffset: 0, recipients: n)], expectedResponses: expected,
                peakWeeklyBookings: Double(n) * rate * firstWeekShare, exceedsCapacity: false, weeksNeeded: 1)
        }
        let perWave = Self.perWave(responseRate: rate, weeklyCapacity: capacity) ?? n
        let needed = (n + perWave - 1) / perWave
        let weeks = max(1, min(needed, maxWeeks))
        // Even split over the weeks used (sizes differ by at most one; larger first).
        var waves: [Wave] = []
        for k in 0..<weeks {
            let size = n / weeks + (k < n % weeks ? 1 : 0)
            if size > 0 { waves.append(Wave(dayOffset: 7 * k, recipients: size)) }
        }
        var peak = 0.0
        for k in 0...waves.count {
            let this = k < waves.count ? Double(waves[k].recipients) * firstWeekShare : 0
            let last = k > 0 ? Double(waves[k - 1].recipients) * (1 - firstWeekShare) : 0
            peak = max(peak, (this + last) * rate)
        }
        return Result(
            waves: waves, expectedResponses: expected, peakWeeklyBookings: peak,
            exceedsCapacity: needed > maxWeeks, weeksNeeded: needed)
    }
}

/// Share of recipients expected to book within about four weeks of an invitation, per
/// service and channel (issue 10, item 5). A profile may override any of them
/// (`planning.responseRates`).
///
/// ASSUMPTION throughout: planning heuristics, not measured rates. They are derived from
/// the UK trial results below and should be replaced by the practice's own figures after one
/// cycle:
/// - Cervical screening: GP-endorsed SMS reminders raised attendance at 18 weeks from 26-34%
///   to 31-38% (Huf et al., Preventive Medicine 2020, north-west London); 10% within 4 weeks.
/// - NHS Health Check: letter alone 18%, letter and reminder SMS 27-30% (Sallis et al., BMC
///   Public Health 2019, Southwark); 12% within 4 weeks.
/// - Seasonal flu 65+: 77-80% season uptake (UKHSA GP patient reports 2022/23 to 2024/25);
///   40% book within 4 weeks of the first invitation.
/// - Long-term-condition reviews: two coded invitations per QOF year are the norm (QOF
///   personalised-care-adjustment rules); 35% per invitation wave.
/// - Stop smoking support: no trial figure found; 3%.
public enum ResponseRates {
    /// Rates for an SMS invitation; a letter is taken as 0.8 of it (letters reach fewer
    /// people within four weeks: post takes 3-6 working days and prompts no one-tap booking).
    public static let sms: [String: Double] = [
        "aaa-screening": 0.30,
        "asthma-review": 0.35,
        "blood-pressure-check": 0.15,
        "bowel-screening": 0.05,
        "breast-screening": 0.10,
        "cervical-screening": 0.10,
        "childhood-immunisations": 0.20,
        "copd-review": 0.35,
        "covid-vaccination": 0.35,
        "diabetes-prevention": 0.10,
        "diabetes-review": 0.35,
        "flu-vaccination": 0.40,
        "learning-disability-health-check": 0.30,
        "medication-review": 0.30,
        "memory-assessment": 0.05,
        "nhs-health-check": 0.12,
        "pneumococcal-vaccination": 0.20,
        "rsv-vaccination": 0.18,
        "shingles-vaccination": 0.18,
        "smi-health-check": 0.25,
        "smoking-cessation": 0.03,
        "weight-management": 0.05,
    ]

    /// Used for a service with no rate above.
    public static let fallback = 0.05
    public static let letterFactor = 0.8

    /// The share expected to book for `service` after `channel`, with `overrides` (from the
    /// profile, by service id) taking precedence.
    public static func rate(service: String, channel: PlanChannel, overrides: [String: Double] = [:]) -> Double {
        let base = overrides[service] ?? sms[service] ?? fallback
        return channel == .letter ? base * letterFactor : base
    }
}
