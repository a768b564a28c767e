import PlannerCore

/// A hand-made, fictional practice for the planning tests (no real patients or counts).
enum PlanningFixtures {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day) }

    /// People per band from a list of 19 counts, "0-4" ... "90+".
    static func bands(_ counts: [Int]) -> [AgeBandCount] {
        precondition(counts.count == 19)
        return counts.enumerated().map { i, n in
            AgeBandCount(band: AgeBand(index: i), people: n)
        }
    }

    static let groupBands: [String: [AgeBandCount]] = [
        // Older-heavy: well over 20% aged 75+.
        "diabetes": bands([0, 0, 2, 5, 10, 15, 20, 30, 45, 60, 80, 95, 110, 120, 115, 100, 80, 50, 20]),
        "copd": bands([0, 0, 0, 0, 0, 0, 2, 4, 8, 12, 20, 30, 45, 60, 70, 65, 50, 30, 12]),
        "hypertension": bands([0, 0, 0, 0, 5, 10, 20, 40, 70, 110, 150, 170, 180, 170, 150, 120, 90, 50, 20]),
        // Younger groups.
        "smokers": bands([0, 0, 0, 20, 90, 120, 110, 100, 90, 80, 70, 60, 50, 40, 20, 10, 5, 2, 0]),
        "cervical-screening": bands([0, 0, 0, 0, 0, 180, 220, 210, 200, 190, 180, 170, 150, 0, 0, 0, 0, 0, 0]),
        "mental-health": bands([0, 0, 10, 40, 80, 90, 85, 75, 70, 60, 50, 40, 30, 25, 20, 15, 10, 5, 2]),
        "under-5s": bands([300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        // In the profile but targeted by nothing below.
        "carers": bands([0, 0, 0, 5, 10, 15, 20, 25, 30, 35, 40, 40, 35, 30, 25, 20, 15, 10, 5]),
    ]

    static func candidate(
        _ title: String, _ start: CivilDate, days: Int, groups: [String], relevance: Double, uid: String? = nil,
        tentative: Bool = false
    ) -> PlanningCandidate {
        PlanningCandidate(
            campaignTitle: title, sourceUid: uid ?? "\(Slug.make(title))@example.org", start: start,
            end: start.adding(days: days), groups: groups,
            services: ["health-check"].filter { _ in groups.contains("hypertension") },
            relevance: relevance, tentative: tentative, why: ["Matched \(groups.joined(separator: ", ")) (fictional)."])
    }

    static var candidates: [PlanningCandidate] {
        [
            candidate("Dry January", d(2027, 1, 1), days: 31, groups: ["smokers"], relevance: 0.45),
            candidate(
                "Cervical Cancer Prevention Week", d(2027, 1, 18), days: 7, groups: ["cervical-screening"],
                relevance: 0.8),
            candidate("Time to Talk Day", d(2027, 2, 4), days: 1, groups: ["mental-health"], relevance: 0.7),
            candidate(
                "National Heart Month", d(2027, 2, 1), days: 28, groups: ["hypertension", "diabetes"], relevance: 0.75),
            candidate(
                "World Kidney Day", d(2027, 3, 11), days: 1, groups: ["diabetes", "hypertension"], relevance: 0.85),
            candidate("No Smoking Day", d(2027, 3, 10), days: 1, groups: ["smokers", "copd"], relevance: 0.9),
            candidate(
                "World COPD Check Week", d(2027, 2, 22), days: 7, groups: ["copd"], relevance: 0.6, tentative: true),
            candidate("Baby Week", d(2027, 3, 1), days: 7, groups: ["under-5s"], relevance: 0.3),
            candidate("Diabetes Check Day", d(2027, 1, 27), days: 1, groups: ["diabetes"], relevance: 0.65),
            candidate("Sunday Only Day", d(2027, 3, 21), days: 1, groups: ["copd", "mental-health"], relevance: 0.5),
            // Outside the window: ignored.
            candidate("World AIDS Day", d(2026, 12, 1), days: 1, groups: ["smokers"], relevance: 0.9),
        ]
    }

    static var nonSending: [NonSendingDate] {
        [
            NonSendingDate(date: d(2027, 1, 1), kind: .bankHoliday, reason: "New Year's Day"),
            NonSendingDate(date: d(2027, 3, 26), kind: .bankHoliday, reason: "Good Friday"),
            NonSendingDate(date: d(2027, 3, 29), kind: .bankHoliday, reason: "Easter Monday"),
            NonSendingDate(date: d(2027, 3, 10), kind: .quiet, reason: "practice training afternoon"),
            NonSendingDate(date: d(2027, 2, 4), kind: .quiet, reason: "clinical system upgrade"),
        ]
    }

    static func input(
        candidates: [PlanningCandidate]? = nil, smsBudget: Int = 15_000, letterBudget: Int = 20_000,
        hours: Double = 5, cap: Int = 2, gap: Int = 14, nonSending: [NonSendingDate]? = nil
    ) -> PlanningInput {
        PlanningInput(
            practiceName: "Riverside Surgery (fictional)", odsCode: "X00000",
            window: DateWindow(quarter: "2027-Q1")!, candidates: candidates ?? self.candidates, groupBands: groupBands,
            channels: ChannelSettings(
                listSize: 9000, smsBudgetPence: smsBudget, letterBudgetPence: letterBudget,
                websiteMonthlyVisits: 1800, socialFollowers: 1200),
            constraints: PlanningConstraints(
                commsHoursPerWeek: hours, campaignsPerWeek: cap, minDaysBetweenContacts: gap,
                nonSendingDates: nonSending ?? self.nonSending))
    }
}
