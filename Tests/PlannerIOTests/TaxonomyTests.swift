import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

@Suite struct TaxonomyTests {
    static func write(_ text: String, name: String = "extra.yaml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taxonomy-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func bundledTaxonomyHasEveryCanonicalIdInTheSpecOrder() throws {
        let spec = try TaxonomyMarkdown.orderedIds(at: TaxonomyMatchingTests.taxonomyMD)
        #expect(spec.groups.count == 37)
        #expect(spec.services.count == 32)
        let t = try Taxonomy.load()
        #expect(t.groupIds == spec.groups)
        #expect(t.serviceIds == spec.services)
    }

    @Test func everyEntryIsDescribedSizedAndHasVocabulary() throws {
        let t = try Taxonomy.load()
        let groupIds = Set(t.groupIds)
        for e in t.entries {
            #expect(!e.name.isEmpty && !e.definition.isEmpty, "\(e.id) needs a name and definition")
            #expect(!(e.phrases + e.titlePhrases + e.brands).isEmpty, "\(e.id) has no matching vocabulary")
        }
        for g in t.groups { #expect(g.sizedFrom != nil, "\(g.id) has no sizedFrom") }
        for s in t.services {
            #expect(!s.mainGroups.isEmpty, "\(s.id) has no mainGroups")
            #expect(Set(s.mainGroups).isSubset(of: groupIds), "\(s.id) names an unknown group")
        }
        let sizing = try #require(t.entry("women-25-64")?.sizedFrom)
        #expect(sizing == GroupSizing(basis: .sexAge, minAge: 25, maxAge: 64, sex: .female))
        #expect(
            t.entry("diabetes")?.sizedFrom == GroupSizing(basis: .register, minAge: 17, register: "DM", rate75Plus: 3))
        #expect(t.entry("all-patients")?.onlyAlone == true)
    }

    @Test func campaignBrandsAreInTheVocabulary() throws {
        let t = try Taxonomy.load()
        let brands = Set(t.entries.flatMap(\.brands))
        for b in ["Stoptober", "Movember", "Dry January", "Purple Day", "Know Your Numbers", "Veganuary", "Sober October", "Go Sober", "Wear It Pink", "Walk to School"] {
            #expect(brands.contains(b), "missing brand \(b)")
        }
    }

    @Test func anExtraFileOverridesAndExtendsById() throws {
        let extra = try Self.write(
            """
            groups:
              - id: autistic-people
                name: Autistic people
                definition: Patients with an autism diagnosis code.
                sizedFrom: {basis: cohort, cohort: autism, rate75Plus: 0.5}
                phrases: [autism, autistic]
              - id: veterans
                phrases: [armed forces, remembrance]
            services:
              - id: carers-support
                mainGroups: [carers, autistic-people]
            notForPatients: [teachers day]
            """)
        let t = try Taxonomy.load(extra: [extra])
        #expect(t.groupIds.last == "autistic-people")
        #expect(t.entry("veterans")?.phrases == ["armed forces", "remembrance"])
        #expect(t.entry("veterans")?.name == "Armed forces veterans")  // fields not set are kept
        #expect(t.entry("carers-support")?.mainGroups == ["carers", "autistic-people"])
        #expect(t.notForPatients.contains("teachers day") && t.notForPatients.contains("nurses day"))

        let m = Matcher(taxonomy: t)
        let d = CivilDate(year: 2027, month: 4, day: 2)
        let day = CleanOccurrence(
            Occurrence(
                uid: "a", title: "World Autism Awareness Day 2027", start: .date(d), end: .date(d.adding(days: 1)), timezone: nil,
                source: SourceLocation(path: "x.ics", line: 1)))
        #expect(m.match(day).groupIds == ["autistic-people"])
        #expect(Matcher(taxonomy: try Taxonomy.load()).match(day).groupIds.isEmpty)
    }

    @Test func problemsAreReportedWithLineColumnSourceAndHint() throws {
        let extra = try Self.write(
            """
            groups:
              - id: new-group
                name: New
                definition: Test.
                sizedFrom: {basis: ageband, minAge: 3}
                phrasez: [x]
              - id: veterans
                onlyAlone: maybe
              - id: Bad_Id
            services:
              - id: weekly-clinic
                name: Clinic
                definition: Test.
                mainGroups: [carer]
                phrases: [clinic]
            colour: blue
            """, name: "bad.yaml")
        #expect(throws: TaxonomyLoadError.self) { try Taxonomy.load(extra: [extra]) }
        do {
            _ = try Taxonomy.load(extra: [extra])
        } catch {
            let p = extra.path
            #expect(
                error.description == """
                    \(p):5:24: error: unknown basis "ageband"
                        sizedFrom: {basis: ageband, minAge: 3}
                                           ^
                    hint: did you mean "ageBand"?
                    \(p):6:5: error: unknown key "phrasez" in entry "new-group"
                        phrasez: [x]
                        ^
                    hint: did you mean "phrases"?
                    \(p):8:16: error: `onlyAlone` must be true or false
                        onlyAlone: maybe
                                   ^
                    \(p):9:9: error: invalid id "Bad_Id"
                      - id: Bad_Id
                            ^
                    hint: ids are lower-case letters, digits and hyphens, e.g. `adults-40-74`
                    \(p):11:9: error: service "weekly-clinic" names unknown group "carer" in `mainGroups`
                      - id: weekly-clinic
                            ^
                    hint: did you mean "carers"?
                    \(p):16:1: error: unknown key "colour"
                    colour: blue
                    ^
                    """)
        }
    }

    @Test func yamlSyntaxErrorsPointAtTheLine() throws {
        let extra = try Self.write("groups:\n  - id: x\n    phrases: [a, b\n", name: "broken.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.count == 1)
            let d = try #require(error.diagnostics.first)
            #expect(d.location.path == extra.path)
            #expect(d.location.line == 4)
            #expect(d.message.hasPrefix("invalid YAML: "))
        }
    }

    @Test func duplicateIdsInOneFileAreErrors() throws {
        let extra = try Self.write("services:\n  - id: nhs-app\n    phrases: [app]\n  - id: nhs-app\n    phrases: [online]\n", name: "dup.yaml")
        do {
            _ = try Taxonomy.load(extra: [extra])
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["duplicate id \"nhs-app\" (first defined on line 2)"])
            #expect(error.diagnostics.first?.location.line == 4)
        }
    }
}
