import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Groups are sized from the taxonomy's `sizedFrom` (issue 9, item 4): the shipped rules give
/// the documented sizes, a group added with `--taxonomy` can be counted in a profile and sized,
/// and a group that cannot be sized is an error at its line in the taxonomy file.
@Suite struct GroupSizingFromTaxonomyTests {
    /// 10 men and 20 women in each of the 19 bands (570 patients).
    static let tinyList = PatientList(male: Array(repeating: 10, count: 19), female: Array(repeating: 20, count: 19))

    /// A profile of the tiny list, with `extra` lines appended (registers, cohorts, services).
    static func yaml(_ extra: String = "") -> String {
        let male = AgeBand.all.map { "\"\($0.label)\": 10" }.joined(separator: ", ")
        let female = AgeBand.all.map { "\"\($0.label)\": 20" }.joined(separator: ", ")
        return """
            name: Tiny Practice
            list:
              male: {\(male)}
              female: {\(female)}
            channels:
              sms: {quarterlyBudget: 20}

            """ + extra
    }

    static func validate(_ yaml: String, taxonomy: Taxonomy = .bundled) -> ProfileValidation {
        ProfileLoader.validate(yaml: yaml, path: "p.yaml", taxonomy: taxonomy, isKnownZone: { _ in true })
    }

    @Test(arguments: [
        ("all-patients", 570.0), ("under-5s", 30), ("children-5-15", 66), ("young-people-16-24", 54),
        ("adults-40-74", 210), ("adults-50-74", 150), ("adults-65-plus", 180), ("adults-75-plus", 120),
        ("men", 190), ("women", 380), ("men-50-plus", 90), ("women-25-64", 160), ("women-50-71", 88),
    ])
    func shippedRulesSizeEveryAgeGroupAsDocumented(_ id: String, _ expected: Double) throws {
        let profile = PracticeProfile(name: "Tiny", list: Self.tinyList)
        let group = try #require(size(ofGroup: id, in: profile, taxonomy: .bundled))
        #expect(abs(group.count - expected) < 1e-9, "\(id): \(group.count)")
        #expect(abs(group.byBand.reduce(0, +) - group.count) < 1e-9)
    }

    @Test func everyShippedGroupCanBeSizedOnceItsCountIsRecorded() {
        let t = Taxonomy.bundled
        let registers = t.groups.filter { $0.sizedFrom?.basis == .register }.map { GroupCount(id: $0.id, count: 10) }
        let cohorts = t.groups.filter { $0.sizedFrom?.basis == .cohort }.map { GroupCount(id: $0.id, count: 10) }
        #expect(registers.count == 19 && cohorts.count == 5)
        let profile = PracticeProfile(name: "Tiny", list: Self.tinyList, registers: registers, cohorts: cohorts)
        for id in t.groupIds {
            let s = size(ofGroup: id, in: profile, taxonomy: t)
            #expect(s != nil, "\(id)")
            if let s { #expect(abs(s.byBand.reduce(0, +) - s.count) < 1e-9, "\(id)") }
        }
    }

    @Test func shippedDementiaRuleGivesAnOldListAMostlyOlderRegister() throws {
        // The 75+ rate now comes from the taxonomy (dementia: 40 times as common at 75+).
        let rule = try #require(Taxonomy.bundled.entry("dementia")?.sizedFrom)
        #expect(rule.rate75Plus == 40 && rule.minAge == 40 && rule.maxAge == nil)
        let share = rule.share75Plus(of: GroupCount(id: "dementia", count: 30), in: Self.tinyList)
        // 120 aged 75+ x 40 against 210 aged 40-74.
        #expect(abs(share - 4800.0 / 5010.0) < 1e-12)
    }

    static let extension_ = """
        groups:
          - id: rheumatoid-arthritis
            name: Rheumatoid arthritis
            definition: The rheumatoid arthritis register.
            sizedFrom: {basis: register, register: RA, minAge: 16, rate75Plus: 3}
            phrases: [rheumatoid arthritis]
          - id: housebound
            name: Housebound patients
            definition: Patients coded as housebound.
            sizedFrom: {basis: cohort, cohort: housebound, minAge: 18, rate75Plus: 12}
            phrases: [housebound]
        services:
          - id: home-visits
            name: Home visits
            definition: Visits at home.
            mainGroups: [housebound]
            phrases: [home visit]
        """

    @Test func aGroupAddedWithTaxonomyIsCountedInAProfileAndSized() throws {
        let extra = try TaxonomyTests.write(Self.extension_)
        let taxonomy = try Taxonomy.load(extra: [extra])
        let text = Self.yaml(
            """
            registers:
              rheumatoid-arthritis: 80
            cohorts:
              housebound: {count: 40, share75Plus: 0.75}
            services:
              - home-visits
            """)
        let result = Self.validate(text, taxonomy: taxonomy)
        #expect(result.diagnostics.isEmpty, "\(result.report)")
        let profile = try #require(result.profile)
        #expect(profile.offers("home-visits"))
        let ra = try #require(size(ofGroup: "rheumatoid-arthritis", in: profile, taxonomy: taxonomy))
        #expect(ra.count == 80)
        // Spread over ages 16+: nobody in 10-14, 4/5 of 15-19 counts.
        #expect(ra.count(in: AgeBand(label: "10-14")!) == 0)
        #expect(ra.count(in: AgeBand(label: "15-19")!) > 0)
        // share: 120 aged 75+ x 3 against 354 younger (24 of 15-19, then 11 bands of 30).
        #expect(abs(ra.share75Plus - 360.0 / 714.0) < 1e-12)
        let housebound = try #require(size(ofGroup: "housebound", in: profile, taxonomy: taxonomy))
        #expect(housebound.count == 40)
        #expect(abs(housebound.share75Plus - 0.75) < 1e-12)
    }

    @Test func withoutTheTaxonomyFileTheAddedIdsAreUnknown() throws {
        let text = Self.yaml(
            """
            registers:
              rheumatoid-arthritis: 80
            cohorts:
              housebound: 40
            """)
        let result = Self.validate(text)
        #expect(result.profile == nil)
        #expect(
            result.errors.map(\.message) == [
                "\"rheumatoid-arthritis\" is not a register id the planner knows.",
                "Unknown key \"housebound\" in cohorts.",
            ])
    }

    @Test func aTaxonomyCanMakeACohortOfAShippedRegister() throws {
        // The rule, not a fixed list, decides where a count belongs.
        let extra = try TaxonomyTests.write(
            """
            groups:
              - id: obesity
                sizedFrom: {basis: cohort, cohort: obesity, minAge: 18, rate75Plus: 0.8}
            """)
        let taxonomy = try Taxonomy.load(extra: [extra])
        let asCohort = Self.validate(Self.yaml("cohorts:\n  obesity: 90\n"), taxonomy: taxonomy)
        #expect(asCohort.errors.isEmpty, "\(asCohort.report)")
        let asRegister = Self.validate(Self.yaml("registers:\n  obesity: 90\n"), taxonomy: taxonomy)
        #expect(asRegister.errors.map(\.message) == ["\"obesity\" is a coded cohort, not a QOF register."])
        #expect(asRegister.errors.first?.hint == "Move it under cohorts as obesity.")
    }

    @Test func aGroupThatCannotBeSizedIsAnErrorNamingTheTaxonomyLine() throws {
        let extra = try TaxonomyTests.write(
            """
            groups:
              - id: frail-elderly
                name: Frail older people
                definition: Patients coded as moderately or severely frail.
                sizedFrom: {basis: cohort, cohort: frailty, minAge: 65}
                phrases: [frailty]
            """, name: "frailty.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == """
                    \(extra.path):5:24: error: a cohort group needs `rate75Plus`: without it the planner cannot tell how many of the group are aged 75 and over
                        sizedFrom: {basis: cohort, cohort: frailty, minAge: 65}
                                           ^
                    hint: add how many times more common the group is at 75 and over, e.g. `rate75Plus: 2`, or set `maxAge` below 75
                    """)
        }
    }

    @Test func sizingKeysThatDoNotApplyToTheBasisAreErrors() throws {
        let extra = try TaxonomyTests.write(
            """
            groups:
              - id: veterans
                sizedFrom: {basis: ageBand, minAge: 18, rate75Plus: 2, cohort: veterans}
            """, name: "mixed.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostics.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.message)" } == [
                    "3:45 `rate75Plus` does not apply to an ageBand group",
                    "3:60 `cohort` does not apply to an ageBand group",
                ])
            #expect(error.diagnostics.first?.hint == "remove it; an ageBand group takes `minAge`, `maxAge`")
        }
    }

    @Test func twoGroupsCountedFromOneCohortAreAnError() throws {
        let extra = try TaxonomyTests.write(
            """
            groups:
              - id: unpaid-carers
                name: Unpaid carers
                definition: Carers again.
                sizedFrom: {basis: cohort, cohort: carers, minAge: 16, rate75Plus: 1}
                phrases: [unpaid carer]
            """, name: "carers.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            let d = try #require(error.diagnostics.first)
            #expect(d.message == "groups \"carers\" and \"unpaid-carers\" are both sized from the cohort \"carers\"")
            #expect(d.location.path == extra.path && d.location.line == 2)
        }
    }

    @Test func rate75PlusOutOfRangeIsAnError() throws {
        let extra = try TaxonomyTests.write(
            """
            groups:
              - id: veterans
                sizedFrom: {basis: cohort, cohort: veterans, minAge: 18, rate75Plus: -2}
            """, name: "rate.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message).first == "`rate75Plus` must be a number from 0 to 1000")
            #expect(error.diagnostics.first?.location.line == 3)
        }
    }
}
