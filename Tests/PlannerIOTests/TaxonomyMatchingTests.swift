import Foundation
import ICalKit
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Matcher quality on labelled feeds: the dev set (Fixtures/spec, a copy of the project's
/// labelled matching spec) and our own messier
/// held-out style feed (Fixtures/matching), scored by micro-F1 over (uid, id) pairs.
///
/// Run: `swift test --skip-build --filter TaxonomyMatchingTests` (the figures are printed).
@Suite struct TaxonomyMatchingTests {
    static let devICS = TestPaths.spec("matching-dev.ics")
    static let devLabels = TestPaths.spec("matching-dev-labels.tsv")
    static let taxonomyMD = TestPaths.spec("taxonomy.md")

    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/matching/\(name)", withExtension: nil))
    }

    struct Score: CustomStringConvertible {
        var groups: (precision: Double, recall: Double, f1: Double)
        var services: (precision: Double, recall: Double, f1: Double)
        var errors: [String]
        var description: String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            return "groups P=\(f(groups.precision)) R=\(f(groups.recall)) F1=\(f(groups.f1)); "
                + "services P=\(f(services.precision)) R=\(f(services.recall)) F1=\(f(services.f1))"
        }
    }

    /// Reads, cleans and matches `ics` (after `transform`), then scores against `labels`.
    static func evaluate(ics: URL, labels: URL, transform: (Int, Occurrence) -> Occurrence = { $1 }) throws -> Score {
        let occurrences = try LabelledFeed.read(ics).enumerated().map { transform($0.offset, $0.element) }
        let cleaned = CleanedView.build(occurrences) { zone, t in
            LibICal.utcOffset(zone: zone, at: (t.date.year, t.date.month, t.date.day, t.hour, t.minute))
        }
        let matcher = Matcher(taxonomy: Taxonomy.bundled)
        let results = matcher.match(cleaned)
        let gold = try LabelFile.read(labels)
        let valid = try TaxonomyMarkdown.ids(at: taxonomyMD)
        var predictedGroups: [(uid: String, id: String)] = [], predictedServices: [(uid: String, id: String)] = []
        var errors: [String] = []
        for r in results {
            guard let uid = r.uid else { continue }
            predictedGroups += r.groupIds.map { (uid, $0) }
            predictedServices += r.serviceIds.map { (uid, $0) }
            let want = gold.first { $0.uid == uid }
            let wg = Set(want?.groups ?? []), ws = Set(want?.services ?? [])
            if wg != Set(r.groupIds) || ws != Set(r.serviceIds) {
                errors.append(
                    "\(r.title): got \(r.groupIds)|\(r.serviceIds) want \(wg.sorted())|\(ws.sorted()) — \(r.why.joined(separator: " / "))")
            }
        }
        let g = MatchScoring.microF1(
            predicted: predictedGroups, gold: gold.flatMap { l in l.groups.map { (l.uid, $0) } }, validIds: valid)
        let s = MatchScoring.microF1(
            predicted: predictedServices, gold: gold.flatMap { l in l.services.map { (l.uid, $0) } }, validIds: valid)
        return Score(groups: g, services: s, errors: errors)
    }

    @Test func devSetReachesTheAcceptanceBar() throws {
        let score = try Self.evaluate(ics: Self.devICS, labels: Self.devLabels)
        print("matching-dev.ics: \(score)")
        for e in score.errors { print("  dev mismatch: \(e)") }
        #expect(score.groups.f1 >= 0.95, "\(score)")
        #expect(score.services.f1 >= 0.95, "\(score)")
    }

    /// The dev set made messy the way third-party feeds are (README, Calendars): years
    /// and entities in upper-cased titles, HTML and WordPress shortcodes around descriptions,
    /// days exported as New York midnight. The labels must not change.
    @Test func devSetSurvivesFeedMess() throws {
        let score = try Self.evaluate(ics: Self.devICS, labels: Self.devLabels) { i, o in
            var m = o
            let title = o.title.replacingOccurrences(of: "'", with: "&#8217;")
            m.title = i % 3 == 0 ? "\(title.uppercased()) 2027" : i % 3 == 1 ? "2027 \(title)" : "\(title) (2027)"
            m.description = o.description.map {
                "[fusion_builder_container type=”flex”][fusion_text]<p><strong>\(o.title)</strong></p><p>"
                    + $0.replacingOccurrences(of: "'", with: "&rsquo;").replacingOccurrences(of: ", ", with: ",&nbsp;")
                    + "</p><ul><li>Share using #awareness</li></ul>[/fusion_text][/fusion_builder_container]"
            }
            if i % 2 == 0 {
                m.start = .dateTime(LocalDateTime(date: o.start.civilDate))
                m.end = .dateTime(LocalDateTime(date: o.end.civilDate))
                m.timezone = "America/New_York"
            }
            return m
        }
        print("matching-dev.ics made messy: \(score)")
        for e in score.errors { print("  messy dev mismatch: \(e)") }
        #expect(score.groups.f1 >= 0.95, "\(score)")
        #expect(score.services.f1 >= 0.95, "\(score)")
    }

    /// With every title replaced by a name that says nothing ("Awareness event 7"), only the
    /// description and categories are left: the fallback must still find most labels.
    @Test func descriptionsAloneStillFindMostLabels() throws {
        let score = try Self.evaluate(ics: Self.devICS, labels: Self.devLabels) { i, o in
            var m = o
            m.title = "Awareness event \(i)"
            return m
        }
        print("matching-dev.ics with generic titles: \(score)")
        #expect(score.groups.f1 >= 0.85, "\(score)")
        #expect(score.services.f1 >= 0.85, "\(score)")
    }

    /// The cleaned view of the messy feed, with libical's real zone offsets.
    @Test func messyFeedIsCleaned() throws {
        let raw = try LabelledFeed.read(try Self.fixture("messy-feed.ics"))
        #expect(raw.count == 43)
        let cleaned = CleanedView.build(raw) { zone, t in
            LibICal.utcOffset(zone: zone, at: (t.date.year, t.date.month, t.date.day, t.hour, t.minute))
        }
        #expect(cleaned.count == 42)  // the second Stoptober is merged into the first
        let stoptober = try #require(cleaned.first { $0.normalizedTitle == "Stoptober" })
        #expect(stoptober.uid == "10019037-1822348800-1825027200@www.awarenessdays.example")
        #expect(stoptober.mergedUids == ["10019074-1822348800-1825027200@www.awarenessdays.example"])
        #expect(stoptober.sources.count == 2)
        #expect(stoptober.allDay && stoptober.timezone == nil)
        #expect(stoptober.start == .date(CivilDate(year: 2027, month: 10, day: 1)))
        #expect(stoptober.end == .date(CivilDate(year: 2027, month: 11, day: 1)))
        // Every New York midnight became an all-day date; the timed UTC and London events stayed timed.
        #expect(!cleaned.contains { $0.timezone == "America/New_York" })
        let timedZones: [String?] = cleaned.filter { !$0.allDay }.map { $0.occurrence.timezone }
        #expect(timedZones.sorted { ($0 ?? "") < ($1 ?? "") } == ["Europe/London", "UTC", "UTC"])
        for c in cleaned {
            #expect(!c.normalizedTitle.contains("2027") && !c.normalizedTitle.contains("&#"), "\(c.normalizedTitle)")
            let d = c.plainDescription ?? ""
            #expect(!d.contains("[fusion") && !d.contains("<") && !d.contains("&#") && !d.contains("&amp;"), "\(d)")
        }
    }

    @Test func messyHeldOutStyleFeed() throws {
        let score = try Self.evaluate(ics: try Self.fixture("messy-feed.ics"), labels: try Self.fixture("messy-feed-labels.tsv"))
        print("messy-feed.ics: \(score)")
        for e in score.errors { print("  messy mismatch: \(e)") }
        // The aim on unseen feeds is 0.90 (issue 4); this feed was labelled before tuning.
        #expect(score.groups.f1 >= 0.90, "\(score)")
        #expect(score.services.f1 >= 0.90, "\(score)")
    }
}

/// One line of a labels TSV: `uid<TAB>groups<TAB>services`, ids comma-separated.
struct LabelFile {
    var uid: String
    var groups: [String]
    var services: [String]

    static func read(_ url: URL) throws -> [LabelFile] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let uid = cols.first, !uid.isEmpty else { return nil }
            func ids(_ i: Int) -> [String] {
                i < cols.count ? cols[i].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            }
            return LabelFile(uid: uid, groups: ids(1), services: ids(2))
        }
    }
}

/// The canonical ids of taxonomy.md: the first column of its two tables.
enum TaxonomyMarkdown {
    static func ids(at url: URL) throws -> Set<String> { Set(try orderedIds(at: url).groups + orderedIds(at: url).services) }

    static func orderedIds(at url: URL) throws -> (groups: [String], services: [String]) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var groups: [String] = [], services: [String] = []
        var section = ""
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") { section = line }
            guard line.hasPrefix("|"), !line.hasPrefix("|---"), !line.hasPrefix("| id ") else { continue }
            let id = line.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard !id.isEmpty else { continue }
            if section.contains("Patient groups") { groups.append(id) } else if section.contains("Practice services") { services.append(id) }
        }
        return (groups, services)
    }
}

/// Reads a labelled feed with the real reader over a wide window (2020-2035), as
/// `planner match` does; fails the test on any reader error.
enum LabelledFeed {
    static func read(_ url: URL) throws -> [Occurrence] {
        let window = DateWindow(from: CivilDate(year: 2020, month: 1, day: 1), to: CivilDate(year: 2035, month: 1, day: 1))
        let result = CalendarReader.read(paths: [url.path], options: ReadOptions(window: window))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        // Every caller divides by or indexes modulo this count: an empty feed stops the test here.
        try #require(!result.occurrences.isEmpty, "no events read from \(url.path)")
        return result.occurrences
    }
}

@Suite struct TaxonomyMatchingScaleTests {
    /// 2,000 occurrences (the dev set's days, repeated with distinct uids and dates) give the
    /// same matches whatever their input order. Speed is measured by `make bench-match`, not here.
    @Test func manyOccurrencesAreOrderIndependent() throws {
        let base = try LabelledFeed.read(TaxonomyMatchingTests.devICS)
        try #require(!base.isEmpty)
        var many: [Occurrence] = []
        for i in 0..<2_000 {
            var o = base[i % base.count]
            o.uid = "\(i)-\(o.uid ?? "")"
            let shift = (i / base.count) * 400  // far enough apart that no two copies merge
            o.start = .date(o.start.civilDate.adding(days: shift))
            o.end = .date(o.end.civilDate.adding(days: shift))
            o.title = "\(o.title) \(2027 + i % 3)"
            o.source = SourceLocation(path: "many.ics", line: i + 1)
            many.append(o)
        }
        let matcher = Matcher(taxonomy: Taxonomy.bundled)
        let results = matcher.match(CleanedView.build(many) { _, _ in 0 })
        #expect(results.count == 2_000)
        let reversed = matcher.match(CleanedView.build(many.reversed()) { _, _ in 0 })
        #expect(reversed == results)
    }
}

@Suite struct TaxonomyNonHealthTests {
    static let matcher = Matcher(taxonomy: Taxonomy.bundled)

    /// Days from real feeds that are not about patients' health (or are about staff) match
    /// nothing with the shipped vocabulary, even with a health-sounding category and a
    /// description full of everyday words.
    @Test(arguments: [
        "Burns Night 2027", "Pancake Day", "Earth Hour", "Women's History Month", "International Day of the Girl",
        "BBC Children in Need", "World Pharmacists Day", "International Nurses Day", "Valentine's Day", "Halloween",
        "Bonfire Night", "Father's Day", "Mothering Sunday", "World Book Day", "National Pizza Day", "Recycling Week",
        "Black History Month", "Pride Month", "Volunteers' Week", "Cyber Security Awareness Month", "World Kindness Day",
        "Fairtrade Fortnight", "Red Nose Day", "Chinese New Year", "Women in Engineering Day", "Heart of the Community Awards",
        "World Day for Safety and Health at Work", "Healthcare Science Week", "Allied Health Professions Day",
    ])
    func matchesNothing(title: String) {
        let d = CivilDate(year: 2027, month: 3, day: 1)
        let o = Occurrence(
            uid: "x", title: title, start: .date(d), end: .date(d.adding(days: 1)), timezone: nil, categories: ["Wellbeing"],
            source: SourceLocation(path: "feed.ics", line: 1),
            description: "<p>Join families, schools and communities: share your story, support wellbeing and get walking!</p>")
        let r = Self.matcher.match(CleanOccurrence(o))
        #expect(r.groupIds.isEmpty, "\(title): \(r.why)")
        #expect(r.serviceIds.isEmpty, "\(title): \(r.why)")
    }
}
