import PlannerCore
import Testing

@Suite struct CleaningTitleTests {
    @Test(arguments: [
        ("Stoptober 2027", "Stoptober"),
        ("2027 Dry January", "Dry January"),
        ("Heart Month (2027)", "Heart Month"),
        ("Mental Health Awareness Week [2027]", "Mental Health Awareness Week"),
        ("Get Your Flu Jab – Flu Season 2027/28", "Get Your Flu Jab – Flu Season"),
        ("Winter Health 2026-2027", "Winter Health"),
        ("World Cancer Day 2027: close the care gap", "World Cancer Day: close the care gap"),
        ("Bowel Cancer Awareness Month 2026 -", "Bowel Cancer Awareness Month"),
        ("Breast Cancer Awareness Month 2027 &#8211; Wear It Pink", "Breast Cancer Awareness Month – Wear It Pink"),
        ("St. Patrick&#8217;s Day 2027", "St. Patrick’s Day"),
        ("Women &amp; Girls&nbsp;Health Day", "Women & Girls Health Day"),
        ("<strong>Purple Day</strong> 2027", "Purple Day"),
        ("STOPTOBER (2027)", "STOPTOBER"),
        ("Mental Health Awareness Week 2027-05-10", "Mental Health Awareness Week"),
        ("Carers Week | 2027", "Carers Week"),
    ])
    func yearsAndEntitiesAreRemoved(raw: String, expected: String) {
        #expect(TextCleaning.normalizedTitle(raw) == expected)
    }

    @Test(arguments: ["NHS 75", "24/7 Helpline Day", "COVID-19 Autumn Programme", "The 2027s Festival", "Agenda2030 Day"])
    func numbersThatAreNotYearsStay(raw: String) {
        #expect(TextCleaning.normalizedTitle(raw) == raw)
    }

    @Test func aTitleThatIsOnlyAYearIsKept() {
        #expect(TextCleaning.normalizedTitle("2027") == "2027")
    }
}

@Suite struct CleaningDescriptionTests {
    @Test func htmlBecomesLinesAndBullets() {
        let html = "<p>Stoptober is back!</p><p>Quit for 28 days &amp; you are five times more likely to quit.<br/>Free help:</p>"
            + "<ul><li>NHS Quit Smoking app</li><li>Local stop smoking service</li></ul>"
        #expect(
            TextCleaning.plainText(fromHTML: html)
                == "Stoptober is back!\nQuit for 28 days & you are five times more likely to quit.\nFree help:\n• NHS Quit Smoking app\n• Local stop smoking service")
    }

    @Test func wordPressShortcodesAreRemovedButOrdinaryBracketsStay() {
        let text = "[fusion_builder_container type=”flex” hundred_percent=”no”][fusion_builder_row][fusion_text]"
            + "Time to Talk Day [1] is here [sic].[/fusion_text][/fusion_builder_row][/fusion_builder_container]"
            + " [button link=\"https://example.org\"]Find out more[/button]"
        #expect(TextCleaning.plainText(fromHTML: text) == "Time to Talk Day [1] is here [sic]. Find out more")
    }

    @Test func scriptsStylesAndCommentsAreDropped() {
        let html = "<style>p{color:red}</style><!-- hidden --><script>alert(1)</script><div>Visible</div>"
        #expect(TextCleaning.plainText(fromHTML: html) == "Visible")
    }

    @Test func aLessThanSignThatOpensNoTagIsText() {
        #expect(TextCleaning.plainText(fromHTML: "Risk is higher when BMI < 30 or age <3") == "Risk is higher when BMI < 30 or age <3")
    }

    @Test func doubleEscapedHTMLIsStrippedToo() {
        #expect(TextCleaning.plainText(fromHTML: "&lt;p&gt;Know your numbers&lt;/p&gt;") == "Know your numbers")
    }

    @Test func entities() {
        #expect(TextCleaning.decodeEntities("Men&#8217;s health &#x2013; &quot;act&quot; &hellip;") == "Men’s health – \"act\" …")
        #expect(TextCleaning.decodeEntities("AT&T and &unknown; and &#0; stay") == "AT&T and &unknown; and &#0; stay")
    }

    @Test func whitespaceIsCollapsedAndEmptyLinesDropped() {
        let html = "  A\t\tline&nbsp;&nbsp;here  <p></p><p></p><p>Next</p>\n\n\n\nLast  <ul><li> </li></ul>"
        #expect(TextCleaning.plainText(fromHTML: html) == "A line here\nNext\nLast")
    }
}

@Suite struct CleanedViewTests {
    /// Offsets for the zones these tests use (New York in 2027: EST until 14 March, then EDT).
    static func offset(_ zone: String, _ t: LocalDateTime) -> Int? {
        switch zone {
        case "Europe/London": return t.date < CivilDate(year: 2027, month: 3, day: 28) ? 0 : 3600
        case "America/New_York": return t.date < CivilDate(year: 2027, month: 3, day: 14) ? -18_000 : -14_400
        default: return nil
        }
    }

    static func timed(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> EventTime {
        .dateTime(LocalDateTime(date: CivilDate(year: y, month: m, day: d), hour: h, minute: min))
    }

    static func occurrence(
        _ title: String, uid: String?, start: EventTime, end: EventTime, zone: String? = nil, path: String = "a.ics",
        line: Int = 1, categories: [String] = [], description: String? = nil
    ) -> Occurrence {
        Occurrence(
            uid: uid, title: title, start: start, end: end, timezone: zone, categories: categories,
            source: SourceLocation(path: path, line: line), description: description)
    }

    @Test func newYorkMidnightBecomesTheAllDayDateItMeans() throws {
        // awarenessdays.com's "Walk To School Week 2026": DTSTART;TZID=America/New_York:20260518T000000.
        let o = Self.occurrence(
            "Walk To School Week 2027", uid: "w", start: Self.timed(2027, 5, 17), end: Self.timed(2027, 5, 21),
            zone: "America/New_York")
        let c = try #require(CleanedView.build([o], offset: Self.offset).first)
        #expect(c.start == .date(CivilDate(year: 2027, month: 5, day: 17)))
        #expect(c.end == .date(CivilDate(year: 2027, month: 5, day: 21)))
        #expect(c.allDay)
        #expect(c.timezone == nil)
        #expect(c.normalizedTitle == "Walk To School Week")
    }

    @Test func anEndAfterMidnightRunsToTheNextDay() throws {
        let o = Self.occurrence(
            "Purple Day", uid: "p", start: Self.timed(2027, 3, 26), end: Self.timed(2027, 3, 26, 23, 59), zone: "America/New_York")
        let c = try #require(CleanedView.build([o], offset: Self.offset).first)
        #expect(c.start == .date(CivilDate(year: 2027, month: 3, day: 26)))
        #expect(c.end == .date(CivilDate(year: 2027, month: 3, day: 27)))
    }

    @Test func utcMidnightIsAlsoForeign() throws {
        let o = Self.occurrence("X Day", uid: "x", start: Self.timed(2027, 7, 1), end: Self.timed(2027, 7, 2), zone: "UTC")
        let c = try #require(CleanedView.build([o], offset: Self.offset).first)
        #expect(c.start == .date(CivilDate(year: 2027, month: 7, day: 1)))
        #expect(c.end == .date(CivilDate(year: 2027, month: 7, day: 2)))
    }

    @Test func displayZoneUnknownZoneAndNonMidnightTimesAreLeftAlone() {
        let london = Self.occurrence("A", uid: "a", start: Self.timed(2027, 5, 1), end: Self.timed(2027, 5, 2), zone: "Europe/London")
        let unknown = Self.occurrence("B", uid: "b", start: Self.timed(2027, 5, 1), end: Self.timed(2027, 5, 2), zone: "Mars/Olympus")
        let morning = Self.occurrence(
            "C", uid: "c", start: Self.timed(2027, 5, 1, 9), end: Self.timed(2027, 5, 1, 10), zone: "America/New_York")
        let out = CleanedView.build([london, unknown, morning], offset: Self.offset)
        #expect(out.map(\.start) == [london.start, unknown.start, morning.start])
        #expect(out.allSatisfy { !$0.allDay && $0.timezone != nil })
    }

    @Test func theSameDayFromTwoSourcesIsMergedKeepingTheFirstSourcesUid() throws {
        let d = CivilDate(year: 2027, month: 10, day: 1)
        let second = Self.occurrence(
            "STOPTOBER (2027)", uid: "b@feed", start: .date(d), end: .date(d.adding(days: 31)), path: "b.ics", line: 3,
            categories: ["Health", "Smoking"], description: "<p>Quit with us</p>")
        let first = Self.occurrence(
            "Stoptober 2027", uid: "a@feed", start: Self.timed(2027, 10, 1), end: Self.timed(2027, 11, 1), zone: "America/New_York",
            path: "a.ics", line: 40, categories: ["smoking"])
        let third = Self.occurrence(
            "Stoptober", uid: "c@feed", start: .date(d.adding(days: 10)), end: .date(d.adding(days: 11)), path: "a.ics", line: 90)
        for input in [[second, first, third], [third, first, second]] {
            let out = CleanedView.build(input, offset: Self.offset)
            #expect(out.count == 1)
            let c = try #require(out.first)
            #expect(c.uid == "a@feed")
            #expect(c.sources == [SourceLocation(path: "a.ics", line: 40), SourceLocation(path: "a.ics", line: 90), SourceLocation(path: "b.ics", line: 3)])
            #expect(c.mergedUids == ["c@feed", "b@feed"])
            #expect(c.categories == ["smoking", "Health"])
            #expect(c.plainDescription == "Quit with us")
            #expect(c.start == .date(d))
        }
    }

    @Test func differentTitlesOrDatesOrTheSameEventAreNotMerged() {
        let d = CivilDate(year: 2027, month: 2, day: 4)
        let a = Self.occurrence("World Cancer Day", uid: "a", start: .date(d), end: .date(d.adding(days: 1)), line: 1)
        let b = Self.occurrence("Time to Talk Day", uid: "b", start: .date(d), end: .date(d.adding(days: 1)), line: 9)
        let nextYear = Self.occurrence(
            "World Cancer Day 2028", uid: "c", start: .date(CivilDate(year: 2028, month: 2, day: 4)),
            end: .date(CivilDate(year: 2028, month: 2, day: 5)), path: "b.ics")
        // Two instances of one recurring VEVENT share a source; they stay separate occurrences.
        let daily1 = Self.occurrence("Daily tip", uid: "r", start: .date(d), end: .date(d.adding(days: 2)), line: 20)
        let daily2 = Self.occurrence("Daily tip", uid: "r", start: .date(d.adding(days: 1)), end: .date(d.adding(days: 3)), line: 20)
        let out = CleanedView.build([a, b, nextYear, daily1, daily2], offset: Self.offset)
        #expect(out.count == 5)
        #expect(out.allSatisfy { $0.mergedUids.isEmpty && $0.sources.count == 1 })
    }

    @Test func outputFollowsTheContractOrder() {
        let d = CivilDate(year: 2027, month: 3, day: 1)
        let items = [
            Self.occurrence("Z", uid: "z", start: .date(d.adding(days: 2)), end: .date(d.adding(days: 3)), line: 1),
            Self.occurrence("B", uid: "b", start: .date(d), end: .date(d.adding(days: 1)), line: 2),
            Self.occurrence("A", uid: "a", start: .date(d), end: .date(d.adding(days: 1)), line: 3),
            Self.occurrence("T", uid: "t", start: Self.timed(2027, 3, 1, 9), end: Self.timed(2027, 3, 1, 10), zone: "Europe/London", line: 4),
        ]
        #expect(CleanedView.build(items, offset: Self.offset).map(\.uid) == ["a", "b", "t", "z"])
        #expect(CleanedView.build(items.reversed(), offset: Self.offset).map(\.uid) == ["a", "b", "t", "z"])
    }
}
