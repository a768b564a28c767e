import Foundation
import PlannerCore
import Yams

/// Walks a composed YAML tree, collecting diagnostics with the source line and column of each
/// node. Reading never stops at the first problem: every helper reports and returns nil, and
/// the caller carries on with the next field.
final class ProfileReader {
    let path: String
    private let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, text: String) {
        self.path = path
        self.lines = sourceLines(text).map { Substring($0) }
    }

    // MARK: Reporting

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: mark.line, column: mark.column)
    }

    func sourceLine(_ line: Int?) -> String? {
        guard let line, line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1])
    }

    func report(_ severity: Diagnostic.Severity, at node: Node?, _ message: String, hint: String? = nil) {
        let loc = location(node)
        diagnostics.append(Diagnostic(severity, loc, message, sourceLine: sourceLine(loc.line), hint: hint))
    }

    func error(at node: Node?, _ message: String, hint: String? = nil) {
        report(.error, at: node, message, hint: hint)
    }

    func warning(at node: Node?, _ message: String, hint: String? = nil) {
        report(.warning, at: node, message, hint: hint)
    }

    func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    var hasErrors: Bool { diagnostics.contains(where: \.isError) }

    /// Errors reported so far.
    var errorCount: Int { diagnostics.count { $0.isError } }

    // MARK: Structure

    /// One `key: value` pair of a mapping, with both nodes for locations.
    struct Field {
        let name: String
        let key: Node
        let value: Node
    }

    /// The pairs of a mapping node, reporting keys not in `known` (with a did-you-mean) and
    /// a node that is not a mapping. `section` names the place in messages ("channels.sms").
    func mapping(_ node: Node, _ section: String, known: [String]?) -> [Field]? {
        guard case .mapping(let map) = node else {
            error(
                at: node, "\(section) must be a section of \"key: value\" lines, but it is \(describe(node)).",
                hint: "Indent the lines that belong to \(section) under it.")
            return nil
        }
        var fields: [Field] = []
        for (k, v) in map {
            guard case .scalar(let keyScalar) = k else {
                error(
                    at: k, "A key in \(section) must be a plain name.",
                    hint: "Write keys as simple words followed by a colon.")
                continue
            }
            let name = keyScalar.string
            if let known, !known.contains(name) {
                let place = section == "profile" ? "at the top level of the profile" : "in \(section)"
                let hint =
                    closestMatch(to: name, in: known).map { "Did you mean \"\($0)\"?" }
                    ?? "Remove it, or see docs/profile.md for the keys allowed \(place)."
                error(at: k, "Unknown key \"\(name)\" \(place).", hint: hint)
                continue
            }
            fields.append(Field(name: name, key: k, value: v))
        }
        return fields
    }

    /// The items of a sequence node, reporting a node that is not one.
    func sequence(_ node: Node, _ section: String, example: String) -> [Node]? {
        guard case .sequence(let seq) = node else {
            error(
                at: node, "\(section) must be a list, but it is \(describe(node)).",
                hint: "Write each entry on its own line starting with \"- \", e.g. \(example).")
            return nil
        }
        return Array(seq)
    }

    /// A description of a node's kind and value for "but it is ..." messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return isNull(node) ? "empty" : "\"\(s.string)\""
        case .mapping: return "a section of \"key: value\" lines"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    // MARK: Scalars

    /// A non-empty text value.
    func text(_ node: Node, _ field: String) -> String? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be text, but it is \(describe(node)).",
                hint: "Write the value on the same line after \"\(lastComponent(field)):\".")
            return nil
        }
        let value = s.string.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else {
            error(at: node, "\(field) is empty.", hint: "Write a value or remove the line.")
            return nil
        }
        return value
    }

    /// A whole number from 0 to `max` (counts, visits, followers, days). Anything else,
    /// however long or strange, is reported and gives nil: nothing is converted that could trap.
    /// `limitHint` says why the limit is what it is; `tooMany` words the message for a value
    /// above `max` (given the value as written), when the field has its own way of saying it.
    func count(
        _ node: Node, _ field: String, max: Int, limitHint: String, noneHint: String = "Write 0 for none.",
        tooMany: ((String) -> String)? = nil
    ) -> Int? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be a whole number, but it is \(describe(node)).",
                hint: "Write the number with digits only, e.g. 120.")
            return nil
        }
        let raw = s.string.trimmingCharacters(in: .whitespaces)
        func over(_ shown: String) -> String {
            tooMany?(shown) ?? "\(field) is \(shown), but the planner accepts at most \(groupedThousands(max))."
        }
        if let n = Int(raw) {
            if n < 0 {
                error(at: node, "\(field) is \(n), but a count cannot be negative.", hint: noneHint)
                return nil
            }
            if n > max {
                error(at: node, over(groupedThousands(n)), hint: limitHint)
                return nil
            }
            return n
        }
        // Digits only, but too many for any number the planner keeps.
        let digits = raw.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty, raw.count - digits.count <= 1, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if raw.hasPrefix("-") {
                error(at: node, "\(field) is \(shortened(raw)), but a count cannot be negative.", hint: noneHint)
            } else {
                error(at: node, over(shortened(raw)), hint: limitHint)
            }
            return nil
        }
        let noCommas = raw.replacingOccurrences(of: ",", with: "")
        let wrong = "\(field) must be a whole number, but it is \"\(shortened(raw))\"."
        if noCommas != raw, let n = Int(noCommas), (0...max).contains(n) {
            error(at: node, wrong, hint: "Write it without commas: \(n).")
        } else if let d = Double(raw), d.isFinite, d >= 0, d <= Double(max) {
            error(at: node, wrong, hint: "Round it to a whole number, e.g. \(Int(d.rounded())).")
        } else if let d = Double(raw), d.isFinite, d > Double(max) {
            error(at: node, wrong, hint: "\(limitHint) Write the number with digits only.")
        } else {
            error(at: node, wrong, hint: "Write the number with digits only, e.g. 120.")
        }
        return nil
    }

    /// A number (decimals allowed) from 0 to `max`: prices, budgets, hours. `maxText` is the
    /// limit as people write it ("£100,000"); `limitHint` says why the limit is what it is.
    func amount(_ node: Node, _ field: String, unit: String, max: Double, maxText: String, limitHint: String) -> Double? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be a number, but it is \(describe(node)).",
                hint: "Write the number in \(unit) with digits only, e.g. 250.")
            return nil
        }
        let raw = s.string.trimmingCharacters(in: .whitespaces)
        guard let d = plainNumber(raw) else {
            if let d = Double(raw), d.isFinite, raw.contains(where: { $0 == "e" || $0 == "E" }) {
                // 1e30, 2.5E3: scientific notation, which a price or budget never needs.
                let hint =
                    d.magnitude > max
                    ? "That is far more than the \(maxText) the planner accepts: \(limitHint)"
                    : "Write it in \(unit) with digits only: \(formatNumber(d))."
                error(at: node, "\(field) is \"\(shortened(raw))\", a number in scientific notation.", hint: hint)
                return nil
            }
            let stripped = raw.filter { "0123456789.-".contains($0) }
            let example = plainNumber(stripped).flatMap { n in
                (0...max).contains(n) ? "Write it in \(unit) as a plain number: \(formatNumber(n))." : nil
            }
            error(
                at: node, "\(field) must be a number, but it is \"\(shortened(raw))\".",
                hint: example ?? "Write the number in \(unit) with digits only, e.g. 250.")
            return nil
        }
        if d < 0 {
            error(at: node, "\(field) is \(formatNumber(d)), but it cannot be negative.", hint: "Write 0 for none.")
            return nil
        }
        if d > max {
            error(
                at: node, "\(field) is \(formatNumber(d)), but the planner accepts at most \(maxText).", hint: limitHint)
            return nil
        }
        return d
    }

    /// A share from 0 to 1.
    func share(_ node: Node, _ field: String) -> Double? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be a share between 0 and 1, but it is \(describe(node)).",
                hint: "Write a share as a decimal: 0.85 means 85%.")
            return nil
        }
        let raw = s.string.trimmingCharacters(in: .whitespaces)
        if raw.hasSuffix("%"), let p = plainNumber(String(raw.dropLast())) {
            error(
                at: node, "\(field) must be a share between 0 and 1, but it is \"\(raw)\".",
                hint: "Write a share as a decimal: \(formatNumber(p / 100)) means \(raw).")
            return nil
        }
        guard let d = plainNumber(raw) else {
            error(
                at: node, "\(field) must be a share between 0 and 1, but it is \"\(raw)\".",
                hint: "Write a share as a decimal: 0.85 means 85%.")
            return nil
        }
        guard (0...1).contains(d) else {
            // A whole number up to 100 was most likely meant as a percentage.
            let hint =
                d > 1 && d <= 100 && d == d.rounded()
                ? "Write a share as a decimal: \(formatNumber(d / 100)) means \(formatNumber(d))%."
                : "Write a share as a decimal: 0.85 means 85%."
            error(at: node, "\(field) is \(formatNumber(d)), but a share must be between 0 and 1.", hint: hint)
            return nil
        }
        return d
    }

    /// A `YYYY-MM-DD` date.
    func date(_ node: Node, _ field: String) -> CivilDate? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be a date, but it is \(describe(node)).",
                hint: "Write dates as YYYY-MM-DD, e.g. 2027-01-04.")
            return nil
        }
        let raw = s.string.trimmingCharacters(in: .whitespaces)
        if raw.count == 10, let d = CivilDate(iso: raw) { return d }
        let shape =
            raw.count == 10
            && raw.enumerated().allSatisfy { i, c in
                (i == 4 || i == 7) ? c == "-" : (c.isASCII && c.isNumber)
            }
        if shape {
            error(
                at: node, "\(field) is \"\(raw)\", which is not a real date.",
                hint: "Check the day and month; dates are written YYYY-MM-DD.")
        } else {
            // A UK-style 30/01/2027 gets its ISO spelling as the hint.
            let parts = raw.split(separator: "/")
            var hint = "Write dates as YYYY-MM-DD, e.g. 2027-01-04."
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), y >= 1000 {
                let c = CivilDate(year: y, month: m, day: d)
                if c.isValid { hint = "Write dates as YYYY-MM-DD: \(c.iso)." }
            }
            error(at: node, "\(field) is \"\(raw)\", which is not a date in the form YYYY-MM-DD.", hint: hint)
        }
        return nil
    }

    /// An `HH:MM` time of day.
    func clockTime(_ node: Node, _ field: String) -> ClockTime? {
        guard case .scalar(let s) = node, !isNull(node) else {
            error(
                at: node, "\(field) must be a time of day, but it is \(describe(node)).",
                hint: "Write times as HH:MM in quotes, e.g. \"09:00\".")
            return nil
        }
        let raw = s.string.trimmingCharacters(in: .whitespaces)
        guard let t = ClockTime(text: raw) else {
            error(
                at: node, "\(field) is \"\(raw)\", which is not a time in the form HH:MM.",
                hint: "Write times as HH:MM on the 24-hour clock in quotes, e.g. \"17:30\".")
            return nil
        }
        return t
    }

    /// One of a fixed set of words.
    func choice<T>(
        _ node: Node, _ field: String, _ options: [(String, T)], what: String, extraHint: [String: String] = [:]
    )
        -> T?
    {
        guard let raw = text(node, field) else { return nil }
        let normal = raw.lowercased().replacingOccurrences(of: " ", with: "-")
        if let hit = options.first(where: { $0.0 == normal }) { return hit.1 }
        let names = options.map(\.0)
        let hint =
            extraHint[normal]
            ?? closestMatch(to: normal, in: names).map { "Did you mean \"\($0)\"?" }
            ?? "Use one of: \(names.joined(separator: ", "))."
        error(at: node, "\"\(raw)\" is not \(what).", hint: hint)
        return nil
    }
}

/// The physical lines of `text`, as YAML counts them (YAML 1.2 §5.4): a line ends at LF, CRLF
/// or a lone CR. Splitting on Characters would miss CRLF, which Swift treats as one Character,
/// so a CRLF file would show the wrong source line in its diagnostics.
func sourceLines(_ text: String) -> [String] {
    var out: [String] = []
    var current = String.UnicodeScalarView()
    var afterCR = false
    for scalar in text.unicodeScalars {
        if afterCR {
            afterCR = false
            if scalar == "\n" { continue }
        }
        if scalar == "\n" || scalar == "\r" {
            out.append(String(current))
            current.removeAll()
            afterCR = scalar == "\r"
        } else {
            current.append(scalar)
        }
    }
    out.append(String(current))
    return out
}

/// The text after the last dot of a field path ("channels.sms.senderName" -> "senderName").
func lastComponent(_ field: String) -> String {
    field.split(separator: ".").last.map(String.init) ?? field
}

/// A plain decimal number ("12", "2.4", "-3"), nil for anything else (no "inf", no "1e3").
func plainNumber(_ text: String) -> Double? {
    guard !text.isEmpty, text.allSatisfy({ "0123456789.-".contains($0) }), let d = Double(text), d.isFinite else {
        return nil
    }
    return d
}

/// `text` cut to 40 characters for a message (a fuzzed or pasted value can be very long).
func shortened(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "..." : text
}

/// A number for messages: no trailing ".0", at most 4 decimals, locale-free.
func formatNumber(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    var s = String(format: "%.4f", d)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}
