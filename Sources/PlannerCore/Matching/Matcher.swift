/// One piece of evidence for a matched id.
public struct MatchEvidence: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Source: String, Sendable, Hashable, Codable {
        /// An explicit `X-GP-GROUPS` / `X-GP-SERVICES` property.
        case explicit
        case title
        case description
        case category
    }

    public enum Kind: String, Sendable, Hashable, Codable {
        case property, phrase, brand, category
    }

    public var source: Source
    public var kind: Kind
    /// The phrase, brand, category name or property name that matched (as the taxonomy or file spells it).
    public var text: String

    public init(source: Source, kind: Kind, text: String) {
        self.source = source
        self.kind = kind
        self.text = text
    }

    /// `title phrase "blood pressure"`, `description brand "Wear It Pink"`, `category "Heart health"`, `X-GP-GROUPS`.
    public var description: String {
        switch (source, kind) {
        case (.explicit, _): return text
        case (.category, _): return "category \"\(text)\""
        default: return "\(source.rawValue) \(kind.rawValue) \"\(text)\""
        }
    }
}

/// One matched group or service, with its score and evidence.
public struct IdMatch: Sendable, Hashable, Codable {
    public var id: String
    /// 0...1, in hundredths.
    public var score: Double
    public var evidence: [MatchEvidence]

    public init(id: String, score: Double, evidence: [MatchEvidence]) {
        self.id = id
        self.score = score
        self.evidence = evidence
    }

    /// `blood-pressure-check: title phrase "heart"; category "Heart health"`.
    public var why: String { "\(id): " + evidence.map(\.description).joined(separator: "; ") }
}

/// What one occurrence targets.
public struct MatchResult: Sendable, Hashable, Codable {
    public var uid: String?
    public var title: String
    public var start: EventTime
    /// Matched groups, in taxonomy order.
    public var groups: [IdMatch]
    /// Matched services, in taxonomy order.
    public var services: [IdMatch]
    /// The strongest id score (0 when nothing matched).
    public var score: Double
    /// One line per matched id (groups, then services), then notes on what was ruled out
    /// or why nothing matched.
    public var why: [String]

    public var groupIds: [String] { groups.map(\.id) }
    public var serviceIds: [String] { services.map(\.id) }
}

/// Finds the patient groups and practice services an awareness day targets, from its
/// cleaned title, description and categories, using the taxonomy's vocabulary.
///
/// The rules, in order:
/// 1. Explicit `X-GP-GROUPS` / `X-GP-SERVICES` ids replace the vocabulary for their
///    dimension (unknown ids are ignored and noted in `why`). Score 1.
/// 2. A title naming a staff or profession day (`notForPatients`) matches nothing.
/// 3. Title first: every entry whose phrase, title-only phrase or brand is in the title,
///    unless one of the entry's negative phrases is also in the title. Score 0.8, plus 0.1
///    when a category hints at the same entry and 0.1 when the description names it too.
///    When the title names anything, the description and categories only add confidence,
///    never new ids (promotional descriptions mention many conditions in passing).
/// 4. Only when the title names nothing: if a category says the day is not about health
///    ("Cultural day") and none hints at a health topic, nothing matches. Otherwise entries
///    whose phrase or brand (not title-only phrase) is in the description, minus those ruled
///    out by a negative phrase in the description. Score 0.5, +0.1 per further distinct
///    phrase (up to 0.7), +0.2 when a category agrees. A category alone is not enough.
/// 5. A catch-all group (`onlyAlone`, i.e. `all-patients`) is dropped when any other group matched.
///
/// Explicit properties, for calendars the practice writes itself (third-party feeds never
/// carry them): `X-GP-GROUPS:diabetes,non-diabetic-hyperglycaemia` and
/// `X-GP-SERVICES:diabetes-review`, comma-separated taxonomy ids. When either property is
/// present the day counts as labelled by its author: the other property, when absent or
/// empty, means "none", and the vocabulary is not used for that day.
///
/// Output ids follow taxonomy order (the order of taxonomy.yaml, which follows the tables
/// of the taxonomy), so results are deterministic and read naturally.
public struct Matcher: Sendable {
    public let taxonomy: Taxonomy
    private let text: MatchText
    private let entries: [TaxonomyEntry]
    private let positive: PhraseIndex
    private let negative: PhraseIndex
    private let categoryHints: PhraseIndex
    private let exclusions: PhraseIndex
    private let nonHealth: PhraseIndex

    private enum PhraseKind: Int { case phrase = 0, titleOnly = 1, brand = 2 }

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        let text = MatchText(spellings: taxonomy.spellings)
        self.text = text
        entries = taxonomy.entries
        var pos = PhraseIndex(), neg = PhraseIndex(), cat = PhraseIndex(), exc = PhraseIndex(), non = PhraseIndex()
        for (i, e) in entries.enumerated() {
            for p in e.phrases { pos.add(p, payload: i * 4 + PhraseKind.phrase.rawValue, using: text) }
            for p in e.titlePhrases { pos.add(p, payload: i * 4 + PhraseKind.titleOnly.rawValue, using: text) }
            for p in e.brands { pos.add(p, payload: i * 4 + PhraseKind.brand.rawValue, using: text) }
            for p in e.negative { neg.add(p, payload: i, using: text) }
            for c in e.categories { cat.add(c, payload: i, using: text) }
        }
        for (i, p) in taxonomy.notForPatients.enumerated() { exc.add(p, payload: i, using: text) }
        for (i, c) in taxonomy.nonHealthCategories.enumerated() { non.add(c, payload: i, using: text) }
        positive = pos
        negative = neg
        categoryHints = cat
        exclusions = exc
        nonHealth = non
    }

    /// Matches every occurrence, keeping their order.
    public func match(_ occurrences: [CleanOccurrence]) -> [MatchResult] { occurrences.map(match) }

    public func match(_ o: CleanOccurrence) -> MatchResult {
        var notes: [String] = []
        var accepted: [Int: (score: Int, evidence: [MatchEvidence])] = [:]  // entry index -> hundredths

        let titleTokens = text.tokens(o.normalizedTitle)
        let excluded = exclusions.matches(in: titleTokens).first
        if let excluded {
            notes.append("not for patients: the title names \"\(excluded.phrase.text)\" (a staff or profession day)")
        } else {
            accepted = vocabularyMatches(o, titleTokens: titleTokens, notes: &notes)
        }

        // Catch-all groups give way to specific ones.
        let specificGroup = accepted.keys.contains { entries[$0].kind == .group && !entries[$0].onlyAlone }
        if specificGroup {
            for i in accepted.keys.sorted() where entries[i].kind == .group && entries[i].onlyAlone {
                accepted[i] = nil
                notes.append("not \(entries[i].id): more specific groups matched")
            }
        }

        var groups: [IdMatch] = [], services: [IdMatch] = []
        for i in accepted.keys.sorted() {
            let a = accepted[i]!
            let m = IdMatch(id: entries[i].id, score: Double(min(a.score, 100)) / 100, evidence: a.evidence)
            if entries[i].kind == .group { groups.append(m) } else { services.append(m) }
        }
        // A calendar that labels a day with either property has labelled it: the absent sibling
        // means "none" (libical 3.0.16 turns an empty value into an X-LIC-ERROR, so a writer
        // leaves the property out rather than writing it empty).
        if o.explicitGroups != nil || o.explicitServices != nil {
            groups = explicitMatches(o.explicitGroups ?? [], kind: .group, property: "X-GP-GROUPS", notes: &notes)
            services = explicitMatches(
                o.explicitServices ?? [], kind: .service, property: "X-GP-SERVICES", notes: &notes)
        }
        let all = groups + services
        if all.isEmpty, notes.isEmpty { notes.append("no health topic found in the title, description or categories") }
        return MatchResult(
            uid: o.uid, title: o.title, start: o.start, groups: groups, services: services,
            score: all.map(\.score).max() ?? 0, why: all.map(\.why) + notes)
    }

    private func vocabularyMatches(
        _ o: CleanOccurrence, titleTokens: [String], notes: inout [String]
    ) -> [Int: (score: Int, evidence: [MatchEvidence])] {
        let titleHits = hits(in: titleTokens, source: .title, allowTitleOnly: true, notes: &notes)
        let descTokens = text.tokens(o.plainDescription ?? "")
        var descNotes: [String] = []
        let descHits = hits(in: descTokens, source: .description, allowTitleOnly: false, notes: &descNotes)
        var catHits: [Int: [MatchEvidence]] = [:]
        var nonHealthCategory: String?
        for c in o.categories {
            let t = text.tokens(c)
            for (p, _) in categoryHints.matches(in: t) where !(catHits[p.payload]?.contains { $0.text == c } ?? false) {
                catHits[p.payload, default: []].append(MatchEvidence(source: .category, kind: .category, text: c))
            }
            if nonHealthCategory == nil, !nonHealth.matches(in: t).isEmpty { nonHealthCategory = c }
        }

        var result: [Int: (score: Int, evidence: [MatchEvidence])] = [:]
        if !titleHits.isEmpty {
            for (i, ev) in titleHits {
                var score = 80
                var evidence = ev
                if let c = catHits[i] {
                    score += 10
                    evidence += c
                }
                if let d = descHits[i] {
                    score += 10
                    evidence += d
                }
                result[i] = (score, evidence)
            }
            return result
        }
        if let nonHealthCategory, catHits.isEmpty {
            notes.append("not about health: category \"\(nonHealthCategory)\" and no health topic in the title")
            return [:]
        }
        notes += descNotes
        for (i, ev) in descHits {
            let distinct = Set(ev.map { $0.text.lowercased() }).count
            var score = 50 + min(distinct - 1, 2) * 10
            var evidence = ev
            if let c = catHits[i] {
                score += 20
                evidence += c
            }
            result[i] = (score, evidence)
        }
        return result
    }

    /// Entry index -> evidence for the phrases found in `tokens`, minus entries ruled out
    /// by one of their negative phrases in the same text. Evidence is one line per distinct
    /// phrase; a phrase found only inside a longer matched phrase of the same entry
    /// ("smear" inside "smear test") is not listed again. In a description, phrases within
    /// a few words after "risk of" are skipped: "raises the risk of stroke" is not a day
    /// about stroke.
    private func hits(
        in tokens: [String], source: MatchEvidence.Source, allowTitleOnly: Bool, notes: inout [String]
    ) -> [Int: [MatchEvidence]] {
        guard !tokens.isEmpty else { return [:] }
        var riskContext = Set<Int>()
        if source == .description {
            for i in tokens.indices.dropLast() where (tokens[i] == "risk" || tokens[i] == "chance") && tokens[i + 1] == "of" {
                for k in (i + 2)..<min(i + 2 + Self.riskWindow, tokens.count) { riskContext.insert(k) }
            }
        }
        var spans: [Int: [(text: String, kind: MatchEvidence.Kind, range: Range<Int>)]] = [:]
        for (p, range) in positive.matches(in: tokens) {
            let i = p.payload / 4
            guard let kind = PhraseKind(rawValue: p.payload % 4) else { continue }
            if kind == .titleOnly, !allowTitleOnly { continue }
            if riskContext.contains(range.lowerBound) { continue }
            spans[i, default: []].append((p.text, kind == .brand ? .brand : .phrase, range))
        }
        var found: [Int: [MatchEvidence]] = [:]
        for (i, list) in spans {
            var evidence: [MatchEvidence] = []
            var seenTokens = Set<[String]>()
            for m in list {
                let covered = list.contains { o in
                    o.range.count > m.range.count && o.range.lowerBound <= m.range.lowerBound && o.range.upperBound >= m.range.upperBound
                }
                let key = Array(tokens[m.range])
                if covered || seenTokens.contains(key) && m.kind == .phrase { continue }
                seenTokens.insert(key)
                let ev = MatchEvidence(source: source, kind: m.kind, text: m.text)
                if !evidence.contains(ev) { evidence.append(ev) }
            }
            found[i] = evidence
        }
        var ruledOut: [Int: String] = [:]
        for (p, _) in negative.matches(in: tokens) where found[p.payload] != nil && ruledOut[p.payload] == nil {
            ruledOut[p.payload] = p.text
        }
        for i in ruledOut.keys.sorted() {
            found[i] = nil
            notes.append("not \(entries[i].id): the \(source.rawValue) names \"\(ruledOut[i]!)\"")
        }
        return found
    }

    /// How many words after "risk of" are read as risks rather than the day's topic.
    static let riskWindow = 6

    private func explicitMatches(
        _ ids: [String], kind: TaxonomyEntry.Kind, property: String, notes: inout [String]
    ) -> [IdMatch] {
        var out: [IdMatch] = []
        for e in entries where e.kind == kind && ids.contains(e.id) {
            out.append(IdMatch(id: e.id, score: 1, evidence: [MatchEvidence(source: .explicit, kind: .property, text: property)]))
        }
        let known = Set(entries.filter { $0.kind == kind }.map(\.id))
        for id in ids where !known.contains(id) {
            notes.append("\(property): ignored unknown \(kind.rawValue) id \"\(id)\"")
        }
        return out
    }
}
