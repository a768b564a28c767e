import Foundation
import PlannerCore
import Yams

/// A decisions file (docs/decisions.md): a YAML list of the practice manager's decisions, each
/// naming a stable id of plan.json, e.g.
///
///     - skip: world-kidney-day-2027-03-11
///       note: no renal clinic this quarter
///     - move: no-smoking-day-2027-03-10-sms-1
///       to: 2027-03-09
///     - swap: heart-month-2027-02-01-social-1
///       to: letter
///     - text: heart-month-2027-02-01-sms-1
///       message: "Heart Month: book your free blood pressure check at reception."
public struct DecisionsFile: Sendable {
    /// One decision with the lines it spans (1-based, inclusive), for in-place edits.
    public struct Entry: Sendable, Hashable {
        public var decision: ManagerDecision
        public var firstLine: Int
        public var lastLine: Int
    }

    /// The decisions, in file order; empty when there are errors.
    public var decisions: [ManagerDecision] { hasErrors ? [] : entries.map(\.decision) }
    /// Every decision that could be read (even when others have errors).
    public var entries: [Entry]
    /// Every problem, in `Diagnostic.reportOrder`.
    public var diagnostics: [Diagnostic]
    /// Text before the first entry's `-` on its line (the list's indentation), "" by default.
    public var itemIndent: String
    /// The file cannot be edited line by line (a flow-style list such as `[{skip: x}]`).
    public var isFlowStyle: Bool

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    public var report: String { diagnostics.map(\.description).joined(separator: "\n\n") }

    /// The keys a decision may have.
    public static let kinds = ["skip", "pin", "move", "swap", "text", "approve", "allow"]
    static let knownKeys = kinds + ["to", "message", "finding", "note", "author"]

    /// Reads the decisions file at `url`; a missing file has no decisions and no problems.
    public static func load(contentsOf url: URL, displayPath: String? = nil) -> DecisionsFile {
        let shown = displayPath ?? url.path
        guard FileManager.default.fileExists(atPath: url.path) else {
            return DecisionsFile(entries: [], diagnostics: [], itemIndent: "", isFlowStyle: false)
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            let d = Diagnostic(
                .error, SourceLocation(path: shown), "This is a folder, not a decisions file.",
                hint: "Name the decisions file itself, e.g. --decisions Profiles/urban-young.decisions.yaml.")
            return DecisionsFile(entries: [], diagnostics: [d], itemIndent: "", isFlowStyle: false)
        }
        // Through a file handle, so that a pipe (`--decisions <(...)`) can be read too.
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            let d = Diagnostic(
                .error, SourceLocation(path: shown), "The decisions file could not be read.",
                hint: "Check the file's permissions.")
            return DecisionsFile(entries: [], diagnostics: [d], itemIndent: "", isFlowStyle: false)
        }
        let read = (try? handle.readToEnd()) ?? Data()  // nil at once: an empty file
        try? handle.close()
        guard let text = String(data: read, encoding: .utf8) else {
            let d = Diagnostic(
                .error, SourceLocation(path: shown), "The decisions file is not UTF-8 text.",
                hint: "Save the file as UTF-8 (plain text) and try again.")
            return DecisionsFile(entries: [], diagnostics: [d], itemIndent: "", isFlowStyle: false)
        }
        return parse(text, path: shown)
    }

    /// Parses and validates decisions text; `path` is used in diagnostics and decision locations.
    public static func parse(_ text: String, path: String) -> DecisionsFile {
        let reader = ProfileReader(path: path, text: text)
        var entries: [Entry] = []
        var indent = ""
        var flow = false
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let root: Node?
        do {
            root = try Yams.compose(yaml: body, .basic)
        } catch {
            reader.add(yamlDiagnostic(error, reader: reader))
            return finish(reader, [], "", false)
        }
        guard let root, !reader.isNull(root) else { return finish(reader, [], "", false) }
        guard case .sequence(let seq) = root else {
            reader.error(
                at: root, "The decisions file must be a list of decisions, but it is \(reader.describe(root)).",
                hint: "Start each decision with \"- \", e.g. - skip: world-kidney-day-2027-03-11")
            return finish(reader, [], "", false)
        }
        flow = seq.style == .flow
        let nodes = Array(seq)
        // Lines split on LF bytes (a CRLF is one Character in Swift, so String splitting would miss it).
        let rawLines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map {
            String(decoding: $0.last == 13 ? $0.dropLast() : $0, as: UTF8.self)
        }
        let lineCount = rawLines.count
        func sourceLine(_ n: Int) -> String? { n >= 1 && n <= lineCount ? rawLines[n - 1] : nil }
        if let first = nodes.first?.mark?.line, let line = sourceLine(first) {
            indent = String(line.prefix { $0 == " " })
        }
        var seen: [String: (Int, String)] = [:]  // "kind id" or "campaign id" -> (line, label)
        for (i, node) in nodes.enumerated() {
            let start = node.mark?.line ?? 1
            let nextStart = i + 1 < nodes.count ? (nodes[i + 1].mark?.line ?? start) : lineCount + 1
            // The entry runs to the last line before the next entry that is not blank or a comment.
            var end = max(start, nextStart - 1)
            while end > start {
                let t = sourceLine(end)?.trimmingCharacters(in: .whitespaces) ?? ""
                if t.isEmpty || t.hasPrefix("#") { end -= 1 } else { break }
            }
            if i + 1 < nodes.count, nodes[i + 1].mark?.line == start { flow = true }
            guard let decision = readDecision(node, number: i + 1, reader: reader) else { continue }
            // One decision per id and kind; skip and pin of one campaign contradict each other.
            let key: String
            switch decision.action {
            case .skip, .pin: key = "campaign \(decision.id)"
            default: key = "\(decision.kind) \(decision.id)"
            }
            if let (line, label) = seen[key] {
                reader.error(
                    at: node,
                    "decision \(decision.label) repeats or contradicts decision \(label) on line \(line).",
                    hint: "Keep one of them and delete the other (planner decide replaces a decision in place).")
                continue
            }
            seen[key] = (start, decision.label)
            entries.append(Entry(decision: decision, firstLine: start, lastLine: end))
        }
        return finish(reader, entries, indent, flow)
    }

    private static func finish(_ reader: ProfileReader, _ entries: [Entry], _ indent: String, _ flow: Bool) -> DecisionsFile {
        DecisionsFile(
            entries: entries, diagnostics: reader.diagnostics.sorted(by: Diagnostic.reportOrder), itemIndent: indent,
            isFlowStyle: flow)
    }

    /// One field of a decision as written: its name, key node and value node.
    typealias Field = (name: String, key: Node, value: Node)
    /// A decision's fields, in file order.
    typealias Fields = [Field]

    /// One list entry: exactly one of skip/pin/move/swap/text, plus its value and the optional note and author.
    static func readDecision(_ node: Node, number: Int, reader: ProfileReader) -> ManagerDecision? {
        let field = "decision \(number)"
        guard case .mapping(let map) = node else {
            reader.error(
                at: node, "\(field) must be a \"kind: id\" entry, but it is \(reader.describe(node)).",
                hint: "Write e.g. - skip: world-kidney-day-2027-03-11 (see docs/decisions.md).")
            return nil
        }
        let (fields, allKnown) = knownFields(of: map, field: field, reader: reader)
        guard let kind = onlyKind(in: fields, of: node, field: field, reportMissing: allKnown, reader: reader) else {
            return nil
        }
        func value(_ name: String) -> (key: Node, value: Node)? {
            fields.first { $0.name == name }.map { ($0.key, $0.value) }
        }
        let note = value("note").flatMap { reader.text($0.value, "the note of \(field)") }
        let author = value("author").flatMap { reader.text($0.value, "the author of \(field)") }
        guard let id = reader.text(kind.value, "\(field) \(kind.name)") else { return nil }
        let loc = SourceLocation(path: reader.path, line: node.mark?.line, column: node.mark?.column)
        guard fieldsBelong(fields, to: kind, reader: reader), idFits(id, kind: kind, reader: reader) else { return nil }
        if kind.name == "skip" || kind.name == "pin" {
            return ManagerDecision(kind.name == "skip" ? .skip : .pin, id: id, note: note, author: author, location: loc)
        }
        if kind.name == "approve" { return ManagerDecision(.approve, id: id, note: note, author: author, location: loc) }
        guard let action = readAction(kind, id: id, field: field, value: value, reader: reader) else { return nil }
        return ManagerDecision(action, id: id, note: note, author: author, location: loc)
    }

    /// The entry's known fields; each unknown key is reported (and `allKnown` is false).
    private static func knownFields(
        of map: Node.Mapping, field: String, reader: ProfileReader
    ) -> (fields: Fields, allKnown: Bool) {
        var fields: Fields = []
        var ok = true
        for (k, v) in map {
            guard case .scalar(let s) = k, knownKeys.contains(s.string) else {
                let name: String
                if case .scalar(let s) = k { name = s.string } else { name = "" }
                let hint =
                    closestMatch(to: name, in: knownKeys).map { "Did you mean \"\($0)\"?" }
                    ?? "A decision has one of \(kinds.joined(separator: ", ")), and may have to, message, note and author."
                reader.error(at: k, "Unknown key \"\(name)\" in \(field).", hint: hint)
                ok = false
                continue
            }
            fields.append((s.string, k, v))
        }
        return (fields, ok)
    }

    /// The one skip/pin/move/swap/text field of the entry; nil (reported) when there is none or more than one.
    private static func onlyKind(
        in fields: Fields, of node: Node, field: String, reportMissing: Bool, reader: ProfileReader
    ) -> Field? {
        let kinds = fields.filter { Self.kinds.contains($0.name) }
        guard let kind = kinds.first else {
            if reportMissing {
                reader.error(
                    at: node, "\(field) does not say what to do.",
                    hint: "Start it with one of \(Self.kinds.joined(separator: ", ")), e.g. - skip: <campaign id>.")
            }
            return nil
        }
        if kinds.count > 1 {
            reader.error(
                at: kinds[1].key, "\(field) has both \"\(kind.name)\" and \"\(kinds[1].name)\".",
                hint: "Write each decision as its own \"- \" entry.")
            return nil
        }
        return kind
    }

    /// Whether every field belongs to a decision of this kind (the first that does not is reported).
    private static func fieldsBelong(
        _ fields: Fields, to kind: Field, reader: ProfileReader
    ) -> Bool {
        let allowed: [String: [String]] = [
            "skip": ["note", "author"], "pin": ["note", "author"], "move": ["to", "note", "author"],
            "swap": ["to", "note", "author"], "text": ["message", "note", "author"], "approve": ["note", "author"],
            "allow": ["finding", "note", "author"],
        ]
        for f in fields where !Self.kinds.contains(f.name) && !(allowed[kind.name] ?? []).contains(f.name) {
            reader.error(
                at: f.key, "\"\(f.name)\" does not belong to a \(kind.name) decision.",
                hint: kind.name == "text" && f.name == "to"
                    ? "Write the message as message: \"...\"." : "Remove it; see docs/decisions.md.")
            return false
        }
        return true
    }

    /// Whether `id` is the kind of id the decision takes: a campaign id for skip and pin, an
    /// item id for the others (reported when not).
    private static func idFits(_ id: String, kind: Field, reader: ProfileReader) -> Bool {
        switch kind.name {
        case "skip", "pin":
            if let item = ItemID(rawValue: id) {
                let campaign = item.campaign
                reader.error(
                    at: kind.value, "\(kind.name) takes a campaign id, but \"\(id)\" is an item id.",
                    hint: "Did you mean \"\(campaign)\"? To change one item use move, swap or text.")
                return false
            }
            guard CampaignID(rawValue: id) != nil else {
                reader.error(
                    at: kind.value, "\"\(id)\" is not a campaign id.",
                    hint: "A campaign id is the day's name and start date, e.g. world-kidney-day-2027-03-11; copy it from plan.json.")
                return false
            }
        default:
            guard ItemID(rawValue: id) != nil else {
                reader.error(
                    at: kind.value, "\(kind.name) takes an item id, but \"\(id)\" is not one.",
                    hint: CampaignID(rawValue: id) != nil
                        ? "Add the channel and number, e.g. \"\(id)-sms-1\"; copy it from plan.json."
                        : "An item id looks like world-kidney-day-2027-03-11-sms-1; copy it from plan.json.")
                return false
            }
        }
        return true
    }

    /// What a move, swap or text decision does, read from its "to" or "message" field.
    private static func readAction(
        _ kind: Field, id: String, field: String,
        value: (String) -> (key: Node, value: Node)?, reader: ProfileReader
    ) -> ManagerDecision.Action? {
        switch kind.name {
        case "move":
            guard let to = value("to") else {
                reader.error(at: kind.key, "move \(id) has no \"to\" date.", hint: "Add the new date on the next line: to: YYYY-MM-DD.")
                return nil
            }
            guard let date = reader.date(to.value, "the \"to\" date of \(field)") else { return nil }
            return .move(to: date)
        case "swap":
            guard let to = value("to") else {
                reader.error(
                    at: kind.key, "swap \(id) has no \"to\" channel.",
                    hint: "Add the new channel on the next line: to: sms, letter, website or social.")
                return nil
            }
            let names = PlanChannel.allCases.map(\.rawValue)
            guard
                let channel = reader.choice(
                    to.value, "the \"to\" channel of \(field)", PlanChannel.allCases.map { ($0.rawValue, $0) }, what: "a channel",
                    extraHint: [
                        "text": "Text messages are \"sms\".", "letters": "Did you mean \"letter\"?",
                        "facebook": "All social media accounts are one channel: \"social\".",
                        "post": "Write \"letter\" for post, \"social\" for a social media post.",
                        "email": "The planner has no email channel; use one of: \(names.joined(separator: ", ")).",
                    ])
            else { return nil }
            return .swap(to: channel)
        case "allow":
            guard let f = value("finding") else {
                reader.error(
                    at: kind.key, "allow \(id) has no \"finding\".",
                    hint: "Add the kind of finding to let through on the next line, e.g. finding: phone "
                        + "(one of \(FindingKind.allCases.map(\.rawValue).joined(separator: ", "))).")
                return nil
            }
            guard
                let finding = reader.choice(
                    f.value, "the finding of \(field)", FindingKind.allCases.map { ($0.rawValue, $0) },
                    what: "a kind of finding")
            else { return nil }
            guard value("note") != nil else {
                reader.error(
                    at: kind.key, "allow \(id) has no \"note\".",
                    hint: "Say why it is not personal data, e.g. note: \"the number of the local pharmacy\".")
                return nil
            }
            return .allow(finding)
        default:
            guard let m = value("message") else {
                reader.error(
                    at: kind.key, "text \(id) has no \"message\".",
                    hint: "Add the message on the next line in quotes: message: \"...\".")
                return nil
            }
            guard let message = reader.text(m.value, "the message of \(field)") else { return nil }
            return .text(message)
        }
    }

    /// Whether `id` is a well-formed id for a decision of `kind` (used by `planner decide`).
    public static func isValidID(_ id: String, kind: String) -> Bool {
        kind == "skip" || kind == "pin" ? CampaignID(rawValue: id) != nil && ItemID(rawValue: id) == nil : ItemID(rawValue: id) != nil
    }

    /// Turns a Yams parse error into a diagnostic at its mark.
    private static func yamlDiagnostic(_ error: any Error, reader: ProfileReader) -> Diagnostic {
        func at(_ mark: Mark, _ message: String, _ hint: String) -> Diagnostic {
            let loc = SourceLocation(path: reader.path, line: mark.line, column: mark.column)
            return Diagnostic(.error, loc, message, sourceLine: reader.sourceLine(mark.line), hint: hint)
        }
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let line = reader.sourceLine(mark.line)
            let tab = line?.contains("\t") == true
            if !tab, let line, let quoted = quotedValue(line) {
                return at(
                    mark, "The decisions file is not valid YAML: \(problem).",
                    "Put it in quotes, as in \(quoted); a value that holds \": \" must be quoted.")
            }
            return at(
                mark, "The decisions file is not valid YAML: \(problem).",
                tab
                    ? "YAML does not allow tabs for indentation; use spaces."
                    : "Check the indentation: each decision starts with \"- \" and its other lines line up under it.")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return at(
                context.mark, "The key \(names) appears more than once in the same decision.",
                hint(forDuplicate: duplicates.map { "\($0)" }))
        default:
            return Diagnostic(
                .error, SourceLocation(path: reader.path), "The decisions file is not valid YAML: \(error).",
                hint: "Check the indentation (spaces, not tabs).")
        }
    }

    /// `key: "value"` for a line `key: value` whose unquoted value holds ": " (a message such
    /// as `message: Flu jabs: book now`), else nil.
    static func quotedValue(_ line: String) -> String? {
        guard let colon = line.range(of: ": ") else { return nil }
        let key = line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, let first = value.first, first != "\"", first != "'", value.contains(": ") else {
            return nil
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\(key): \"\(escaped)\""
    }

    private static func hint(forDuplicate keys: [String]) -> String {
        keys.contains("text")
            ? "A text decision names the item with text: and the words with message: \"...\"."
            : "Keep one of them, or write each decision as its own \"- \" entry."
    }
}
