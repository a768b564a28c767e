import ArgumentParser
import Dispatch
import Foundation
import PlannerCore
import PlannerIO

/// `planner plan --profiles DIR`: every practice in a folder, for a primary care network or ICB.
/// The calendars are read, cleaned and matched once; relevance and planning run per practice,
/// on all cores. Output bytes do not depend on the number of cores or on timing: results are
/// kept by profile index and everything is printed and written in profile-name order.
struct PlanMany {
    let folder: String
    let input: CalendarInputOptions
    let window: DateWindow
    let out: String

    /// One practice's outcome.
    struct Row: Sendable {
        var stem: String
        var profilePath: String
        var practice: String
        var odsCode: String
        /// The plan's figures (the plan itself is written and dropped, to keep memory flat);
        /// nil when the profile or its decisions could not be read.
        var plan: Figures?
        /// Diagnostics to print (errors and warnings of the profile and decisions file).
        var report: String
        var failure: String?
    }

    func run() throws {
        let profiles = try listProfiles()
        let taxonomy = try input.loadTaxonomy()
        let (days, hadErrors) = input.cleanedDays(window: window)
        let matches = Matcher(taxonomy: taxonomy).match(days)
        // 1. Read every profile and decisions file (YAML parsing, in parallel).
        let loadedSlots = Slots<(PracticeProfile?, [ManagerDecision], String, String?)>(count: profiles.count)
        DispatchQueue.concurrentPerform(iterations: profiles.count) { i in
            loadedSlots.set(i, Self.load(profiles[i], taxonomy: taxonomy))
        }
        var loaded = loadedSlots.values.map { $0! }
        // A file that some profile names as its decisions file is not a profile.
        let decisionFiles = Set(
            zip(profiles, loaded).compactMap { path, l in
                l.0.map { decisionsLocation(for: $0, profilePath: path, explicit: nil).0.standardizedFileURL.path }
            })
        let keep = profiles.indices.filter {
            !decisionFiles.contains(URL(fileURLWithPath: profiles[$0]).standardizedFileURL.path)
        }
        let paths = keep.map { profiles[$0] }
        loaded = keep.map { loaded[$0] }
        // Two profiles with the same name (a.yaml, a.yml) would share an output folder: plan the first.
        var seenStems = Set<String>()
        for (k, path) in paths.enumerated() where !seenStems.insert(Self.stem(path)).inserted {
            loaded[k].3 = "another profile in the folder has the same name, \(Self.stem(path))"
        }
        let inputs = loaded
        let n = paths.count
        let progress = Progress(total: n, isTerminal: isatty(STDERR_FILENO) == 1)

        // 2. Bank holidays once per nation (libical is serialised anyway).
        var holidays: [Nation: BankHolidaySet] = [:]
        for (practice, _, _, _) in inputs {
            guard let nation = practice?.nation, holidays[nation] == nil else { continue }
            holidays[nation] = BankHolidaySet(nation: nation, window: window)
        }
        let nationHolidays = holidays
        // 3. Plan and write each practice.
        let rows = Slots<Row>(count: n)
        DispatchQueue.concurrentPerform(iterations: n) { i in
            let path = paths[i]
            let stem = Self.stem(path)
            let (practice, decisions, report, failure) = inputs[i]
            var row = Row(
                stem: stem, profilePath: path, practice: practice?.name ?? stem, odsCode: practice?.odsCode ?? "",
                plan: nil, report: report, failure: failure)
            if let practice, failure == nil {
                let plan = PlanCommand.plan(
                    practice: practice, days: days, matches: matches, taxonomy: taxonomy, window: window,
                    holidays: nationHolidays[practice.nation]!, decisions: decisions
                ).plan
                let target = URL(fileURLWithPath: out).appendingPathComponent(stem).appendingPathComponent("plan.json")
                do {
                    try AtomicWrite.write(PlanJSON.render(plan), to: target)
                    row.plan = Figures(plan)
                } catch {
                    row.failure = "could not write \(target.relativePath): \(error.localizedDescription)"
                }
            }
            rows.set(i, row)
            progress.done(i, line: Self.progressLine(row))
        }
        progress.finish()

        let all = rows.values.map { $0! }
        for r in all where !r.report.isEmpty { printError(r.report + "\n") }
        let failed = all.filter { $0.failure != nil }
        for r in failed { printError("\(r.profilePath): not planned: \(r.failure!).\n") }
        let csv = Self.csv(all)
        let csvURL = URL(fileURLWithPath: out).appendingPathComponent("summary.csv")
        do {
            try AtomicWrite.write(csv, to: csvURL)
        } catch {
            printError("\(csvURL.path): error: could not write the summary: \(error.localizedDescription)\n")
            throw ExitCode(73)
        }
        print(Self.table(all, window: window, csvPath: csvURL.relativePath), terminator: "")
        if !failed.isEmpty || hadErrors { throw ExitCode(65) }
    }

    /// The profiles in the folder, sorted by name: *.yaml and *.yml files except decisions files.
    func listProfiles() throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            printError(
                "\(folder): error: The folder of profiles could not be read.\nhint: Check the path given to --profiles.\n")
            throw ExitCode(65)
        }
        let profiles = names.filter {
            ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasSuffix(".decisions.yaml")
                && !$0.hasSuffix(".decisions.yml") && !$0.hasPrefix(".")
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        guard !profiles.isEmpty else {
            printError(
                "\(folder): error: There are no profiles (*.yaml) in this folder.\n"
                    + "hint: Put one practice profile per file in it; see docs/profile.md.\n")
            throw ExitCode(65)
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return profiles.map { "\(base)/\($0)" }
    }

    static func stem(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return (name as NSString).deletingPathExtension
    }

    /// Reads one profile and its decisions: (profile, decisions, printed report, failure).
    static func load(_ path: String, taxonomy: Taxonomy) -> (PracticeProfile?, [ManagerDecision], String, String?) {
        let result = ProfileLoader.load(contentsOf: URL(fileURLWithPath: path), displayPath: path, taxonomy: taxonomy)
        var report = result.report
        guard let practice = result.profile else {
            let n = result.errors.count
            return (nil, [], report, "\(n) \(n == 1 ? "error" : "errors") in the profile")
        }
        let (url, shown) = decisionsLocation(for: practice, profilePath: path, explicit: nil)
        let file = DecisionsFile.load(contentsOf: url, displayPath: shown)
        if !file.diagnostics.isEmpty { report += (report.isEmpty ? "" : "\n\n") + file.report }
        if file.hasErrors {
            let n = file.diagnostics.filter(\.isError).count
            return (practice, [], report, "\(n) \(n == 1 ? "error" : "errors") in \(shown)")
        }
        return (practice, file.decisions, report, nil)
    }

    static func progressLine(_ r: Row) -> String {
        if let f = r.failure { return "\(r.stem): FAILED (\(f))" }
        let f = r.plan!
        return "\(r.stem): \(f.campaigns) campaigns, \(f.items) items, \(f.warnings) warnings"
    }

    // MARK: - Summary

    struct Figures: Sendable {
        var campaigns = 0, items = 0, reach = 0, warnings = 0
        var smsCost = 0, smsBudget = 0, letterCost = 0, letterBudget = 0

        init(_ p: Plan) {
            campaigns = p.campaignIDs.count
            items = p.items.count
            reach = p.items.reduce(0) { $0 + $1.expectedReach }
            warnings = p.warnings.count
            for t in p.totals.channels {
                switch t.channel {
                case .sms: (smsCost, smsBudget) = (t.costPence, t.budgetPence ?? 0)
                case .letter: (letterCost, letterBudget) = (t.costPence, t.budgetPence ?? 0)
                case .website, .social: break
                }
            }
        }
    }

    /// summary.csv: RFC 4180 (CRLF line ends, quoted where needed), one row per profile.
    static func csv(_ rows: [Row]) -> String {
        var lines = [
            [
                "profile", "practice", "odsCode", "status", "campaigns", "items", "expectedReach", "smsSpend",
                "smsBudget", "lettersSpend", "lettersBudget", "warnings",
            ]
        ]
        for r in rows {
            guard let f = r.plan else {
                lines.append([r.stem, r.practice, r.odsCode, "failed: \(r.failure ?? "")", "", "", "", "", "", "", "", ""])
                continue
            }
            lines.append([
                r.stem, r.practice, r.odsCode, "planned", "\(f.campaigns)", "\(f.items)", "\(f.reach)",
                pounds(f.smsCost), pounds(f.smsBudget), pounds(f.letterCost), pounds(f.letterBudget), "\(f.warnings)",
            ])
        }
        return lines.map { $0.map(csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return s
        }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func pounds(_ pence: Int) -> String { "\(pence / 100).\((pence % 100).zeroPadded(to: 2))" }

    /// The table printed after a run, with a total line.
    static func table(_ rows: [Row], window: DateWindow, csvPath: String) -> String {
        let planned = rows.filter { $0.plan != nil }
        var out =
            "Quarter plans for \(planned.count) of \(rows.count) practices: \(window.from.iso) to "
            + "\(window.to.adding(days: -1).iso)\n"
        out += "Summary written to \(csvPath)\n\n"
        let header = ["Practice", "Campaigns", "Items", "Reach", "SMS spend / budget", "Letters spend / budget", "Warnings"]
        var body: [[String]] = []
        var total = (c: 0, i: 0, r: 0, sc: 0, sb: 0, lc: 0, lb: 0, w: 0)
        for r in rows {
            let name = r.practice.count > 34 ? String(r.practice.prefix(33)) + "…" : r.practice
            guard let f = r.plan else {
                body.append([name, "not planned: \(r.failure ?? "")", "", "", "", "", ""])
                continue
            }
            total.c += f.campaigns
            total.i += f.items
            total.r += f.reach
            total.sc += f.smsCost
            total.sb += f.smsBudget
            total.lc += f.letterCost
            total.lb += f.letterBudget
            total.w += f.warnings
            body.append([
                name, "\(f.campaigns)", "\(f.items)", "\(f.reach)",
                "£\(pounds(f.smsCost)) / £\(pounds(f.smsBudget))", "£\(pounds(f.letterCost)) / £\(pounds(f.letterBudget))",
                "\(f.warnings)",
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
                return cells[0].padding(toLength: widths[0], withPad: " ", startingAt: 0) + "  " + cells[1]
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
}

/// Results filled in by index from many threads.
// @unchecked Sendable: every access to `storage` holds `lock`.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// Progress on standard error: a bar redrawn in place on a terminal, otherwise one plain line
/// per practice in profile order (so a log is the same whatever the timing).
// @unchecked Sendable: every access to the mutable state holds `lock`.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let isTerminal: Bool
    private var lines: [String?]
    private var nextLine = 0
    private var finished = 0
    private var lastDrawn = -1

    init(total: Int, isTerminal: Bool) {
        self.total = total
        self.isTerminal = isTerminal
        lines = Array(repeating: nil, count: total)
    }

    func done(_ index: Int, line: String) {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        if isTerminal {
            let width = 30
            let filled = finished * width / max(1, total)
            guard filled != lastDrawn || finished == total else { return }
            lastDrawn = filled
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            printError("\r[\(bar)] \(finished)/\(total) practices")
        } else {
            lines[index] = line
            var text = ""
            while nextLine < total, let l = lines[nextLine] {
                let number = String(nextLine + 1)
                text += "[\(String(repeating: " ", count: String(total).count - number.count))\(number)/\(total)] \(l)\n"
                nextLine += 1
            }
            if !text.isEmpty { printError(text) }
        }
    }

    func finish() {
        if isTerminal { printError("\n") }
    }
}
