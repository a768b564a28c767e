/// Who a calendar day concerns, as a calendar states it in `X-GP-ELIGIBILITY` (docs/eligibility.md).
///
///     X-GP-ELIGIBILITY:sex=female age=25-64 exclude=screened-3y
///     X-GP-ELIGIBILITY:age=75+ | group=care-home-residents | sex=female group=pregnant-and-new-parents
///
/// A rule is one or more audiences separated by `|` (a person is eligible when any audience takes
/// them). An audience is terms separated by spaces, each `key=value`:
///
/// | term | meaning |
/// |---|---|
/// | `sex=female` / `sex=male` | only this sex |
/// | `age=25-64`, `age=75+`, `age=65` | ages, inclusive; `75+` has no upper limit; `65` is 65 only |
/// | `on=next-03-31`, `on=last-08-31`, `on=2026-08-31`, `on=start` | the date the ages are measured on |
/// | `group=asthma/copd` | in any of these groups (taxonomy ids) |
/// | `exclude=vaccinated-this-season/screened-3y` | leaves out anyone in any of these groups or states |
/// | `to=parent` / `to=patient` | whom a message is addressed to (children's programmes: the parent) |
///
/// The value uses no `;`, `,` or `\`: RFC 5545 writers escape those in a TEXT value, so a rule
/// written with them would not come back the same from every calendar program.
public struct EligibilityRule: Sendable, Hashable, Codable {
    /// The audiences, in the order written; a person is eligible when any one takes them.
    public var audiences: [Audience]

    public init(audiences: [Audience]) {
        self.audiences = audiences
    }

    public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
        case female, male
    }

    /// The date on which ages are measured, relative to the day's first date where it is a rule.
    public enum AgeOn: Sendable, Hashable, Codable {
        /// The day's own first date (the default).
        case dayStart
        /// The first `month`-`day` on or after the day's first date ("turning 65 by 31 March").
        case next(month: Int, day: Int)
        /// The last `month`-`day` on or before the day's first date ("aged 2 or 3 on 31 August"
        /// for a season that starts on 1 September).
        case last(month: Int, day: Int)
        /// A fixed date (for a dated event).
        case fixed(CivilDate)

        /// The date ages are measured on, for a day whose first date is `start`.
        public func date(forDayStarting start: CivilDate) -> CivilDate {
            switch self {
            case .dayStart:
                return start
            case .next(let m, let d):
                let same = CivilDate(year: start.year, month: m, day: d)
                return same >= start ? same : CivilDate(year: start.year + 1, month: m, day: d)
            case .last(let m, let d):
                let same = CivilDate(year: start.year, month: m, day: d)
                return same <= start ? same : CivilDate(year: start.year - 1, month: m, day: d)
            case .fixed(let date):
                return date
            }
        }
    }

    /// One group of people: every condition holds (sex, ages, any of the groups), minus the exclusions.
    public struct Audience: Sendable, Hashable, Codable {
        /// nil: either sex.
        public var sex: Sex?
        /// Inclusive lower age (0 when the audience states no age).
        public var ageFrom: Int
        /// Inclusive upper age; nil for no upper limit.
        public var ageTo: Int?
        /// The date ages are measured on.
        public var ageOn: AgeOn
        /// Taxonomy group ids; a person in any of them qualifies. Empty: no group condition.
        public var groups: [String]
        /// Group ids or states (docs/eligibility.md) that leave a person out.
        public var exclude: [String]
        /// Messages go to the parent or carer, not to the child.
        public var toParent: Bool

        public init(
            sex: Sex? = nil, ageFrom: Int = 0, ageTo: Int? = nil, ageOn: AgeOn = .dayStart, groups: [String] = [],
            exclude: [String] = [], toParent: Bool = false
        ) {
            self.sex = sex
            self.ageFrom = ageFrom
            self.ageTo = ageTo
            self.ageOn = ageOn
            self.groups = groups
            self.exclude = exclude
            self.toParent = toParent
        }

        /// Whether the audience can hold children under 16 (who get no direct contact of their own).
        public var includesUnder16: Bool { ageFrom < 16 }
    }
}

/// One fault in an `X-GP-ELIGIBILITY` value.
public struct EligibilityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based column of the fault within the value (in characters).
    public var column: Int
    public var message: String
    public var hint: String

    public init(column: Int, message: String, hint: String) {
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(column): error: \(message) (hint: \(hint))" }

    /// The fault as a compiler-style diagnostic: `valueColumn` is the 1-based column at which the
    /// value starts in `sourceLine` (after `X-GP-ELIGIBILITY:` and any parameters).
    public func diagnostic(path: String, line: Int, sourceLine: String, valueColumn: Int) -> Diagnostic {
        Diagnostic(
            .error, SourceLocation(path: path, line: line, column: valueColumn + column - 1), message,
            sourceLine: sourceLine, hint: hint)
    }
}

/// Every fault of one value, sorted by column.
public struct EligibilityErrors: Error, Sendable, Hashable {
    public var errors: [EligibilityError]
}

extension EligibilityRule {
    /// The keys an audience may use, in the order `rendered` writes them.
    public static let keys = ["sex", "age", "on", "group", "exclude", "to"]

    /// The largest age a rule may name.
    public static let maxAge = 130

    /// Parses an `X-GP-ELIGIBILITY` value (unescaped). Reports every fault, each with its column.
    public static func parse(_ text: String) throws(EligibilityErrors) -> EligibilityRule {
        var parser = EligibilityParser(Array(text))
        let rule = parser.rule()
        if !parser.errors.isEmpty {
            throw EligibilityErrors(errors: parser.errors.sorted { ($0.column, $0.message) < ($1.column, $1.message) })
        }
        return rule
    }

    /// The canonical text of the rule: terms in the order of `keys`, one space between terms,
    /// ` | ` between audiences, defaults left out. `parse(rendered)` gives the rule back for every
    /// rule `parse` can return (an audience built in code with no sex, age or group renders as
    /// nothing, which does not parse).
    public var rendered: String {
        audiences.map(\.rendered).joined(separator: " | ")
    }
}

extension EligibilityRule.Audience {
    /// The audience's canonical text (see `EligibilityRule.rendered`).
    public var rendered: String {
        var terms: [String] = []
        if let sex { terms.append("sex=\(sex.rawValue)") }
        if ageFrom != 0 || ageTo != nil || ageOn != .dayStart {
            if let ageTo {
                terms.append(ageTo == ageFrom ? "age=\(ageFrom)" : "age=\(ageFrom)-\(ageTo)")
            } else {
                terms.append("age=\(ageFrom)+")
            }
        }
        switch ageOn {
        case .dayStart: break
        case .next(let m, let d): terms.append("on=next-\(m.zeroPadded(to: 2))-\(d.zeroPadded(to: 2))")
        case .last(let m, let d): terms.append("on=last-\(m.zeroPadded(to: 2))-\(d.zeroPadded(to: 2))")
        case .fixed(let date): terms.append("on=\(date.iso)")
        }
        if !groups.isEmpty { terms.append("group=" + groups.joined(separator: "/")) }
        if !exclude.isEmpty { terms.append("exclude=" + exclude.joined(separator: "/")) }
        if toParent { terms.append("to=parent") }
        return terms.joined(separator: " ")
    }
}

// MARK: - Parser

/// A hand-written scanner over the value's characters; columns are 1-based character offsets.
///
/// Characters that calendar programs escape are reported, then read as what they most likely
/// meant so that the rest is still checked: `;` (or a tab or line break) as a space between
/// terms, `,` as the `/` between ids, and a `\` (an escape) as nothing.
private struct EligibilityParser {
    /// The value as parsed (after the replacements above).
    let chars: [Character]
    /// For each index of `chars` (and one past the end), the index in the original value.
    let origin: [Int]
    let original: [Character]
    var errors: [EligibilityError] = []

    init(_ value: [Character]) {
        var chars: [Character] = []
        var origin: [Int] = []
        for (i, c) in value.enumerated() {
            switch c {
            case "\\": continue
            case ";", "\t": chars.append(" ")
            case ",": chars.append("/")
            default: chars.append(c.isNewline ? " " : c)
            }
            origin.append(i)
        }
        origin.append(value.count)
        self.chars = chars
        self.origin = origin
        self.original = value
    }

    static let ageHint = "write age=25-64 (inclusive), age=75+ (no upper limit) or age=65 (one age)"
    static let onHint =
        "write on=next-03-31 (ages on the next 31 March: \"turning 65 by 31 March\"), on=last-08-31, on=2026-08-31 or on=start"
    static let idHint = "ids are lower-case words joined by hyphens, e.g. care-home-residents; separate several with /"

    /// Reports a fault at `index` of `chars`.
    mutating func fail(_ index: Int, _ message: String, _ hint: String) {
        errors.append(EligibilityError(column: origin[min(index, origin.count - 1)] + 1, message: message, hint: hint))
    }

    mutating func rule() -> EligibilityRule {
        for (i, c) in original.enumerated() where c == ";" || c == "," || c == "\\" || c == "\t" || c.isNewline {
            let shown = c == "\t" ? "a tab" : c.isNewline ? "a line break" : "\"\(c)\""
            errors.append(
                EligibilityError(
                    column: i + 1, message: "\(shown) cannot be used in an eligibility rule (calendar programs escape or rewrite it)",
                    hint: "separate terms with spaces, ids with / and audiences with |, e.g. sex=female age=25-64 | age=75+"))
        }
        if chars.allSatisfy({ $0 == " " }) {
            errors.append(EligibilityError(column: 1, message: "the eligibility is empty", hint: "write at least one audience, e.g. age=65+"))
            return EligibilityRule(audiences: [])
        }
        // Split on "|" into audiences, each a range of character indices.
        var audiences: [EligibilityRule.Audience] = []
        var start = 0
        for i in 0...chars.count where i == chars.count || chars[i] == "|" {
            if let a = audience(start..<i) { audiences.append(a) }
            start = i + 1
        }
        return EligibilityRule(audiences: audiences)
    }

    /// One audience from `range`; nil when it is empty (reported).
    mutating func audience(_ range: Range<Int>) -> EligibilityRule.Audience? {
        // Terms: runs of characters other than spaces (forbidden characters were reported and replaced in init).
        var terms: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if chars[i] == " " {
                i += 1
                continue
            }
            let s = i
            while i < range.upperBound, chars[i] != " " { i += 1 }
            terms.append(s..<i)
        }
        guard !terms.isEmpty else {
            // Point at the | that leaves it empty: the one after a first audience, else the one before.
            let at = range.lowerBound == 0 ? min(range.upperBound, chars.count - 1) : range.lowerBound - 1
            fail(
                at, "an audience is empty (nothing between two |, or a | at the start or end)",
                "remove the extra |, or write the audience, e.g. age=75+")
            return nil
        }
        var audience = EligibilityRule.Audience()
        var seen: [String: Int] = [:]  // key -> column, lookup only
        var onAt: Int?
        var toAt: Int?
        var ageAt: Int?
        var ageValid = false
        for t in terms {
            let text = String(chars[t])
            guard let eq = chars[t].firstIndex(of: "=") else {
                fail(t.lowerBound, "\"\(text)\" is not a key=value term", "write terms as key=value, e.g. sex=female age=25-64")
                continue
            }
            let key = String(chars[t.lowerBound..<eq])
            let valueStart = eq + 1
            let value = String(chars[valueStart..<t.upperBound])
            guard EligibilityRule.keys.contains(key) else {
                let known = EligibilityRule.keys.joined(separator: ", ")
                let suggestion = closestMatch(to: key, in: EligibilityRule.keys).map { "did you mean \"\($0)\"? " } ?? ""
                fail(t.lowerBound, "unknown key \"\(key)\"", "\(suggestion)the keys are \(known)")
                continue
            }
            if seen[key] != nil {
                fail(
                    t.lowerBound, "\"\(key)\" is given twice in one audience",
                    "give each key once; for a second group of people start a new audience after |")
                continue
            }
            seen[key] = t.lowerBound
            if value.isEmpty {
                fail(valueStart, "\(key)= has no value", "write a value after =, e.g. \(example(key))")
                continue
            }
            switch key {
            case "sex":
                if let sex = EligibilityRule.Sex(rawValue: value) {
                    audience.sex = sex
                } else {
                    fail(valueStart, "sex must be female or male, not \"\(value)\"", "leave sex= out when the day concerns both sexes")
                }
            case "age":
                ageAt = t.lowerBound
                if let (from, to) = age(value, at: valueStart) {
                    audience.ageFrom = from
                    audience.ageTo = to
                    ageValid = true
                }
            case "on":
                onAt = t.lowerBound
                if let on = ageOn(value, at: valueStart) { audience.ageOn = on }
            case "group":
                audience.groups = ids(value, at: valueStart, key: key)
            case "exclude":
                audience.exclude = ids(value, at: valueStart, key: key)
            default:  // "to"
                toAt = t.lowerBound
                switch value {
                case "parent": audience.toParent = true
                case "patient": audience.toParent = false
                default: fail(valueStart, "to must be parent or patient, not \"\(value)\"", "write to=parent for a children's programme")
                }
            }
        }
        if let onAt, ageAt == nil {
            fail(onAt, "on= says when ages are measured, but the audience gives no age=", "add an age range, e.g. age=65+ on=next-03-31")
        }
        if let toAt, audience.toParent {
            if ageAt == nil {
                fail(toAt, "to=parent is for children, but the audience gives no age=", "add the children's ages, e.g. age=0-4 to=parent")
            } else if ageValid, (audience.ageTo ?? Int.max) > 17 {
                fail(toAt, "to=parent is for children, but the ages run past 17", "end the age range below 18, e.g. age=2-3 to=parent")
            }
        }
        if seen["sex"] == nil, seen["age"] == nil, seen["group"] == nil {
            fail(
                terms[0].lowerBound, "the audience says nothing about who is in it (no sex=, age= or group=)",
                "add group=all-patients for everyone, or the sex, ages or groups it concerns")
        }
        return audience
    }

    func example(_ key: String) -> String {
        switch key {
        case "sex": return "sex=female"
        case "age": return "age=25-64"
        case "on": return "on=next-03-31"
        case "group": return "group=care-home-residents"
        case "exclude": return "exclude=vaccinated-this-season"
        default: return "to=parent"
        }
    }

    /// `N`, `N-M` or `N+`, each number 0...maxAge.
    mutating func age(_ value: String, at index: Int) -> (Int, Int?)? {
        func number(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 3, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        var from = 0
        var to: Int?
        if value.hasSuffix("+"), let n = number(value.dropLast()) {
            (from, to) = (n, nil)
        } else if let n = number(value[...]) {
            (from, to) = (n, n)
        } else if let dash = value.firstIndex(of: "-"), let a = number(value[..<dash]),
            let b = number(value[value.index(after: dash)...])
        {
            (from, to) = (a, b)
        } else {
            fail(index, "\"\(value)\" is not an age range", Self.ageHint)
            return nil
        }
        if from > EligibilityRule.maxAge || (to ?? 0) > EligibilityRule.maxAge {
            fail(index, "\"\(value)\": ages run from 0 to \(EligibilityRule.maxAge)", Self.ageHint)
            return nil
        }
        if let to, to < from {
            let dash = value.distance(from: value.startIndex, to: value.firstIndex(of: "-")!)
            fail(index + dash + 1, "the age range \(value) ends before it starts", "write the younger age first, e.g. age=\(to)-\(from)")
            return nil
        }
        return (from, to)
    }

    /// `start`, `next-MM-DD`, `last-MM-DD` or `YYYY-MM-DD`.
    mutating func ageOn(_ value: String, at index: Int) -> EligibilityRule.AgeOn? {
        if value == "start" { return .dayStart }
        for (prefix, isNext) in [("next-", true), ("last-", false)] where value.hasPrefix(prefix) {
            let rest = value.dropFirst(prefix.count)
            let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let m = Int(parts[0]), let d = Int(parts[1])
            else {
                fail(index + prefix.count, "\"\(rest)\" is not a month and day (MM-DD)", Self.onHint)
                return nil
            }
            // Checked against a leap year so that the message for 29 February is the specific one.
            guard CivilDate(year: 2028, month: m, day: d).isValid else {
                fail(index + prefix.count, "\(rest) is not a date", Self.onHint)
                return nil
            }
            if m == 2 && d == 29 {
                fail(index + prefix.count, "29 February is not in every year", "use 28 February or 1 March")
                return nil
            }
            return isNext ? .next(month: m, day: d) : .last(month: m, day: d)
        }
        if value.count == 10, let date = CivilDate(iso: value) {
            return .fixed(date)
        }
        fail(index, "\"\(value)\" is not a date to measure ages on", Self.onHint)
        return nil
    }

    /// `id/id/...`; reports empty, malformed and repeated ids.
    mutating func ids(_ value: String, at index: Int, key: String) -> [String] {
        var result: [String] = []
        var offset = 0
        for part in value.split(separator: "/", omittingEmptySubsequences: false) {
            let id = String(part)
            if id.isEmpty {
                fail(index + offset, "an empty id in \(key)=", "remove the extra /")
            } else if !Self.isID(id) {
                fail(index + offset, "\"\(id)\" is not an id", Self.idHint)
            } else if result.contains(id) {
                fail(index + offset, "\"\(id)\" is listed twice in \(key)=", "list each id once")
            } else {
                result.append(id)
            }
            offset += part.count + 1
        }
        return result
    }

    /// Lower-case ASCII letters and digits, in words joined by single hyphens.
    static func isID(_ s: String) -> Bool {
        let words = s.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { w in
            !w.isEmpty && w.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}
