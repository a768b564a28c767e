import PlannerCore

/// The plain-text summary `planner plan` prints: what a practice manager reads first.
public enum PlanSummary {
    /// Money from whole pence, "£1,234.56".
    public static func money(_ pence: Int) -> String { "£" + Format.pounds(pence: pence, groupingThousands: true) }

    /// Hours from hundredths, "3.5 h".
    public static func hours(_ centi: Int) -> String { Format.hours(centiHours: centi) + " h" }

    /// - Parameter groupReach: distinct people of each group reached (planning for people);
    ///   when given for a group, printed instead of the sum over campaigns.
    public static func render(
        _ plan: Plan, groupSizes: [String: Int] = [:], groupReach: [String: Int] = [:], writtenTo: String? = nil
    ) -> String {
        let last = plan.to.adding(days: -1)
        var out = "Quarter plan for \(plan.practiceName)"
        if !plan.odsCode.isEmpty { out += " (\(plan.odsCode))" }
        out += ": \(plan.from.iso) to \(last.iso)\n"
        if let writtenTo { out += "Written to \(writtenTo)\n" }
        let campaigns = plan.campaignIDs
        out += "\(campaigns.count) campaign\(campaigns.count == 1 ? "" : "s"), \(plan.items.count) item\(plan.items.count == 1 ? "" : "s")\n"
        if !plan.inputErrors.isEmpty {
            let n = plan.inputErrors.count
            out += "Incomplete: \(n) \(n == 1 ? "error" : "errors") in the input; what could not be read is not planned\n"
            for e in plan.inputErrors { out += "  - \(e.description)\n" }
        }

        // Campaigns per month, by the month their day starts (the campaign id ends in that
        // date), or the window's first month for a day that began before it; a letter sent
        // in January for Heart Month still lists Heart Month under February (issue 12).
        out += "\nCampaigns per month\n"
        var firstItem: [String: PlanItem] = [:]
        for item in plan.items where firstItem[item.campaign] == nil { firstItem[item.campaign] = item }
        func starts(_ item: PlanItem) -> CivilDate {
            let day = CivilDate(iso: String(item.campaign.suffix(10))) ?? item.date
            return min(max(day, plan.from), plan.to.adding(days: -1))
        }
        var month = CivilDate(year: plan.from.year, month: plan.from.month, day: 1)
        while month < plan.to {
            let inMonth = campaigns.compactMap { firstItem[$0] }
                .filter { starts($0).year == month.year && starts($0).month == month.month }
                .sorted { (starts($0), $0.campaign) < (starts($1), $1.campaign) }
            let label = "\(Format.monthName(month.month)) \(month.year)"
            out += "  \(label.padding(16))\(inMonth.count)"
            if !inMonth.isEmpty { out += "  " + inMonth.map(\.title).joined(separator: ", ") }
            out += "\n"
            month = month.firstOfNextMonth
        }

        // Reach per group: each item's expected reach shared among its groups in proportion to
        // their sizes (evenly when sizes are unknown).
        let distinct = !groupReach.isEmpty
        out += "\nExpected reach per group (people, \(distinct ? "each counted once" : "summed over campaigns"))\n"
        var reach: [String: Double] = [:]
        var direct: [String: Int] = [:]
        for item in plan.items where !item.groups.isEmpty {
            let sizes = item.groups.map { Double(groupSizes[$0] ?? 0) }
            let total = sizes.reduce(0, +)
            for (g, size) in zip(item.groups, sizes) {
                let share = total > 0 ? size / total : 1 / Double(item.groups.count)
                reach[g, default: 0] += Double(item.expectedReach) * share
                if item.isDirect { direct[g, default: 0] += 1 }
            }
        }
        let width = (reach.keys.map(\.count).max() ?? 0) + 2
        for g in reach.keys.sorted() {
            let people = groupReach[g] ?? Int(reach[g]!.rounded())
            var line = "  \(g.padding(width))\(groupedThousands(people))"
            if let size = groupSizes[g] { line += " (group of \(groupedThousands(size)))" }
            line += direct[g].map { ", \($0) text or letter item\($0 == 1 ? "" : "s")" } ?? ", no text or letter"
            out += line + "\n"
        }
        if !plan.groupsWithoutContact.isEmpty {
            out += "  no text or letter all quarter: \(plan.groupsWithoutContact.joined(separator: ", "))\n"
        }

        out += "\nMoney per channel (quarterly budget)\n"
        for c in plan.totals.channels {
            let name = c.channel.displayName.padding(14)
            let items = "\(c.items) item\(c.items == 1 ? "" : "s")"
            if let budget = c.budgetPence {
                out += "  \(name)\(money(c.costPence)) of \(money(budget))  \(items)\n"
            } else {
                out += "  \(name)no cost  \(items)\n"
            }
        }

        out += "\nStaff hours per week (limit \(hours(plan.constraints.commsCentiHoursPerWeek)))\n"
        for w in plan.totals.effortByWeek { out += "  \(w.week)  \(hours(w.centiHours))\n" }

        out += "\nWarnings (\(plan.warnings.count))\n"
        if plan.warnings.isEmpty { out += "  none\n" }
        var codes: [PlanWarning.Code] = []
        for w in plan.warnings where !codes.contains(w.code) { codes.append(w.code) }
        for code in codes {
            let ws = plan.warnings.filter { $0.code == code }
            out += "  \(heading(code.rawValue)) (\(ws.count))\n"
            for w in ws { out += "    - \(w.message)\n" }
        }
        return out
    }
}

/// A plain-English heading for a warning code.
private func heading(_ code: String) -> String {
    switch code {
    case "day-not-fitted": return "Days left out of the plan"
    case "channel-dropped": return "Channels that could not be placed"
    case "budget-used-up": return "Budgets used up"
    case "budget-unspent": return "Budgets left unspent"
    case "tentative-date": return "Dates still to confirm with the organiser"
    case "group-without-contact": return "Groups with no text or letter this quarter"
    case "online-only": return "Campaigns that reach a group only online"
    case "older-group-no-direct-contact": return "Groups of older patients without a text or letter"
    case "batch-too-small": return "Batches too small to send"
    case "no-bank-holiday-data": return "Bank holidays unknown"
    case "stale-decision": return "Decisions that no longer match the plan"
    case "decision-breaks-constraint": return "Decisions that break a rule"
    case "decision-not-honoured": return "Decisions that could not be honoured"
    default: return code
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (at least one space after).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
