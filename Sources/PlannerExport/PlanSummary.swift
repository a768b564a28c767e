import PlannerCore

/// The plain-text summary `planner plan` prints: what a practice manager reads first.
public enum PlanSummary {
    /// Money from whole pence, "£1,234.56".
    public static func money(_ pence: Int) -> String { "£" + Format.pounds(pence: pence, groupingThousands: true) }

    /// Hours from hundredths, "3.5 h".
    public static func hours(_ centi: Int) -> String { Format.hours(centiHours: centi) + " h" }

    /// The long form (`planner plan --verbose`): every campaign, group, week and warning.
    /// - Parameter groupReach: distinct people of each group reached (planning for people);
    ///   when given for a group, printed instead of the sum over campaigns.
    public static func render(
        _ plan: Plan, groupSizes: [String: Int] = [:], groupNames: [String: String] = [:],
        groupReach: [String: Int] = [:], writtenTo: String? = nil
    ) -> String {
        var out = PlanBrief.title(plan) + "\n"
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
        func name(_ g: String) -> String { groupNames[g] ?? g }
        let width = (reach.keys.map { name($0).count }.max() ?? 0) + 2
        for g in reach.keys.sorted(by: { (name($0).lowercased(), $0) < (name($1).lowercased(), $1) }) {
            let people = groupReach[g] ?? Int(reach[g]!.rounded())
            var line = "  \(name(g).padding(width))\(groupedThousands(people))"
            if let size = groupSizes[g] { line += " (group of \(groupedThousands(size)))" }
            line += direct[g].map { ", \($0) text or letter item\($0 == 1 ? "" : "s")" } ?? ", no text or letter"
            out += line + "\n"
        }
        if !plan.groupsWithoutContact.isEmpty {
            out += "  no text or letter all quarter: \(plan.groupsWithoutContact.map(name).joined(separator: ", "))\n"
        }

        out += DateWindow(from: plan.from, to: plan.to).isCalendarQuarter
            ? "\nMoney per channel (quarterly budget)\n" : "\nMoney per channel (budget for the window)\n"
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
        for w in plan.totals.effortByWeek {
            let label = CivilDate(isoWeekLabel: w.week).map { "week of " + PlanBrief.short($0) + " \($0.year)" } ?? w.week
            out += "  \(label.padding(22))\(hours(w.centiHours))\n"
        }

        out += "\nWarnings (\(plan.warnings.count))\n"
        if plan.warnings.isEmpty { out += "  none\n" }
        var codes: [PlanWarning.Code] = []
        for w in plan.warnings where !codes.contains(w.code) { codes.append(w.code) }
        for code in codes {
            let ws = plan.warnings.filter { $0.code == code }
            let words = heading(code)
            out += "  \(words.prefix(1).uppercased() + words.dropFirst()) (\(ws.count))\n"
            for w in ws { out += "    - \(w.message)\n" }
        }
        return out
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (at least one space after).
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
