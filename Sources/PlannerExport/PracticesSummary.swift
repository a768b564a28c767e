import PlannerCore

/// The summaries of a many-practices run (`planner plan --profiles`): summary.csv (one record
/// per profile), the table printed at the end and the one-line progress of each practice.
public enum PracticesSummary {
    /// summary.csv: RFC 4180, one record per profile, money in pounds without a sign.
    public static func csv(_ rows: [PracticeOutcome]) -> String {
        let header = [
            "profile", "practice", "odsCode", "status", "campaigns", "items", "expectedReach", "smsSpend", "smsBudget",
            "lettersSpend", "lettersBudget", "warnings",
        ]
        return CSV.document(
            header: header,
            rows: rows.map { r in
                guard let f = r.figures else {
                    return [r.stem, r.practice, r.odsCode, "failed: \(r.failure ?? "")", "", "", "", "", "", "", "", ""]
                }
                return [
                    r.stem, r.practice, r.odsCode, "planned", "\(f.campaigns)", "\(f.items)", "\(f.reach)",
                    pounds(f.smsCostPence), pounds(f.smsBudgetPence), pounds(f.letterCostPence),
                    pounds(f.letterBudgetPence), "\(f.warnings)",
                ]
            })
    }

    /// "coastal-older: 18 campaigns, 48 items, 62 warnings", or why the practice failed.
    public static func progressLine(_ r: PracticeOutcome) -> String {
        guard r.failure == nil, let f = r.figures else { return "\(r.stem): FAILED (\(r.failure ?? "not planned"))" }
        return "\(r.stem): \(f.campaigns) campaigns, \(f.items) items, \(f.warnings) warnings"
    }

    /// The table printed after a run, with a total line.
    public static func table(_ rows: [PracticeOutcome], window: DateWindow, csvPath: String) -> String {
        let planned = rows.filter { $0.figures != nil }
        var out =
            "Quarter plans for \(planned.count) of \(rows.count) practices: \(window.from.iso) to "
            + "\(window.to.adding(days: -1).iso)\n"
        out += "Summary written to \(csvPath)\n\n"
        let header = ["Practice", "Campaigns", "Items", "Reach", "SMS spend / budget", "Letters spend / budget", "Warnings"]
        var body: [[String]] = []
        var total = (c: 0, i: 0, r: 0, sc: 0, sb: 0, lc: 0, lb: 0, w: 0)
        for r in rows {
            let name = r.practice.count > 34 ? String(r.practice.prefix(33)) + "…" : r.practice
            guard let f = r.figures else {
                body.append([name, "not planned: \(r.failure ?? "")", "", "", "", "", ""])
                continue
            }
            total.c += f.campaigns
            total.i += f.items
            total.r += f.reach
            total.sc += f.smsCostPence
            total.sb += f.smsBudgetPence
            total.lc += f.letterCostPence
            total.lb += f.letterBudgetPence
            total.w += f.warnings
            body.append([
                name, "\(f.campaigns)", "\(f.items)", "\(f.reach)",
                "£\(pounds(f.smsCostPence)) / £\(pounds(f.smsBudgetPence))",
                "£\(pounds(f.letterCostPence)) / £\(pounds(f.letterBudgetPence))", "\(f.warnings)",
            ])
        }
        body.append([
            "Total", "\(total.c)", "\(total.i)", "\(total.r)", "£\(pounds(total.sc)) / £\(pounds(total.sb))",
            "£\(pounds(total.lc)) / £\(pounds(total.lb))", "\(total.w)",
        ])
        var widths = header.map(\.count)
        for row in body where row.count == header.count && !row[1].hasPrefix("not planned") {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            if cells[1].hasPrefix("not planned") {
                // Cut or padded to the column, as the planned rows are.
                let name = String(cells[0].prefix(widths[0]))
                return name + String(repeating: " ", count: max(0, widths[0] - name.count)) + "  " + cells[1]
            }
            return cells.enumerated().map { k, c in
                let padding = String(repeating: " ", count: max(0, widths[k] - c.count))
                return k == 0 ? c + padding : padding + c
            }.joined(separator: "  ")
        }
        out += line(header) + "\n"
        for (k, row) in body.enumerated() {
            if k == body.count - 1 { out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n" }
            out += line(row) + "\n"
        }
        return out
    }

    static func pounds(_ pence: Int) -> String { Format.pounds(pence: pence) }
}
