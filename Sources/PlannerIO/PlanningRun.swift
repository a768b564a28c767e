import Foundation
import PlannerCore
import PlannerDrafts

/// One practice's quarter plan from its files: profile -> decisions -> taxonomy -> calendars
/// (read and cleaned) -> matching -> relevance -> planning input (with the nation's bank
/// holidays) -> decisions applied -> plan. The command line, an export command or a server
/// call this and render what it returns; it prints nothing and writes nothing (the plan file's
/// place is in the outcome; its bytes come from PlannerExport, which this module does not use).
public struct PlanningRun: Sendable {
    /// The profile file. Messages show it as given; the default decisions file sits beside it.
    public var profilePath: String
    /// The profile, when the caller has already read it (`profilePath` then only locates the
    /// decisions file); nil to read `profilePath`.
    public var profile: PracticeProfile?
    /// A decisions file named by the user, which must exist; nil for the profile's own.
    public var decisionsPath: String?
    public var source: AwarenessSource
    public var window: DateWindow
    /// The folder plan.json belongs in.
    public var outputFolder: String
    /// Today's date when the user gave one (`--today`, issue 11): no prep task is due before it.
    /// nil (the clock is not read here) plans as if all the prep lay ahead.
    public var today: CivilDate? = nil
    /// The items of the previous window's plan (`PlanFiles.previous`, read by the caller, which
    /// owns plan.json's format): they count against this plan's limits (issue 11).
    public var previousItems: [PlanItem] = []

    public init(
        profilePath: String, profile: PracticeProfile? = nil, decisionsPath: String? = nil,
        source: AwarenessSource = AwarenessSource(), window: DateWindow, outputFolder: String = "Exports"
    ) {
        self.profilePath = profilePath
        self.profile = profile
        self.decisionsPath = decisionsPath
        self.source = source
        self.window = window
        self.outputFolder = outputFolder
    }

    /// The window when none is given: the calendar quarter after `today` (Q1 = January to March).
    public static func defaultWindow(today: CivilDate) -> DateWindow { DateWindow.nextQuarter(after: today) }

    /// Runs every stage in order, stopping at the first that cannot go on (a profile or
    /// decisions file with errors, a broken taxonomy). Calendar errors do not stop it: the days
    /// that could be read are planned, and the outcome says the input had errors.
    public func run() -> Outcome {
        var outcome = Outcome(planFile: URL(fileURLWithPath: outputFolder).appendingPathComponent("plan.json"))
        // The taxonomy first: a profile may use register ids a --taxonomy file declares.
        let taxonomy: Taxonomy
        do {
            taxonomy = try source.taxonomy()
        } catch {
            outcome.taxonomyDiagnostics = error.diagnostics
            outcome.stoppedAt = .taxonomy
            return outcome
        }
        let practice: PracticeProfile
        if let profile {
            practice = profile
        } else {
            let validation = ProfileLoader.load(contentsOf: URL(fileURLWithPath: profilePath), displayPath: profilePath, taxonomy: taxonomy)
            outcome.profile = validation
            guard let read = validation.profile else {
                outcome.stoppedAt = .profile
                return outcome
            }
            practice = read
        }
        outcome.practice = practice
        let templates: DraftTemplates
        switch PlanDrafting.loadTemplates(for: practice, profilePath: profilePath) {
        case .success(let t): templates = t
        case .failure(let d):
            outcome.templateDiagnostics = [d.diagnostic]
            outcome.stoppedAt = .templates
            return outcome
        }
        let decisions = DecisionsReading.read(for: practice, profilePath: profilePath, explicit: decisionsPath)
        outcome.decisions = decisions
        if decisions.hasErrors {
            outcome.stoppedAt = .decisions
            return outcome
        }
        // A named calendar that cannot be opened or decoded stops the run: a plan without it
        // would replace a good plan with a poorer one (issue 12).
        let check = source.checkNamedCalendars()
        if !check.fatal.isEmpty {
            outcome.calendarDiagnostics = check.fatal
            outcome.calendarHasErrors = true
            outcome.stoppedAt = .calendars
            return outcome
        }
        let cleaned = source.cleanedDays(window: window)
        outcome.taxonomy = taxonomy
        outcome.days = cleaned.days
        outcome.calendarDiagnostics = (cleaned.diagnostics + check.warnings).sorted(by: Diagnostic.reportOrder)
        outcome.calendarHasErrors = cleaned.hasErrors
        let matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        var result = Self.plan(
            practice: practice, days: cleaned.days, matches: matches, taxonomy: taxonomy, window: window,
            holidays: BankHolidaySet(nation: practice.nation, window: window), decisions: decisions.decisions,
            templates: templates, today: today, previous: previousItems)
        result.plan.inputErrors = InputError.from(cleaned.diagnostics)
        outcome.result = result
        return outcome
    }

    /// Relevance and planning for one practice from days already read and matched (shared by
    /// every practice of a many-practices run) and its nation's bank holidays.
    public static func plan(
        practice: PracticeProfile, days: [CleanOccurrence], matches: [MatchResult], taxonomy: Taxonomy,
        window: DateWindow, holidays: BankHolidaySet, decisions: [ManagerDecision],
        templates: DraftTemplates = PlanDrafting.bundled, today: CivilDate? = nil, previous: [PlanItem] = []
    ) -> PracticePlan {
        let (plan, input) = planOnly(
            practice: practice, days: days, matches: matches, taxonomy: taxonomy, window: window, holidays: holidays,
            decisions: decisions, templates: templates, today: today, previous: previous)
        var sizes: [String: Int] = [:]
        for (g, bands) in input.groupBands { sizes[g] = bands.reduce(0) { $0 + $1.people } }
        var reach = input.reachByGroup(plan)
        for (g, n) in reach { if let size = sizes[g] { reach[g] = min(n, size) } }
        var relevanceByCampaign: [String: Double] = [:]
        for c in input.candidates { relevanceByCampaign[c.campaignID] = max(relevanceByCampaign[c.campaignID] ?? 0, c.relevance) }
        var result = PracticePlan(
            plan: plan, groupSizes: sizes, groupReach: reach, groupNames: input.groupNames,
            relevance: relevanceByCampaign)
        result.input = input
        return result
    }

    /// The plan of `plan(practice:days:...)` and what the planner was given, without the figures
    /// around it (group sizes, the distinct people each group's items reach, relevance by
    /// campaign): a many-practices run writes the plan and its exports only, and the reach
    /// by group was 2.6% of its time. `plan(...).plan` is this plan.
    public static func planOnly(
        practice: PracticeProfile, days: [CleanOccurrence], matches: [MatchResult], taxonomy: Taxonomy,
        window: DateWindow, holidays: BankHolidaySet, decisions: [ManagerDecision],
        templates: DraftTemplates = PlanDrafting.bundled, today: CivilDate? = nil, previous: [PlanItem] = []
    ) -> (plan: Plan, input: PlanningInput) {
        let relevance = matches.map { Relevance.assess($0, profile: practice, taxonomy: taxonomy) }
        let drafting = PlanDrafting(practice: practice, templates: templates, days: days)
        var input = PlanningInput.build(
            profile: practice, window: window, days: days, matches: matches, relevance: relevance, taxonomy: taxonomy,
            bankHolidays: holidays.forPrep, inputWarnings: holidays.warnings)
        input.today = today
        input.previousItems = previous
        // Texts are costed from their drafts' words (issue 13): drafted before planning.
        var drafts = PlanDrafting.DraftMemo()
        input = drafting.pricingTexts(input, decisions: decisions, memo: &drafts)
        var plan = DecidedPlanner.plan(input, decisions: decisions)
        plan.practicePhone = practice.phone
        plan = drafting.attach(to: plan, candidates: input.candidates, decisions: decisions, memo: &drafts)
        return (plan, input)
    }
}

extension PlanningRun {
    /// What a run found and made, stage by stage.
    public struct Outcome: Sendable {
        /// The stage a run stopped at.
        public enum Stage: Sendable, Hashable {
            case profile, decisions, taxonomy
            /// The practice's own draft templates could not be read.
            case templates
            /// A named calendar could not be opened or decoded.
            case calendars
        }

        /// Where the run stopped; nil when it planned.
        public var stoppedAt: Stage?
        /// The profile as read, with its diagnostics; nil when the caller gave the profile.
        public var profile: ProfileValidation?
        /// The profile the run planned for.
        public var practice: PracticeProfile?
        public var decisions: DecisionsReading?
        /// Problems in the taxonomy files (the run stopped).
        public var taxonomyDiagnostics: [Diagnostic] = []
        /// Problems in the practice's own draft templates (the run stopped).
        public var templateDiagnostics: [Diagnostic] = []
        /// Problems in the calendars (the run went on with what could be read).
        public var calendarDiagnostics: [Diagnostic] = []
        public var calendarHasErrors = false
        /// The plan and the size of each targeted group; nil when the run stopped.
        public var result: PracticePlan?
        /// The taxonomy and the cleaned days the plan was made from (for the exports' names
        /// and the days' web pages).
        public var taxonomy: Taxonomy?
        public var days: [CleanOccurrence] = []
        /// Where plan.json belongs.
        public var planFile: URL

        init(planFile: URL) { self.planFile = planFile }

        /// True when any input had an error (exit code 65), even if a plan was made.
        public var hasInputErrors: Bool { stoppedAt != nil || calendarHasErrors }
    }
}

/// A plan and the size of each group it targets (people on the list), for the summaries.
public struct PracticePlan: Sendable {
    public var plan: Plan
    public var groupSizes: [String: Int]
    /// Distinct people of each group the plan's items reach at least once (planning for
    /// people); never more than the group. Empty when the plan was made for group labels.
    public var groupReach: [String: Int]
    /// What the planner was given (for checks of the plan against its people and rules).
    public var input: PlanningInput?
    /// Plain names of the taxonomy's groups and services ("women aged 25-64"), by id.
    public var groupNames: [String: String]
    /// The relevance of every candidate day, by campaign id (for ranking the warnings).
    public var relevance: [String: Double]

    public init(
        plan: Plan, groupSizes: [String: Int], groupReach: [String: Int] = [:],
        groupNames: [String: String] = [:], relevance: [String: Double] = [:]
    ) {
        self.plan = plan
        self.groupSizes = groupSizes
        self.groupReach = groupReach
        self.groupNames = groupNames
        self.relevance = relevance
    }
}

/// A nation's bank holidays for a window (from eight weeks before it, for prep tasks) and the
/// warnings for years the bundled feed does not cover.
public struct BankHolidaySet: Sendable {
    public var forPrep: [(CivilDate, String)]
    public var warnings: [PlanWarning]

    public init(nation: Nation, window: DateWindow) {
        let holidays = AwarenessInput.bankHolidays(nation: nation, window: window, daysBefore: 56)
        forPrep = holidays.days
        warnings = holidays.diagnostics.map { PlanWarning(code: .noBankHolidayData, message: $0.message) }
    }
}
