import Foundation
import ICalKit
import PlannerCore
import Testing

@testable import PlannerExport

/// The exports over a small hand-made plan: UIDs, waves, formula cells, date and time formats,
/// plurals, the re-plan state and safe writing.
@Suite struct ExportUnitTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day) }

    static func item(
        _ id: String, _ channel: PlanChannel, _ date: CivilDate, time: ClockTime? = nil, text: String? = nil,
        title: String = "Stoptober"
    ) -> PlanItem {
        var i = PlanItem(
            id: id, campaign: "stoptober-2027-10-01", sourceUid: "stoptober@awareness-planner.uk", title: title,
            groups: ["smokers"], services: ["smoking-cessation"], channel: channel, date: date, time: time,
            recipients: channel.isDirect ? 930 : nil, expectedReach: 800, costPence: channel == .sms ? 4464 : 0,
            effortCentiHours: 50, prepTasks: [PrepTask(task: "Clinical sign-off of the text message", due: d(2027, 9, 20))],
            why: ["Stoptober: ranked 1 of 1 day(s) in this window.", "1 batch(es) left out."])
        i.text = text
        return i
    }

    static func plan(_ items: [PlanItem], ods: String = "Y12345", name: String = "Saltmarsh Bay Surgery") -> Plan {
        Plan(
            practiceName: name, odsCode: ods, from: d(2027, 10, 1), to: d(2028, 1, 1),
            constraints: PlanConstraintsSummary(
                commsCentiHoursPerWeek: 600, campaignsPerWeek: 2, minDaysBetweenContacts: 14,
                workingHoursStart: ClockTime(hour: 9, minute: 2), workingHoursEnd: ClockTime(hour: 17), quietDates: [],
                bankHolidays: [], groupOver75Shares: [], olderShareForDirectContact: 0.3),
            items: items,
            totals: PlanTotals(
                channels: [PlanTotals.ChannelTotal(channel: .sms, costPence: 4464, budgetPence: 90000, items: 1)],
                effortByWeek: [PlanTotals.WeekEffort(week: "2027-W40", centiHours: 50)]),
            groupsWithoutContact: ["learning-disability"],
            warnings: [PlanWarning(code: .batchTooSmall, message: "left out 1 SMS or letter batch(es) of 3 people")])
    }

    static let options = ExportOptions(
        stamp: UTCStamp(secondsSinceEpoch: 1_796_083_200), socialPlatforms: [.facebook, .x],
        names: ["smokers": "Smokers", "smoking-cessation": "Stop smoking support"],
        dayURLs: ["stoptober@awareness-planner.uk": "https://www.nhs.uk/better-health/quit-smoking/"])

    @Test func uidsUseTheODSCodeElseASlugOfTheName() {
        #expect(ExportContent.uidDomain(Self.plan([])) == "y12345.awareness-planner")
        #expect(ExportContent.uidDomain(Self.plan([], ods: "", name: "St. Mary's Surgery, Ryde")) == "st-marys-surgery-ryde.awareness-planner")
    }

    @Test func anItemSentInWavesGivesOneEventPerWave() {
        let i = Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10))
        let waves = [
            ExportContent.Sending(date: Self.d(2027, 10, 4), recipients: 400),
            ExportContent.Sending(date: Self.d(2027, 10, 11), recipients: 530),
        ]
        let drafts = CalendarExport.itemDrafts(i, sendings: waves, domain: "y12345.awareness-planner", options: Self.options)
        #expect(drafts.map(\.uid) == [
            "stoptober-2027-10-01-sms-1-w1@y12345.awareness-planner", "stoptober-2027-10-01-sms-1-w2@y12345.awareness-planner",
        ])
        #expect(drafts.map(\.summary) == ["SMS: Stoptober (wave 1 of 2)", "SMS: Stoptober (wave 2 of 2)"])
        #expect(drafts[1].timing == .londonTime(date: Self.d(2027, 10, 11), startMinutes: 600, endMinutes: 615))
        let once = CalendarExport.itemDrafts(i, sendings: [waves[0]], domain: "y12345.awareness-planner", options: Self.options)
        #expect(once.map(\.uid) == ["stoptober-2027-10-01-sms-1@y12345.awareness-planner"])
        #expect(once.map(\.summary) == ["SMS: Stoptober"])
    }

    /// The descriptions made once per plan (PlanExports.render) give the calendar, its tasks,
    /// state and CSV rows that each row's own description gives, for items sent in waves too;
    /// likewise plan.md with each item's audience made once.
    @Test func descriptionsMadeOnceGiveWhatEachRowMakes() {
        var waved = Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10), text: "Hi")
        waved.waves = [PlanWave(date: Self.d(2027, 10, 4), recipients: 400), PlanWave(date: Self.d(2027, 10, 11), recipients: 530)]
        let plan = Self.plan([
            waved, Self.item("stoptober-2027-10-01-letter-1", .letter, Self.d(2027, 10, 6), title: "Letters"),
            Self.item("stoptober-2027-10-01-website-1", .website, Self.d(2027, 10, 8), text: "Web, \"quoted\""),
        ])
        let descriptions = CalendarExport.descriptions(plan, options: Self.options)
        #expect(descriptions.count == 3)
        let once = CalendarExport.build(plan, options: Self.options, previous: nil, descriptions: descriptions)
        let each = CalendarExport.build(plan, options: Self.options, previous: nil)
        #expect(once.calendar == each.calendar)
        #expect(once.tasks == each.tasks)
        #expect(once.state == each.state)
        let rowsOnce = CSVExports.rows(plan, options: Self.options, descriptions: descriptions)
        let rowsEach = CSVExports.rows(plan, options: Self.options)
        #expect(CSVExports.google(rowsOnce) == CSVExports.google(rowsEach))
        #expect(CSVExports.outlook(rowsOnce) == CSVExports.outlook(rowsEach))
        // Both waves of the text carry its one description.
        #expect(rowsOnce.filter { $0.id == waved.id }.map(\.description) == [descriptions[0], descriptions[0]])
        // plan.md's week-by-week and campaign tables with each item's audience worked out once
        // are the tables that work it out for every row.
        var mdOnce = PlanMarkdown.Doc(), mdEach = PlanMarkdown.Doc()
        let audiences = plan.items.map { ExportContent.audience($0, names: Self.options.names) }
        PlanMarkdown.weekByWeek(plan, names: Self.options.names, audiences: audiences, &mdOnce)
        PlanMarkdown.campaigns(plan, options: Self.options, audiences: audiences, &mdOnce)
        PlanMarkdown.weekByWeek(plan, names: Self.options.names, &mdEach)
        PlanMarkdown.campaigns(plan, options: Self.options, &mdEach)
        #expect(mdOnce.text == mdEach.text)
        #expect(mdOnce.text.contains(audiences[0]))
    }

    @Test func calendarHasItemsPrepEventsURLAndCategories() throws {
        let plan = Self.plan([Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10))])
        let out = CalendarExport.build(plan, options: Self.options, previous: nil)
        let text = out.calendar.replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.contains("UID:stoptober-2027-10-01-sms-1@y12345.awareness-planner\r\n"))
        #expect(text.contains("SUMMARY:SMS: Stoptober\r\n"))
        #expect(text.contains("DTSTART;TZID=Europe/London:20271004T100000\r\n"))
        #expect(text.contains("URL:https://www.nhs.uk/better-health/quit-smoking/\r\n"))
        #expect(text.contains("CATEGORIES:SMS,Smokers\r\n"))
        #expect(text.contains("SUMMARY:Prep: clinical sign-off of the text message\\, Stoptober\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20270920\r\nDTEND;VALUE=DATE:20270921\r\n"))
        #expect(text.contains("Who: 930 people in smokers"))
        #expect(text.contains("ranked 1 of 1 day in this window"))
        #expect(!text.contains("(s)"))
        #expect(out.tasks.contains("BEGIN:VTODO"))
        #expect(out.tasks.contains("DUE;VALUE=DATE:20270920"))
        #expect(CalendarWriter.libicalErrorCount(out.calendar) == 0)
        #expect(CalendarWriter.libicalErrorCount(out.tasks) == 0)
    }

    @Test func rePlanKeepsUnchangedBumpsChangedAndCancelsDroppedInsideTheWindow() throws {
        let a = Self.item("a-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10))
        let b = Self.item("b-website-1", .website, Self.d(2027, 10, 5))
        let c = Self.item("c-social-1", .social, Self.d(2027, 10, 6))
        let first = CalendarExport.build(Self.plan([a, b, c]), options: Self.options, previous: nil)
        var later = Self.options
        later.stamp = UTCStamp(secondsSinceEpoch: 1_797_292_800)
        var changed = b
        changed.text = "A new page."
        let second = CalendarExport.build(
            Self.plan([a, changed]), options: later, previous: ExportState.parse(first.state.render()))
        let one = ICSBlocks(first.calendar), two = ICSBlocks(second.calendar)
        #expect(two.blocks["a-sms-1@y12345.awareness-planner"] == one.blocks["a-sms-1@y12345.awareness-planner"])
        #expect(two.blocks["b-website-1@y12345.awareness-planner"]?.contains("SEQUENCE:1\r\n") == true)
        #expect(two.blocks["b-website-1@y12345.awareness-planner"]?.contains("DTSTAMP:20261215T000000Z") == true)
        let dropped = try #require(two.blocks["c-social-1@y12345.awareness-planner"])
        #expect(dropped.contains("STATUS:CANCELLED"))
        #expect(dropped.contains("SEQUENCE:1\r\n"))
        // Its prep event and task are cancelled with it, although their dates are before the window.
        #expect(two.blocks["c-social-1-prep-clinical-sign-off-of-the-text-message@y12345.awareness-planner"]?.contains("STATUS:CANCELLED") == true)
        #expect(second.tasks.contains("STATUS:CANCELLED"))
        // A third export of the same plan changes nothing (the cancelled entry keeps its SEQUENCE).
        var third = later
        third.stamp = UTCStamp(secondsSinceEpoch: 1_798_000_000)
        let again = CalendarExport.build(Self.plan([a, changed]), options: third, previous: second.state)
        #expect(again.calendar == second.calendar)
        #expect(again.state.render() == second.state.render())
        // A plan for another window cancels nothing of this one.
        var q1 = Self.plan([Self.item("n-sms-1", .sms, Self.d(2028, 1, 10), time: ClockTime(hour: 10))])
        q1.from = Self.d(2028, 1, 1)
        q1.to = Self.d(2028, 4, 1)
        let next = CalendarExport.build(q1, options: third, previous: second.state)
        #expect(!next.calendar.contains("CANCELLED"))
        #expect(next.state.entries.contains { $0.uid == "a-sms-1@y12345.awareness-planner" && !$0.cancelled })
    }

    /// Two social posts of one campaign are prepared on the same days: their prep entries name
    /// the post's day, so a calendar does not show two identical titles; a single item's do not.
    @Test func prepTitlesNameTheDayWhenACampaignHasTwoItemsOnAChannel() throws {
        let a = Self.item("stoptober-2027-10-01-social-1", .social, Self.d(2027, 10, 1))
        let b = Self.item("stoptober-2027-10-01-social-2", .social, Self.d(2027, 10, 2))
        let sms = Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4))
        let plan = Self.plan([a, b, sms])
        let titles = CalendarExport.drafts(plan, options: Self.options).filter { $0.kind == "event" }.map(\.summary)
        #expect(titles.contains("Prep: clinical sign-off of the text message for 1 October, Stoptober"))
        #expect(titles.contains("Prep: clinical sign-off of the text message for 2 October, Stoptober"))
        #expect(titles.contains("Prep: clinical sign-off of the text message, Stoptober"))
        let google = CSVExports.google(plan, options: Self.options)
        #expect(google.contains("\"Prep: clinical sign-off of the text message for 2 October, Stoptober\""))
        #expect(google.contains("\"Prep: clinical sign-off of the text message, Stoptober\""))
    }

    @Test func repeatedPrepTasksStillGetDistinctUIDs() {
        var i = Self.item("a-sms-1", .sms, Self.d(2027, 10, 4))
        i.prepTasks = [PrepTask(task: "Check", due: Self.d(2027, 9, 1)), PrepTask(task: "Check", due: Self.d(2027, 9, 8))]
        let uids = CalendarExport.drafts(Self.plan([i]), options: Self.options).map(\.uid)
        #expect(uids.count == Set(uids).count, "\(uids)")
        #expect(uids.contains("a-sms-1-prep-check-2@y12345.awareness-planner"))
    }

    @Test func formulaCellsAreNeutralisedInPlanAndSocialButNotInCalendars() {
        let plan = Self.plan([
            Self.item("x-social-1", .social, Self.d(2027, 10, 4), text: "=HYPERLINK(\"http://evil\")", title: "+Day"),
            Self.item("y-sms-1", .sms, Self.d(2027, 10, 5), time: ClockTime(hour: 13, minute: 30), text: "@home, -ok", title: "-Dash"),
        ])
        for s in ["=1", "+1", "-1", "@a", "\tx", "\rx"] { #expect(CSVExports.neutralised(s) == "'" + s) }
        #expect(CSVExports.neutralised("1-2") == "1-2")
        let planCSV = CSVExports.plan(plan, options: Self.options)
        #expect(planCSV.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""))
        #expect(planCSV.contains(",'+Day,"))
        #expect(planCSV.contains("\"'@home, -ok\""))
        let social = CSVExports.social(plan, platform: .facebook, options: Self.options)
        #expect(social == "04/10/2027 09:05,\"'=HYPERLINK(\"\"http://evil\"\")\",https://www.nhs.uk/better-health/quit-smoking/\r\n")
        let google = CSVExports.google(plan, options: Self.options)
        #expect(google.contains("\r\nSMS: -Dash,10/05/2027,1:30 PM,10/05/2027,1:45 PM,False,"))
        #expect(google.contains("\r\nSocial media: +Day,10/04/2027,,10/04/2027,,True,"))
        let outlook = CSVExports.outlook(plan, options: Self.options)
        #expect(outlook.contains("\r\nSMS: -Dash,05/10/2027,13:30,05/10/2027,13:45,False,False,"))
    }

    /// Two posts on one day never share a minute in the scheduler file: the second follows two
    /// hours after the first (Hootsuite schedules each row as its own post).
    @Test func postsOnOneDayGetTheirOwnTimes() {
        let plan = Self.plan([
            Self.item("a-social-1", .social, Self.d(2027, 10, 4), text: "First"),
            Self.item("b-social-1", .social, Self.d(2027, 10, 4), text: "Second"),
            Self.item("c-social-1", .social, Self.d(2027, 10, 5), text: "Next day"),
        ])
        let rows = CSVExports.social(plan, platform: .facebook, options: Self.options)
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.prefix(16) }
        #expect(rows == ["04/10/2027 09:05", "04/10/2027 11:05", "05/10/2027 09:05"])
        // A short working day (09:02 to 17:00) spreads six posts 85 minutes apart, all before 16:30.
        let times = (0..<6).map { CSVExports.postMinutes(index: $0, of: 6, constraints: plan.constraints) }
        #expect(times == [545, 630, 715, 800, 885, 970])
        #expect(Set(times).count == 6 && times.last! <= 16 * 60 + 30)
    }

    /// plan.md groups the warnings by kind, the kinds that need the practice first, each with its
    /// heading in words, its count and what to do said once.
    @Test func planMarkdownGroupsTheWarningsByKind() {
        var plan = Self.plan([Self.item("x-sms-1", .sms, Self.d(2027, 10, 4))])
        plan.warnings = [
            PlanWarning(code: .dayNotFitted, message: "\"World Sight Day\" is not in the plan: staff hours were full."),
            PlanWarning(code: .draftBlocked, message: "The draft of x-sms-1 may hold an NHS number."),
            PlanWarning(code: .dayNotFitted, message: "\"Purple Day\" is not in the plan: staff hours were full."),
        ]
        let md = PlanMarkdown.render(plan, options: Self.options)
        let section = String(md[md.range(of: "## Warnings and what to do")!.lowerBound...])
        #expect(section.contains("3 warnings of 2 kinds, the kinds that need you first."))
        let blocked = section.range(of: "### Drafts held back for personal data (1)")
        let left = section.range(of: "### Days left out (2)")
        #expect(blocked != nil && left != nil && blocked!.lowerBound < left!.lowerBound)
        #expect(section.components(separatedBy: "**What to do:**").count - 1 == 2)
        // Within a kind, in plan.json's order (by message).
        #expect(section.range(of: "Purple Day")!.lowerBound < section.range(of: "World Sight Day")!.lowerBound)
    }

    @Test func timesAndDates() {
        #expect(CSVExports.twelveHour(0) == "12:00 AM")
        #expect(CSVExports.twelveHour(600) == "10:00 AM")
        #expect(CSVExports.twelveHour(720) == "12:00 PM")
        #expect(CSVExports.twelveHour(13 * 60 + 5) == "1:05 PM")
        #expect(CSVExports.usDate(Self.d(2027, 3, 9)) == "03/09/2027")
        #expect(CSVExports.ukDate(Self.d(2027, 3, 9)) == "09/03/2027")
        #expect(PlanMarkdown.weekStart("2027-W01") == Self.d(2027, 1, 4))
        #expect(PlanMarkdown.weekStart("2026-W53") == Self.d(2026, 12, 28))
        #expect(ExportContent.plainPlurals("ranked 1 of 35 day(s); 1 batch(es); item(s)") == "ranked 1 of 35 days; 1 batch; items")
        #expect(ExportContent.plainPlurals("1 day(s)") == "1 day")
    }

    @Test func markdownHasDatesNamesAndChecklists() {
        let plan = Self.plan([Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10))])
        let md = PlanMarkdown.render(plan, options: Self.options)
        #expect(md.hasSuffix("\n"))
        #expect(!md.contains("\r"))
        #expect(!md.contains("(s)"))
        #expect(md.contains("| 4 October 2027 | Mon 4 Oct: SMS, Stoptober |"))
        // The prep task is due on Monday 20 September 2027: its week has a row with nothing going out.
        #expect(md.contains("| 20 September 2027 | nothing |  | by Mon 20 Sep: clinical sign-off of the text message, Stoptober |"))
        #expect(md.contains("Learning disability"))
        #expect(md.contains("two-factor authentication"))
        #expect(md.contains("code of conduct for patients"))
        #expect(md.contains("complaints route"))
        #expect(md.contains("social media policy"))
        #expect(!md.contains("2027-W40"))
    }

    /// A failed run leaves the previous exports as they were and no temporary file behind.
    @Test func aFailedWriteLeavesThePreviousFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("export-unit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = Self.plan([Self.item("stoptober-2027-10-01-sms-1", .sms, Self.d(2027, 10, 4), time: ClockTime(hour: 10))])
        let names = try PlanExports.write(plan, to: dir, options: Self.options)
        var before: [String: Data] = [:]
        for n in names { before[n] = try Data(contentsOf: dir.appendingPathComponent(n)) }
        // The temporary name of plan.md is taken by a folder, so writing it fails.
        let blocker = dir.appendingPathComponent(".plan.md.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        var changed = plan
        changed.items[0].date = Self.d(2027, 10, 6)
        #expect(throws: (any Error).self) { try PlanExports.write(changed, to: dir, options: Self.options) }
        try FileManager.default.removeItem(at: blocker)
        for n in names { #expect(try Data(contentsOf: dir.appendingPathComponent(n)) == before[n], "\(n) changed") }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty, "\(left)")
    }
}

/// VEVENT and VTODO blocks of a calendar by UID (folded lines joined).
struct ICSBlocks {
    var blocks: [String: String] = [:]

    init(_ text: String) {
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        for part in unfolded.components(separatedBy: "\r\nBEGIN:").dropFirst() {
            guard part.hasPrefix("VEVENT") || part.hasPrefix("VTODO") else { continue }
            guard let line = part.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("UID:") }) else { continue }
            blocks[String(line.dropFirst(4))] = part
        }
    }
}
