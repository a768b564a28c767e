import Foundation
import ICalKit
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// The bundled `nhs-programmes.ics`: reads with no error and no warning over 2026-2028, every
/// programme every year with stable UIDs, published flu seasons confirmed and later ones
/// tentative, and every `X-GP-ELIGIBILITY` parses into taxonomy groups.
@Suite struct ProgrammesCalendarTests {
    static let span = DateWindow(from: CivilDate(year: 2026, month: 1, day: 1), to: CivilDate(year: 2029, month: 1, day: 1))

    static func read() throws -> ReadResult {
        let url = try #require(Bundled.programmesCalendar)
        return CalendarReader.read(file: url.path, displayPath: "nhs-programmes.ics", options: ReadOptions(window: span))
    }

    /// The unfolded `X-GP-ELIGIBILITY` values of the file, with the UID of their event, in file order.
    static func eligibilityValues() throws -> [(uid: String, value: String)] {
        let url = try #require(Bundled.programmesCalendar)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        var uid = ""
        var found: [(String, String)] = []
        for line in text.components(separatedBy: "\r\n") {
            if line.hasPrefix("UID:") { uid = String(line.dropFirst(4)) }
            if line.hasPrefix("X-GP-ELIGIBILITY:") { found.append((uid, String(line.dropFirst("X-GP-ELIGIBILITY:".count)))) }
        }
        return found
    }

    @Test func readsCleanlyWithEveryProgrammeEveryYear() throws {
        let r = try Self.read()
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.description))")
        #expect(r.occurrences.allSatisfy { $0.allDay })
        var perYear: [String: [Int: Int]] = [:]
        for o in r.occurrences {
            let uid = try #require(o.uid)
            #expect(uid.hasSuffix("@awareness-planner.uk"))
            #expect(!uid.contains(where: \.isNumber) || !uid.contains("20"), "\(uid) must carry no date")
            perYear[uid, default: [:]][o.start.civilDate.year, default: 0] += 1
        }
        #expect(perYear.count == 14)
        let quarterly: Set<String> = ["nhs-health-check", "cervical-screening", "breast-screening", "bowel-screening"]
        for (uid, years) in perYear.sorted(by: { $0.key < $1.key }) {
            let slug = String(uid.split(separator: "@")[0])
            let want = quarterly.contains(slug) ? 4 : 1
            #expect(years == [2026: want, 2027: want, 2028: want], "\(slug): \(years)")
        }
    }

    /// `tools/calendars/check.py` (what `make calendars` runs after generating): regenerating gives
    /// the same bytes, and python `icalendar` + `recurring_ical_events` read both calendars as intended.
    @Test func bundledCalendarsPassTheIndependentPythonCheck() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("tools/calendars/check.py").path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "python icalendar + recurring-ical-events are needed (make test installs them)\n\(text)")
        #expect(text.hasSuffix("OK: all checks passed\n"), "\(text)")
        #expect(text.contains("programmes: 16 VEVENTs (14 programmes, 2 published-season overrides)"))
        #expect(text.contains("February: Heart Month 01 Feb-29 Feb, Raynaud's Awareness Month 01 Feb-29 Feb"))
    }

    /// With no `--calendars`, the programmes are read with the awareness days, as one input.
    @Test func readByDefaultWithTheAwarenessCalendar() throws {
        let both = AwarenessInput.read(calendars: [], window: Self.span, timeZone: "Europe/London")
        #expect(both.diagnostics.isEmpty, "\(both.diagnostics.map(\.description))")
        let awarenessURL = try #require(Bundled.awarenessCalendar)
        let awareness = CalendarReader.read(
            file: awarenessURL.path, displayPath: AwarenessInput.bundledDisplayName, options: ReadOptions(window: Self.span))
        let programmes = try Self.read()
        #expect(both.occurrences.count == awareness.occurrences.count + programmes.occurrences.count)
        #expect(both.eventCount == awareness.eventCount + programmes.eventCount)
        #expect(Set(both.occurrences.map(\.source.path)) == ["uk-health-awareness.ics", "nhs-programmes.ics"])
        #expect(both.occurrences.map(\.start.iso) == both.occurrences.map(\.start.iso).sorted())
        #expect(both.checksum == awareness.checksum &+ programmes.checksum)
        // The summary (counts only) agrees with the full read.
        let summary = AwarenessInput.read(calendars: [], window: Self.span, timeZone: "Europe/London", summaryOnly: true)
        #expect(summary.occurrences.isEmpty)
        #expect(summary.summaryLine == both.summaryLine)
    }

    @Test func publishedFluSeasonsAreConfirmedLaterOnesTentative() throws {
        let r = try Self.read()
        let flu = r.occurrences.filter { $0.uid == "flu-vaccination-adults@awareness-planner.uk" }
        #expect(flu.map { "\($0.start.civilDate.iso) \($0.status ?? "-")" } == [
            "2026-10-01 CONFIRMED", "2027-10-01 TENTATIVE", "2028-10-01 TENTATIVE",
        ])
        #expect(flu.map(\.end.civilDate.iso) == ["2026-11-01", "2027-11-01", "2028-11-01"])
        let children = r.occurrences.filter { $0.uid == "flu-vaccination-children-pregnancy@awareness-planner.uk" }
        #expect(children.map { "\($0.start.civilDate.iso) \($0.status ?? "-")" } == [
            "2026-09-01 CONFIRMED", "2027-09-01 TENTATIVE", "2028-09-01 TENTATIVE",
        ])
        // COVID-19 autumn dates are not published for any season yet.
        let covid = r.occurrences.filter { $0.uid == "covid-vaccination-autumn@awareness-planner.uk" }
        #expect(covid.count == 3 && covid.allSatisfy { $0.status == "TENTATIVE" })
    }

    @Test func everyEligibilityParsesIntoTaxonomyGroups() throws {
        let values = try Self.eligibilityValues()
        #expect(values.count == 16)  // 14 programmes and 2 published-season overrides
        let groups = Set(Taxonomy.bundled.groups.map(\.id))
        let states: Set<String> = ["vaccinated", "vaccinated-this-season", "up-to-date", "screened-2y", "screened-3y", "screened-5y", "checked-5y"]
        for (uid, value) in values {
            let rule: EligibilityRule
            do {
                rule = try EligibilityRule.parse(value)
            } catch {
                Issue.record("\(uid): \(error.errors)")
                continue
            }
            #expect(rule.rendered == value, "\(uid): the calendar writes the canonical text")
            for a in rule.audiences {
                #expect(Set(a.groups).isSubset(of: groups), "\(uid): \(a.groups)")
                #expect(Set(a.exclude).isSubset(of: groups.union(states)), "\(uid): \(a.exclude)")
                // Children are only ever addressed through their parents.
                if a.includesUnder16 { #expect(a.toParent, "\(uid): \(a.rendered)") }
            }
        }
        let byUID = Dictionary(values.map { ($0.uid, $0.value) }, uniquingKeysWith: { a, _ in a })
        let cervical = try EligibilityRule.parse(try #require(byUID["cervical-screening@awareness-planner.uk"]))
        #expect(cervical.audiences == [
            .init(sex: .female, ageFrom: 25, ageTo: 49, exclude: ["screened-3y"]),
            .init(sex: .female, ageFrom: 50, ageTo: 64, exclude: ["screened-5y"]),
        ])
        let rsv = try EligibilityRule.parse(try #require(byUID["rsv-vaccination@awareness-planner.uk"]))
        #expect(rsv.audiences.map { $0.ageFrom } == [75, 65, 16])
        #expect(rsv.audiences[2].groups == ["pregnant-and-new-parents"])
        let flu = try EligibilityRule.parse(try #require(byUID["flu-vaccination-adults@awareness-planner.uk"]))
        // Turning 65 by 31 March: the 2026 season counts ages on 31 March 2027.
        #expect(flu.audiences[0].ageOn.date(forDayStarting: CivilDate(year: 2026, month: 10, day: 1)) == CivilDate(year: 2027, month: 3, day: 31))
    }
}
