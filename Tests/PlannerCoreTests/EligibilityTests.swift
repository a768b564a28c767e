import PlannerCore
import Testing

/// `X-GP-ELIGIBILITY` (docs/eligibility.md): every valid form, every error with its column and
/// hint, and the round trip through `rendered`.
@Suite struct EligibilityTests {
    typealias Audience = EligibilityRule.Audience

    static func parse(_ text: String) -> EligibilityRule? {
        try? EligibilityRule.parse(text)
    }

    static func errors(_ text: String) -> [EligibilityError] {
        do {
            _ = try EligibilityRule.parse(text)
            return []
        } catch {
            return error.errors
        }
    }

    // MARK: Valid forms

    @Test func cervicalScreening() throws {
        let rule = try EligibilityRule.parse("sex=female age=25-64 exclude=screened-3y")
        #expect(rule.audiences == [Audience(sex: .female, ageFrom: 25, ageTo: 64, exclude: ["screened-3y"])])
    }

    @Test func severalAudiencesForRSV() throws {
        let rule = try EligibilityRule.parse(
            "age=75+ exclude=vaccinated | group=care-home-residents | sex=female group=pregnant-and-new-parents")
        #expect(
            rule.audiences == [
                Audience(ageFrom: 75, ageTo: nil, exclude: ["vaccinated"]),
                Audience(groups: ["care-home-residents"]),
                Audience(sex: .female, groups: ["pregnant-and-new-parents"]),
            ])
    }

    @Test func agesOneAgeOpenEndedAndDefaults() throws {
        #expect(try EligibilityRule.parse("age=65").audiences == [Audience(ageFrom: 65, ageTo: 65)])
        #expect(try EligibilityRule.parse("age=0+").audiences == [Audience(ageFrom: 0, ageTo: nil, ageOn: .dayStart)])
        #expect(try EligibilityRule.parse("age=130").audiences == [Audience(ageFrom: 130, ageTo: 130)])
        // No age at all: 0 with no upper limit, like age=0+.
        #expect(try EligibilityRule.parse("sex=male").audiences == [Audience(sex: .male, ageFrom: 0, ageTo: nil)])
    }

    @Test func anyOfGroupsAndSeveralExclusions() throws {
        let rule = try EligibilityRule.parse("age=18-64 group=asthma/copd/diabetes exclude=vaccinated-this-season/palliative-care")
        #expect(rule.audiences[0].groups == ["asthma", "copd", "diabetes"])
        #expect(rule.audiences[0].exclude == ["vaccinated-this-season", "palliative-care"])
    }

    @Test func addressedToTheParent() throws {
        let rule = try EligibilityRule.parse("age=2-3 on=last-08-31 to=parent")
        #expect(rule.audiences == [Audience(ageFrom: 2, ageTo: 3, ageOn: .last(month: 8, day: 31), toParent: true)])
        #expect(rule.audiences[0].includesUnder16)
        #expect(try EligibilityRule.parse("age=16-24 to=patient").audiences[0].toParent == false)
        #expect(try !EligibilityRule.parse("age=16-24").audiences[0].includesUnder16)
    }

    @Test func spacesAroundBarsAndBetweenTermsAreFree() throws {
        let tight = try EligibilityRule.parse("age=75+|group=care-home-residents")
        let loose = try EligibilityRule.parse("  age=75+   |   group=care-home-residents  ")
        #expect(tight == loose)
        #expect(tight.audiences.count == 2)
    }

    // MARK: The date ages are measured on

    @Test func turningSixtyFiveByThirtyFirstMarch() throws {
        let on = try #require(Self.parse("age=65+ on=next-03-31")).audiences[0].ageOn
        #expect(on == .next(month: 3, day: 31))
        // A flu season that starts on 1 October 2026 counts ages on 31 March 2027.
        #expect(on.date(forDayStarting: CivilDate(year: 2026, month: 10, day: 1)) == CivilDate(year: 2027, month: 3, day: 31))
        // On the date itself, it is that date.
        #expect(on.date(forDayStarting: CivilDate(year: 2027, month: 3, day: 31)) == CivilDate(year: 2027, month: 3, day: 31))
    }

    @Test func agedTwoOrThreeOnThirtyFirstAugust() throws {
        let on = try #require(Self.parse("age=2-3 on=last-08-31 to=parent")).audiences[0].ageOn
        // A season that starts on 1 September 2026 counts ages on 31 August 2026, not 2027.
        #expect(on.date(forDayStarting: CivilDate(year: 2026, month: 9, day: 1)) == CivilDate(year: 2026, month: 8, day: 31))
        #expect(on.date(forDayStarting: CivilDate(year: 2026, month: 8, day: 30)) == CivilDate(year: 2025, month: 8, day: 31))
    }

    @Test func fixedDateAndStart() throws {
        let fixed = try #require(Self.parse("age=75-79 on=2026-09-01")).audiences[0].ageOn
        #expect(fixed == .fixed(CivilDate(year: 2026, month: 9, day: 1)))
        #expect(fixed.date(forDayStarting: CivilDate(year: 2030, month: 1, day: 1)) == CivilDate(year: 2026, month: 9, day: 1))
        let start = try #require(Self.parse("age=75+ on=start")).audiences[0].ageOn
        #expect(start == .dayStart)
        #expect(start.date(forDayStarting: CivilDate(year: 2027, month: 4, day: 1)) == CivilDate(year: 2027, month: 4, day: 1))
    }

    // MARK: Round trip

    @Test(arguments: [
        "sex=female age=25-64 exclude=screened-3y",
        "age=75+ | group=care-home-residents | sex=female group=pregnant-and-new-parents",
        "age=65+ on=next-03-31 exclude=vaccinated-this-season | age=18-64 group=asthma/copd exclude=vaccinated-this-season",
        "age=2-3 on=last-08-31 to=parent",
        "age=75-79 on=2026-09-01",
        "sex=male age=65",
        "group=all-patients",
    ])
    func canonicalTextRoundTrips(_ text: String) throws {
        let rule = try EligibilityRule.parse(text)
        #expect(rule.rendered == text)
        #expect(try EligibilityRule.parse(rule.rendered) == rule)
    }

    @Test func renderingIsCanonical() throws {
        // Any term order and spacing renders in the fixed order; defaults are left out.
        let rule = try EligibilityRule.parse("to=patient  exclude=a  group=b/c on=start age=0+ sex=male")
        #expect(rule.rendered == "sex=male group=b/c exclude=a")
        #expect(try EligibilityRule.parse(rule.rendered) == rule)
        // Built in code, rendered, parsed back: equal.
        let built = EligibilityRule(audiences: [
            Audience(sex: .female, ageFrom: 50, ageTo: 70, groups: [], exclude: ["screened-3y"]),
            Audience(ageFrom: 12, ageTo: 13, ageOn: .last(month: 8, day: 31), toParent: true),
            Audience(ageFrom: 40, ageTo: 74, exclude: ["hypertension", "diabetes"]),
        ])
        #expect(built.rendered == "sex=female age=50-70 exclude=screened-3y | age=12-13 on=last-08-31 to=parent | age=40-74 exclude=hypertension/diabetes")
        #expect(try EligibilityRule.parse(built.rendered) == built)
    }

    @Test func renderingNeedsNoICalendarEscaping() throws {
        let rule = try EligibilityRule.parse("age=65+ on=next-03-31 group=a/b exclude=c | sex=female age=2-3 to=parent")
        let escaped: Set<Character> = [";", ",", "\\", "\n", "\r"]
        let found = rule.rendered.filter { escaped.contains($0) }
        #expect(found.isEmpty)
    }

    // MARK: Errors: column, message, hint

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var column: Int
        var message: String
        var hint: String
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(text: "", column: 1, message: "the eligibility is empty", hint: "write at least one audience, e.g. age=65+"),
        Case(text: "   ", column: 1, message: "the eligibility is empty", hint: "write at least one audience, e.g. age=65+"),
        Case(
            text: "age=75+ || group=carers", column: 9,
            message: "an audience is empty (nothing between two |, or a | at the start or end)",
            hint: "remove the extra |, or write the audience, e.g. age=75+"),
        Case(
            text: "| age=75+", column: 1,
            message: "an audience is empty (nothing between two |, or a | at the start or end)",
            hint: "remove the extra |, or write the audience, e.g. age=75+"),
        Case(
            text: "age=75+ |", column: 9,
            message: "an audience is empty (nothing between two |, or a | at the start or end)",
            hint: "remove the extra |, or write the audience, e.g. age=75+"),
        Case(
            text: "sex=female female", column: 12, message: "\"female\" is not a key=value term",
            hint: "write terms as key=value, e.g. sex=female age=25-64"),
        Case(
            text: "age=25-64 gender=female", column: 11, message: "unknown key \"gender\"",
            hint: "the keys are sex, age, on, group, exclude, to"),
        Case(
            text: "age=25-64 groups=asthma", column: 11, message: "unknown key \"groups\"",
            hint: "did you mean \"group\"? the keys are sex, age, on, group, exclude, to"),
        Case(
            text: "age=25-64 age=70-79", column: 11, message: "\"age\" is given twice in one audience",
            hint: "give each key once; for a second group of people start a new audience after |"),
        Case(text: "age=", column: 5, message: "age= has no value", hint: "write a value after =, e.g. age=25-64"),
        Case(
            text: "sex=women", column: 5, message: "sex must be female or male, not \"women\"",
            hint: "leave sex= out when the day concerns both sexes"),
        Case(
            text: "age=25to64", column: 5, message: "\"25to64\" is not an age range",
            hint: "write age=25-64 (inclusive), age=75+ (no upper limit) or age=65 (one age)"),
        Case(
            text: "age=-5", column: 5, message: "\"-5\" is not an age range",
            hint: "write age=25-64 (inclusive), age=75+ (no upper limit) or age=65 (one age)"),
        Case(
            text: "age=65-200", column: 5, message: "\"65-200\": ages run from 0 to 130",
            hint: "write age=25-64 (inclusive), age=75+ (no upper limit) or age=65 (one age)"),
        Case(
            text: "sex=female age=64-25", column: 19, message: "the age range 64-25 ends before it starts",
            hint: "write the younger age first, e.g. age=25-64"),
        Case(
            text: "age=65+ on=03-31", column: 12, message: "\"03-31\" is not a date to measure ages on",
            hint: "write on=next-03-31 (ages on the next 31 March: \"turning 65 by 31 March\"), on=last-08-31, on=2026-08-31 or on=start"),
        Case(
            text: "age=65+ on=next-3-31", column: 17, message: "\"3-31\" is not a month and day (MM-DD)",
            hint: "write on=next-03-31 (ages on the next 31 March: \"turning 65 by 31 March\"), on=last-08-31, on=2026-08-31 or on=start"),
        Case(
            text: "age=65+ on=next-04-31", column: 17, message: "04-31 is not a date",
            hint: "write on=next-03-31 (ages on the next 31 March: \"turning 65 by 31 March\"), on=last-08-31, on=2026-08-31 or on=start"),
        Case(
            text: "age=65+ on=last-02-29", column: 17, message: "29 February is not in every year",
            hint: "use 28 February or 1 March"),
        Case(
            text: "age=65+ on=2027-02-29", column: 12, message: "\"2027-02-29\" is not a date to measure ages on",
            hint: "write on=next-03-31 (ages on the next 31 March: \"turning 65 by 31 March\"), on=last-08-31, on=2026-08-31 or on=start"),
        Case(
            text: "sex=male on=next-03-31", column: 10,
            message: "on= says when ages are measured, but the audience gives no age=",
            hint: "add an age range, e.g. age=65+ on=next-03-31"),
        Case(
            text: "group=Care-Home", column: 7, message: "\"Care-Home\" is not an id",
            hint: "ids are lower-case words joined by hyphens, e.g. care-home-residents; separate several with /"),
        Case(text: "group=asthma//copd", column: 14, message: "an empty id in group=", hint: "remove the extra /"),
        Case(text: "age=50+ exclude=screened-3y/", column: 29, message: "an empty id in exclude=", hint: "remove the extra /"),
        Case(
            text: "group=asthma/copd/asthma", column: 19, message: "\"asthma\" is listed twice in group=",
            hint: "list each id once"),
        Case(
            text: "group=copd-", column: 7, message: "\"copd-\" is not an id",
            hint: "ids are lower-case words joined by hyphens, e.g. care-home-residents; separate several with /"),
        Case(
            text: "age=0-4 to=mother", column: 12, message: "to must be parent or patient, not \"mother\"",
            hint: "write to=parent for a children's programme"),
        Case(
            text: "age=12-24 to=parent", column: 11, message: "to=parent is for children, but the ages run past 17",
            hint: "end the age range below 18, e.g. age=2-3 to=parent"),
        Case(
            text: "group=under-5s to=parent", column: 16, message: "to=parent is for children, but the audience gives no age=",
            hint: "add the children's ages, e.g. age=0-4 to=parent"),
        Case(
            text: "age=75+ | exclude=vaccinated", column: 11,
            message: "the audience says nothing about who is in it (no sex=, age= or group=)",
            hint: "add group=all-patients for everyone, or the sex, ages or groups it concerns"),
        Case(
            text: "sex=female\\;age=25-64", column: 11,
            message: "\"\\\" cannot be used in an eligibility rule (calendar programs escape or rewrite it)",
            hint: "separate terms with spaces, ids with / and audiences with |, e.g. sex=female age=25-64 | age=75+"),
    ]

    @Test(arguments: cases)
    func everyErrorHasItsColumnMessageAndHint(_ c: Case) {
        let found = Self.errors(c.text)
        #expect(found.first == EligibilityError(column: c.column, message: c.message, hint: c.hint), "\(found)")
    }

    @Test func semicolonsAndCommasAreRefusedWithoutHidingOtherFaults() {
        // The example form with ";" as the term separator: one fault per ";", and the terms still read.
        let found = Self.errors("sex=female;age=25-64;exclude=screened-3y")
        #expect(found.map(\.column) == [11, 21])
        #expect(found.allSatisfy { $0.message == "\";\" cannot be used in an eligibility rule (calendar programs escape or rewrite it)" })
        let commas = Self.errors("group=asthma,copd sex=men")
        #expect(commas.map(\.column) == [13, 23])
        #expect(commas[1].message == "sex must be female or male, not \"men\"")
    }

    @Test func everyFaultIsReportedInColumnOrder() {
        let found = Self.errors("sex=x age=9-1 | colour=red")
        #expect(found.map(\.column) == [5, 13, 17, 17])
        #expect(found.map(\.message) == [
            "sex must be female or male, not \"x\"",
            "the age range 9-1 ends before it starts",
            "the audience says nothing about who is in it (no sex=, age= or group=)",
            "unknown key \"colour\"",
        ])
    }

    @Test func diagnosticPointsIntoTheContentLine() {
        let value = "sex=female age=25-6x"
        let line = "X-GP-ELIGIBILITY:" + value
        let e = Self.errors(value)[0]
        let d = e.diagnostic(path: "nhs-programmes.ics", line: 12, sourceLine: line, valueColumn: 18)
        #expect(
            d.description == """
                nhs-programmes.ics:12:33: error: "25-6x" is not an age range
                X-GP-ELIGIBILITY:sex=female age=25-6x
                                                ^
                hint: write age=25-64 (inclusive), age=75+ (no upper limit) or age=65 (one age)
                """)
    }
}
