import Foundation
import ICalKit
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Property (issue 12): however the two sample profiles' numbers and strings are damaged (huge,
/// negative, zero, NaN, non-numeric, empty, unicode), the loader never traps; a profile it
/// rejects has every error at a file:line; a profile it accepts plans a quarter through the
/// planning core without trapping, within its budgets.
@Suite struct ProfileMutationPropertyTests {
    /// The sample profiles' text.
    static let samples: [(name: String, text: String)] = ["urban-young.yaml", "coastal-older.yaml"].map { name in
        let url = TestPaths.packageRoot.appendingPathComponent("Profiles").appendingPathComponent(name)
        return (name, (try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }

    /// 2027-Q1 with eight of its days from the bundled calendar (those naming a patient group,
    /// spread over the quarter), matched once; the planning core plans the quarter from them for
    /// every accepted profile. Eight rather than all keeps thousands of plans affordable in a
    /// debug build; the sample plans over every day are covered by the CLI tests.
    struct Quarter: Sendable {
        let window: DateWindow
        let days: [CleanOccurrence]
        let matches: [MatchResult]
        let holidays: [(CivilDate, String)]
    }

    static let quarter: Quarter = {
        let window = DateWindow(quarter: "2027-Q1")!
        let read = AwarenessInput.read(calendars: [], window: window, timeZone: "Europe/London")
        let all = AwarenessInput.cleaned(read.occurrences, displayZone: "Europe/London")
        let matcher = Matcher(taxonomy: .bundled)
        let targeted = all.filter { !matcher.match($0).groupIds.isEmpty }
        let step = max(1, targeted.count / 8)
        let days = Array(stride(from: 0, to: targeted.count, by: step).map { targeted[$0] }.prefix(8))
        let holidays = AwarenessInput.bankHolidays(nation: .england, window: window, daysBefore: 56).days
        return Quarter(window: window, days: days, matches: matcher.match(days), holidays: holidays)
    }()

    /// Replacement values, by kind. Unquoted on purpose: the YAML around them may break too.
    static let huge = [
        "99999999999999999999999", "9223372036854775807", "4611686018427387904", "34700000000", "1e30", "1e308",
        "18446744073709551616", "-9223372036854775808", "250001", "100001", "1000000000",
    ]
    static let negative = ["-1", "-0.5", "-250", "-0"]
    static let zero = ["0", "0.0", "00", "0.0001"]
    static let notANumber = [".nan", ".NaN", "nan", ".inf", "-.inf", "inf", "NaN"]
    static let nonNumeric = [
        "abc", "£150", "12,037", "1_000", "0x1F", "1.2.3", "true", "null", "~", "12 patients", "50%", "1/2", "+5",
    ]
    static let empty = ["", "''", "\"\"", " "]
    static let unicode = ["١٢٣", "１２", "é", "🙂", "\u{202E}abc", "名前", "Ωmega", "e\u{301}", "\u{FEFF}7"]
    /// Values at or near the profile limits (docs/profile.md): accepted by some fields, and the
    /// largest numbers the planning core then works with.
    static let boundary = [
        "250000", "100000", "10000", "5000000", "1000000", "1000", "100000.0", "100", "40", "20", "90", "30", "6",
        "1", "0.999", "99999.99",
    ]

    /// Where values sit in the profile text: (line index, range of the value in that line).
    /// A value follows "key: " or a list's "- ", and ends at a comma, a closing bracket, a
    /// comment or the end of the line.
    static func valueSites(_ lines: [String]) -> [(Int, Range<String.Index>)] {
        let pattern = try! NSRegularExpression(
            pattern: #"(?:: |^\s*- )([^,\{\}\[\]\s#][^,\{\}\[\]#]*?)(?=\s*(?:,|\}|\]|$))"#)
        var out: [(Int, Range<String.Index>)] = []
        for (i, line) in lines.enumerated() {
            let code = line.range(of: "#").map { String(line[..<$0.lowerBound]) } ?? line
            for m in pattern.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
                if let r = Range(m.range(at: 1), in: code) {
                    let lower = line.index(line.startIndex, offsetBy: code.distance(from: code.startIndex, to: r.lowerBound))
                    let upper = line.index(lower, offsetBy: code.distance(from: r.lowerBound, to: r.upperBound))
                    out.append((i, lower..<upper))
                }
            }
        }
        return out
    }

    /// One replacement for `original`, drawn from every kind in turn.
    static func replacement(for original: String, _ rng: inout SplitMix64) -> String {
        switch rng.int(0...13) {
        case 0: return huge[rng.int(0...huge.count - 1)]
        case 1: return negative[rng.int(0...negative.count - 1)]
        case 2: return zero[rng.int(0...zero.count - 1)]
        case 3: return notANumber[rng.int(0...notANumber.count - 1)]
        case 4: return nonNumeric[rng.int(0...nonNumeric.count - 1)]
        case 5: return empty[rng.int(0...empty.count - 1)]
        case 6: return unicode[rng.int(0...unicode.count - 1)]
        case 7: return String(rng.int(0...300_000))
        case 8:
            // The original scaled up or down by a power of ten.
            guard let d = Double(original) else { return original + original }
            let scaled = d * pow(10, Double(rng.int(-3...7)))
            return rng.chance(0.5) ? String(Int(scaled.rounded())) : String(scaled)
        case 9: return String(format: "%.3f", rng.unit() * 2 - 0.5)
        case 10, 11: return boundary[rng.int(0...boundary.count - 1)]
        default:
            // A plausible value: the original moved by up to a factor of two.
            guard let d = Double(original) else { return original }
            let moved = d * (rng.unit() * 2)
            return original.contains(".") ? String(format: "%.2f", moved) : String(Int(moved.rounded()))
        }
    }

    /// The outcome of one case, for the summary.
    enum Outcome { case rejected, planned }

    /// Loads `yaml`; when accepted, plans the quarter through the planning core. Checks the
    /// properties and returns what happened.
    static func check(_ yaml: String, _ what: String) -> Outcome {
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { $0 == "Europe/London" })
        #expect((result.profile == nil) == result.hasErrors, "\(what)")
        for d in result.diagnostics {
            #expect(d.location.path == "p.yaml", "\(what): \(d.message)")
            #expect(d.location.line != nil, "\(what): no line for \"\(d.message)\"")
            #expect(d.hint != nil, "\(what): no hint for \"\(d.message)\"")
        }
        guard let profile = result.profile else { return .rejected }
        let q = quarter
        let taxonomy = Taxonomy.bundled
        let relevance = q.matches.map { Relevance.assess($0, profile: profile, taxonomy: taxonomy) }
        let input = PlanningInput.build(
            profile: profile, window: q.window, days: q.days, matches: q.matches, relevance: relevance,
            taxonomy: taxonomy, bankHolidays: q.holidays)
        let plan = DecidedPlanner.plan(input, decisions: [])
        // Money stays within the budgets the profile sets (in pence, rounded as the planner does).
        let smsBudget = (profile.channels.sms?.quarterlyBudget ?? 0) * 100
        let letterBudget = (profile.channels.letters?.quarterlyBudget ?? 0) * 100
        let spent = plan.items.reduce(into: [String: Double]()) { $0[$1.channel.rawValue, default: 0] += Double($1.costPence) }
        #expect((spent["sms"] ?? 0) <= smsBudget + 0.5, "\(what): SMS over budget")
        #expect((spent["letter"] ?? 0) <= letterBudget + 0.5, "\(what): letters over budget")
        return .planned
    }

    /// The cases the issue names, on the urban sample.
    @Test func namedOverflowCasesAreErrorsWithALine() throws {
        let text = Self.samples[0].text
        let cases: [(String, String, String)] = [
            ("  diabetes: 505", "  diabetes: 99999999999999999999999", "registers.diabetes"),
            ("    \"0-4\": 347", "    \"0-4\": 9223372036854775807", "list.male.0-4"),
            ("    \"0-4\": 347", "    \"0-4\": 4611686018427387904", "list.male.0-4"),
            ("    \"0-4\": 347", "    \"0-4\": 34700000000", "list.male.0-4"),
            ("weeklyCapacity: 40,", "weeklyCapacity: 99999999999999999999999,", "services[3].weeklyCapacity"),
            ("monthlyVisits: 5200", "monthlyVisits: 99999999999999999999999", "channels.website.monthlyVisits"),
            (
                "minDaysBetweenContacts: 14", "minDaysBetweenContacts: 99999999999999999999999",
                "planning.minDaysBetweenContacts"
            ),
        ]
        for (old, new, field) in cases {
            #expect(text.contains(old))
            let yaml = text.replacingOccurrences(of: old, with: new)
            let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { _ in true })
            #expect(result.profile == nil, "\(new)")
            let first = try #require(result.errors.first, "\(new)")
            #expect(first.message.hasPrefix("\(field) is "), "\(first.message)")
            #expect(first.message.contains("but the planner accepts at most"), "\(first.message)")
            #expect(first.location.line != nil)
        }
        // Two bands of Int.max: each is over the band limit; nothing is summed that could overflow.
        let two = text.replacingOccurrences(of: "    \"0-4\": 347", with: "    \"0-4\": 9223372036854775807")
            .replacingOccurrences(of: "    \"5-9\": 284", with: "    \"5-9\": 9223372036854775807")
        let result = ProfileLoader.validate(yaml: two, path: "p.yaml", isKnownZone: { _ in true })
        #expect(
            result.errors.map(\.message) == [
                "list.male.0-4 is 9,223,372,036,854,775,807, but the planner accepts at most 100,000.",
                "list.male.5-9 is 9,223,372,036,854,775,807, but the planner accepts at most 100,000.",
            ])
    }

    /// 10,000 seeded cases in four shards of 2,500 (so that they can run side by side): 1 to 3
    /// values of one sample replaced at a time.
    @Test(arguments: 0..<4)
    func mutatedSampleProfilesNeverTrap(shard: Int) throws {
        var rng = SplitMix64(seed: 0x5EED_0012 &+ UInt64(shard))
        let prepared = Self.samples.map { sample -> ([String], [(Int, Range<String.Index>)]) in
            let lines = sample.text.components(separatedBy: "\n")
            return (lines, Self.valueSites(lines))
        }
        #expect(prepared.allSatisfy { $0.1.count > 100 }, "too few mutation sites found")
        var planned = 0, rejected = 0
        let cases = 2_500
        for n in 0..<cases {
            let which = n % prepared.count
            var (lines, sites) = prepared[which]
            var changed: [String] = []
            // Half the cases drop listSize, so that a changed band is not always caught by the sum.
            if rng.chance(0.5), let i = lines.firstIndex(where: { $0.hasPrefix("listSize:") }) {
                lines[i] = "# listSize left out"
                sites.removeAll { $0.0 == i }
                changed.append("no listSize")
            }
            let roll = rng.unit()
            for _ in 0..<(roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3) {
                let (i, range) = sites[rng.int(0...sites.count - 1)]
                guard range.upperBound <= lines[i].endIndex else { continue }
                let original = String(lines[i][range])
                let value = Self.replacement(for: original, &rng)
                lines[i].replaceSubrange(range, with: value)
                changed.append("line \(i + 1): \(original) -> \(value)")
                // Ranges on this line no longer hold after a replacement.
                sites.removeAll { $0.0 == i }
                if sites.isEmpty { break }
            }
            let what = "shard \(shard) case \(n) (\(Self.samples[which].name)): \(changed.joined(separator: "; "))"
            switch Self.check(lines.joined(separator: "\n"), what) {
            case .planned: planned += 1
            case .rejected: rejected += 1
            }
        }
        // Both sides of the property are exercised.
        #expect(planned + rejected == cases)
        #expect(planned > 250, "only \(planned) mutated profiles were accepted and planned")
        #expect(rejected > 1_250, "only \(rejected) mutated profiles were rejected")
    }
}
