import ArgumentParser
import Foundation
import PlannerCore
import PlannerExport
import PlannerIO

/// `planner decide`: records one of the manager's decisions in the decisions file, keeping the
/// file's comments and order, and replacing an earlier decision of the same kind for the same id.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a decision about the plan (skip, pin, move, swap, text, approve or allow) in the decisions file.",
        discussion: """
            Examples:
              planner decide skip world-kidney-day-2027-03-11 --note "renal clinic closed" --author "A. Manager"
              planner decide pin brew-monday-2027-01-18
              planner decide move no-smoking-day-2027-03-10-sms-1 2027-03-09
              planner decide swap heart-month-2027-02-01-social-1 letter
              planner decide text heart-month-2027-02-01-sms-1 "Heart Month: book your free blood pressure check."
              planner decide approve heart-month-2027-02-01-sms-1 --author "Dr A. Reed"
              planner decide allow carers-week-2027-06-07-letter-1 phone --note "the carers' centre's number"

            Ids come from plan.json (campaign ids for skip and pin, item ids for the others). The file is \
            the profile's decisions file (<profile>.decisions.yaml beside it unless the profile says otherwise), \
            or --decisions FILE. Comments and every other decision are kept byte for byte; a decision of the same \
            kind for the same id is replaced where it stands (skip and pin of one campaign replace each other). \
            The next `planner plan` applies the file. See docs/decisions.md.

            A decision that cannot apply is refused (exit 65) with the nearest valid id or date, unless --force:             skip and pin take a campaign of an awareness day in the calendars; move, swap and text take an item             of the plan in --plan (default: plan.json in --out) when there is one; a text or letter is moved only             to a weekday that is not a bank holiday or quiet date, inside the plan's window; a swap to SMS or             letters must fit the budget left.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case skip, pin, move, swap, text, approve, allow
    }

    @Argument(help: "What to decide: skip, pin, move, swap, text, approve (the item's clinical sign-off is done) or allow.")
    var kind: Kind

    @Argument(help: "A campaign id (skip, pin) or an item id (move, swap, text, approve, allow) from plan.json.")
    var id: String

    @Argument(
        help:
            "move: the new date (YYYY-MM-DD); swap: sms, letter, website or social; text: the message; allow: the kind of finding (nhs-number, phone, postcode, date-of-birth, email, name)."
    )
    var value: String?

    @Option(name: .long, help: "Why (kept in the file and shown in the plan).")
    var note: String?

    @Option(name: .long, help: "Who decided.")
    var author: String?

    @Option(name: .long, help: ArgumentHelp("The practice profile whose decisions file to edit.", valueName: "file"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("The decisions file to edit (instead of --profile).", valueName: "file"))
    var decisions: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The plan whose item ids move, swap and text take (default: plan.json in --out).", valueName: "file"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp("The output folder holding plan.json.", valueName: "dir"))
    var out: String = "Exports"

    @OptionGroup var input: CalendarInputOptions

    @Flag(name: .long, help: "Record the decision even when it cannot apply now.")
    var force = false

    func validate() throws {
        if profile != nil && decisions != nil { throw ValidationError("give --profile or --decisions, not both") }
        switch kind {
        case .skip, .pin:
            if value != nil { throw ValidationError("\(kind.rawValue) takes only a campaign id") }
        case .approve:
            if value != nil { throw ValidationError("approve takes only an item id") }
        case .move, .swap, .text, .allow:
            guard value != nil else {
                let what =
                    kind == .move ? "the new date (YYYY-MM-DD)" : kind == .swap ? "the channel"
                    : kind == .allow ? "the kind of finding" : "the message"
                throw ValidationError("\(kind.rawValue) needs \(what) after the id")
            }
        }
        _ = try action()
        if !DecisionsFile.isValidID(id, kind: kind.rawValue) {
            let want =
                kind == .skip || kind == .pin
                ? "a campaign id such as world-kidney-day-2027-03-11"
                : "an item id such as world-kidney-day-2027-03-11-sms-1"
            throw ValidationError("\"\(id)\" is not \(want); copy it from plan.json")
        }
    }

    /// The decision's action from the arguments (checked in `validate`).
    func action() throws -> ManagerDecision.Action {
        switch kind {
        case .skip: return .skip
        case .pin: return .pin
        case .move:
            guard let v = value, let d = CivilDate(iso: v), d.isValid else {
                throw ValidationError("\"\(value ?? "")\" is not a date (YYYY-MM-DD)")
            }
            return .move(to: d)
        case .swap:
            guard let v = value, let c = PlanChannel(rawValue: v.lowercased()) else {
                let names = PlanChannel.allCases.map(\.rawValue)
                let v = (value ?? "").lowercased()
                let near = closestMatch(to: v, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw ValidationError("\"\(value ?? "")\" is not a channel\(near); use one of \(names.joined(separator: ", "))")
            }
            return .swap(to: c)
        case .text:
            guard let v = value, !v.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("the message is empty")
            }
            return .text(v)
        case .approve: return .approve
        case .allow:
            let names = FindingKind.allCases.map(\.rawValue)
            guard let v = value, let k = FindingKind(rawValue: v.lowercased()) else {
                let near = closestMatch(to: (value ?? "").lowercased(), in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw ValidationError("\"\(value ?? "")\" is not a kind of finding\(near); use one of \(names.joined(separator: ", "))")
            }
            guard note != nil else { throw ValidationError("allow needs --note saying why it is not personal data") }
            return .allow(k)
        }
    }

    func run() throws {
        let action = try action()
        let decision = ManagerDecision(action, id: id, note: note, author: author)

        let (url, shown, practice) = try location()
        var text = ""
        let exists = FileManager.default.fileExists(atPath: url.path)
        if exists {
            guard let data = try? Data(contentsOf: url), let t = String(data: data, encoding: .utf8) else {
                printError("\(shown): error: The decisions file could not be read as UTF-8 text.\nhint: Check the file.\n")
                throw ExitCode(65)
            }
            text = t
        } else {
            text =
                "# Plan decisions, applied by `planner plan` on every re-plan (see docs/decisions.md).\n"
                + "# Edit with `planner decide` or by hand; comments are kept.\n"
        }
        switch DecisionsEditor.edit(text, path: shown, with: decision) {
        case .failure(let problems):
            report(problems.diagnostics)
            printError("\(shown): not changed.\n")
            throw ExitCode(65)
        case .success(let outcome):
            if !force, let practice {
                let recorded = DecisionsFile.parse(outcome.text, path: shown).entries.map(\.decision)
                let check = DecisionCheck(practice: practice, source: input.source, plan: try currentPlan(), decisions: recorded)
                if let refusal = check.refusal(for: decision) {
                    printError("\(refusal)\n\(shown): not changed.\n")
                    throw ExitCode(65)
                }
            }
            do {
                try AtomicWrite.write(outcome.text, to: url)
            } catch {
                printError("\(shown): error: could not write the decisions file: \(String(describing: error)).\n")
                throw ExitCode(73)
            }
            let verb =
                outcome.replacedLines.map { "replaced the decision on line\($0.count > 1 ? "s" : "") \($0.count > 1 ? "\($0.lowerBound)-\($0.upperBound)" : "\($0.lowerBound)")" }
                ?? (exists ? "added" : "created the file with")
            print("\(shown): \(verb): \(decision.label)")
        }
    }

    /// The decisions file: --decisions, else the profile's (default Profiles/urban-young.yaml);
    /// and the practice the checks use (the default profile with --decisions, when it is there).
    func location() throws -> (URL, String, PracticeProfile?) {
        if let decisions {
            let practice = FileManager.default.fileExists(atPath: defaultProfilePath)
                ? ProfileLoader.load(contentsOf: URL(fileURLWithPath: defaultProfilePath)).profile : nil
            return (URL(fileURLWithPath: decisions), decisions, practice)
        }
        try requireDefaultProfile(named: profile)
        let path = profile ?? defaultProfilePath
        let practice = try loadProfile(path)
        let (url, shown) = DecisionsReading.location(for: practice, profilePath: path, explicit: nil)
        return (url, shown, practice)
    }

    /// The plan in --plan (which must exist) or the output folder's plan.json (nil when there
    /// is none yet); exit 65 when it cannot be read.
    func currentPlan() throws -> Plan? {
        let path = plan ?? URL(fileURLWithPath: out).appendingPathComponent("plan.json").relativePath
        guard FileManager.default.fileExists(atPath: path) else {
            if plan != nil {
                printError("\(path): error: There is no plan at this path.\nhint: Check the path given to --plan, or run planner plan first.\n")
                throw ExitCode(65)
            }
            return nil
        }
        return try readPlanFile(path)
    }
}
