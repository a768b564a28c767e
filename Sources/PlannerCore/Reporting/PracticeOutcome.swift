/// One practice of a many-practices run (`planner plan --profiles`), as its summaries show it.
/// The plan itself is written and dropped as soon as it is made, so a run over a thousand
/// practices keeps only these figures.
public struct PracticeOutcome: Sendable, Hashable {
    /// The profile's file name without its extension: the practice's output folder.
    public var stem: String
    public var profilePath: String
    /// The practice's name (the stem when the profile could not be read).
    public var practice: String
    public var odsCode: String
    /// The plan's figures; nil when the practice was not planned.
    public var figures: PlanFigures?
    /// The profile's and decisions file's diagnostics, as printed (empty when there were none).
    public var report: String
    /// Why the practice was not planned (or its plan not written); nil when it was.
    public var failure: String?
    /// The earlier plan.json of a practice that failed, removed so that it cannot pass for
    /// this run's (issue 12); nil when there was none.
    public var removedPlan: String?

    public init(
        stem: String, profilePath: String, practice: String, odsCode: String, figures: PlanFigures? = nil,
        report: String = "", failure: String? = nil
    ) {
        self.stem = stem
        self.profilePath = profilePath
        self.practice = practice
        self.odsCode = odsCode
        self.figures = figures
        self.report = report
        self.failure = failure
    }
}

/// The totals of one plan that the many-practices summaries show.
public struct PlanFigures: Sendable, Hashable {
    public var campaigns = 0, items = 0, reach = 0, warnings = 0
    public var smsCostPence = 0, smsBudgetPence = 0, letterCostPence = 0, letterBudgetPence = 0

    public init(
        campaigns: Int, items: Int, reach: Int, warnings: Int, smsCostPence: Int, smsBudgetPence: Int,
        letterCostPence: Int, letterBudgetPence: Int
    ) {
        (self.campaigns, self.items, self.reach, self.warnings) = (campaigns, items, reach, warnings)
        (self.smsCostPence, self.smsBudgetPence) = (smsCostPence, smsBudgetPence)
        (self.letterCostPence, self.letterBudgetPence) = (letterCostPence, letterBudgetPence)
    }

    public init(_ plan: Plan) {
        campaigns = plan.campaignIDs.count
        items = plan.items.count
        reach = plan.items.reduce(0) { $0 + $1.expectedReach }
        warnings = plan.warnings.count
        for t in plan.totals.channels {
            switch t.channel {
            case .sms: (smsCostPence, smsBudgetPence) = (t.costPence, t.budgetPence ?? 0)
            case .letter: (letterCostPence, letterBudgetPence) = (t.costPence, t.budgetPence ?? 0)
            case .website, .social: break
            }
        }
    }
}
