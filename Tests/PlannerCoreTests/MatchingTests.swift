import PlannerCore
import Testing

/// The matcher's rules, on a small hand-made taxonomy (the shipped vocabulary is measured
/// in PlannerIOTests/TaxonomyMatchingTests on labelled feeds).
@Suite struct MatchingRuleTests {
    static let taxonomy = Taxonomy(
        groups: [
            TaxonomyEntry(id: "all-patients", kind: .group, name: "All", phrases: ["sleep", "walking"], onlyAlone: true),
            TaxonomyEntry(id: "children-5-15", kind: .group, name: "Children", titlePhrases: ["children"], negative: ["children in need"]),
            TaxonomyEntry(id: "smokers", kind: .group, name: "Smokers", phrases: ["smoking", "lung cancer"], brands: ["Stoptober"], categories: ["Smoking"]),
            TaxonomyEntry(id: "stroke-tia", kind: .group, name: "Stroke", phrases: ["stroke"], negative: ["heat stroke"]),
            TaxonomyEntry(id: "cancer", kind: .group, name: "Cancer", phrases: ["cancer"], negative: ["lung"]),
            TaxonomyEntry(id: "diabetes", kind: .group, name: "Diabetes", phrases: ["diabetes"], categories: ["Diabetes"]),
        ],
        services: [
            TaxonomyEntry(id: "smoking-cessation", kind: .service, name: "Stop smoking", phrases: ["stop smoking"], brands: ["Stoptober"]),
            TaxonomyEntry(id: "diabetes-review", kind: .service, name: "Diabetes review", phrases: ["diabetes"]),
        ],
        notForPatients: ["nurses day"],
        nonHealthCategories: ["Cultural day", "Environment"],
        spellings: ["tumor": "tumour"])

    static func day(
        _ title: String, description: String? = nil, categories: [String] = [], groups: [String]? = nil, services: [String]? = nil
    ) -> CleanOccurrence {
        let d = CivilDate(year: 2027, month: 10, day: 1)
        return CleanOccurrence(
            Occurrence(
                uid: "u", title: title, start: .date(d), end: .date(d.adding(days: 1)), timezone: nil, categories: categories,
                source: SourceLocation(path: "t.ics", line: 1), description: description,
                explicitGroups: groups, explicitServices: services))
    }

    let matcher = Matcher(taxonomy: MatchingRuleTests.taxonomy)

    @Test func brandInTitleWithCategoryAndDescriptionAddsConfidence() {
        let r = matcher.match(Self.day("Stoptober 2027", description: "<p>Stop smoking for 28 days</p>", categories: ["Smoking"]))
        #expect(r.groupIds == ["smokers"])
        #expect(r.serviceIds == ["smoking-cessation"])
        #expect(r.groups[0].score == 1.0)  // 0.8 title + 0.1 category + 0.1 description
        #expect(r.services[0].score == 0.9)  // no category hint for the service
        #expect(
            r.why == [
                "smokers: title brand \"Stoptober\"; category \"Smoking\"; description phrase \"smoking\"",
                "smoking-cessation: title brand \"Stoptober\"; description phrase \"stop smoking\"",
            ])
        #expect(r.score == 1.0)
    }

    @Test func whenTheTitleNamesATopicTheDescriptionAddsNoNewIds() {
        let r = matcher.match(Self.day("World Stroke Day", description: "Smoking and diabetes raise the risk."))
        #expect(r.groupIds == ["stroke-tia"])
        #expect(r.serviceIds.isEmpty)
    }

    @Test func aGenericTitleFallsBackToTheDescription() {
        let r = matcher.match(Self.day("Awareness Day", description: "A day about diabetes.", categories: ["Diabetes"]))
        #expect(r.groupIds == ["diabetes"])
        #expect(r.serviceIds == ["diabetes-review"])
        #expect(r.groups[0].score == 0.7)  // 0.5 description + 0.2 category
        #expect(r.services[0].score == 0.5)
    }

    @Test func risksNamedInADescriptionAreNotTheTopic() {
        let r = matcher.match(Self.day("Salt Week", description: "Too much salt raises the risk of stroke."))
        #expect(r.groupIds.isEmpty)
    }

    @Test func titleOnlyPhrasesDoNotCountInDescriptions() {
        #expect(matcher.match(Self.day("World Book Day", description: "Reading for children.")).groupIds.isEmpty)
        #expect(matcher.match(Self.day("Children's Week")).groupIds == ["children-5-15"])
    }

    @Test func negativePhrasesRuleAnEntryOut() {
        let lung = matcher.match(Self.day("Lung Cancer Awareness Month"))
        #expect(lung.groupIds == ["smokers"])
        #expect(lung.why.contains("not cancer: the title names \"lung\""))
        #expect(matcher.match(Self.day("Heat Stroke Awareness")).groupIds.isEmpty)
        #expect(matcher.match(Self.day("Children in Need")).groupIds.isEmpty)
    }

    @Test func theCatchAllGroupGivesWayToSpecificGroups() {
        #expect(matcher.match(Self.day("World Sleep Day")).groupIds == ["all-patients"])
        let r = matcher.match(Self.day("Walking for children"))
        #expect(r.groupIds == ["children-5-15"])
        #expect(r.why.contains("not all-patients: more specific groups matched"))
    }

    @Test func staffDaysAndNonHealthDaysMatchNothing() {
        let nurses = matcher.match(Self.day("International Nurses Day 2027", description: "Nurses help people stop smoking."))
        #expect(nurses.groupIds.isEmpty && nurses.serviceIds.isEmpty)
        #expect(nurses.score == 0)
        #expect(nurses.why == ["not for patients: the title names \"nurses day\" (a staff or profession day)"])
        let burns = matcher.match(Self.day("Burns Night", description: "Haggis, and a talk on diabetes.", categories: ["Cultural day"]))
        #expect(burns.groupIds.isEmpty)
        #expect(burns.why == ["not about health: category \"Cultural day\" and no health topic in the title"])
        let quiet = matcher.match(Self.day("Photography Day"))
        #expect(quiet.why == ["no health topic found in the title, description or categories"])
    }

    @Test func explicitPropertiesLabelTheWholeDay() {
        let r = matcher.match(Self.day("Stoptober", groups: ["diabetes", "no-such-group"]))
        #expect(r.groupIds == ["diabetes"])
        #expect(r.groups[0].score == 1)
        #expect(r.serviceIds == [])  // X-GP-GROUPS present, X-GP-SERVICES absent: labelled "no services"
        let servicesOnly = matcher.match(Self.day("Stoptober", services: ["smoking-cessation"]))
        #expect(servicesOnly.groupIds == [])
        #expect(servicesOnly.serviceIds == ["smoking-cessation"])
        let unlabelled = matcher.match(Self.day("Stoptober"))
        #expect(unlabelled.groupIds == ["smokers"])
        #expect(unlabelled.serviceIds == ["smoking-cessation"])
        #expect(r.why.first == "diabetes: X-GP-GROUPS")
        #expect(r.why.contains("X-GP-GROUPS: ignored unknown group id \"no-such-group\""))
        let none = matcher.match(Self.day("Stoptober", groups: [], services: []))
        #expect(none.groupIds.isEmpty && none.serviceIds.isEmpty)
    }

    @Test func idsComeOutInTaxonomyOrder() {
        let r = matcher.match(Self.day("Diabetes and stop smoking day", groups: ["diabetes", "smokers"]))
        #expect(r.groupIds == ["smokers", "diabetes"])
        let vocabulary = matcher.match(Self.day("Diabetes and stop smoking day"))
        #expect(vocabulary.serviceIds == ["smoking-cessation", "diabetes-review"])
    }
}

@Suite struct MatchingTextTests {
    @Test func tokensFoldCasePossessivesPluralsAndSpellings() {
        let t = MatchText(spellings: ["tumor": "tumour", "mens": "men"])
        #expect(t.tokens("Men's Health & Carers' Week") == ["men", "health", "and", "carer", "week"])
        #expect(t.tokens("World Immunization Week") == ["world", "immunisation", "week"])
        #expect(t.tokens("Brain Tumor Allergies") == ["brain", "tumour", "allergy"])
        #expect(t.tokens("Mens health, Alzheimer’s, Café") == ["men", "health", "alzheimer", "cafe"])
        #expect(t.tokens("World AIDS Day; stress") == ["world", "aids", "day", "stress"])
        #expect(t.tokens("#TimeToTalkDay and McDonald") == ["time", "to", "talk", "day", "and", "mcdonald"])
    }
}

@Suite struct MatchingScoringTests {
    @Test func microF1CountsPairsAndIgnoresUnknownIds() {
        let valid: Set = ["a", "b", "c"]
        let gold = [("e1", "a"), ("e1", "b"), ("e2", "c"), ("e2", "not-in-taxonomy")]
        let predicted = [("e1", "a"), ("e2", "c"), ("e2", "c"), ("e3", "b"), ("e3", "invented")]
        let s = MatchScoring.microF1(
            predicted: predicted.map { (uid: $0.0, id: $0.1) }, gold: gold.map { (uid: $0.0, id: $0.1) }, validIds: valid)
        // Predicted pairs {e1:a, e2:c, e3:b}; gold {e1:a, e1:b, e2:c}; 2 true positives.
        #expect(abs(s.precision - 2.0 / 3.0) < 1e-12)
        #expect(abs(s.recall - 2.0 / 3.0) < 1e-12)
        #expect(abs(s.f1 - 2.0 / 3.0) < 1e-12)
    }

    @Test func emptyCases() {
        #expect(MatchScoring.microF1(predicted: [], gold: [], validIds: ["a"]) == (1, 1, 1))
        let none = MatchScoring.microF1(predicted: [], gold: [(uid: "e", id: "a")], validIds: ["a"])
        #expect(none.precision == 0 && none.recall == 0 && none.f1 == 0)
    }
}
