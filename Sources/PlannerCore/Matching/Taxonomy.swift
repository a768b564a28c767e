/// The planner's patient groups and practice services (ids from Sources/PlannerIO/Resources/taxonomy.yaml),
/// with what the matcher needs to recognise them in a calendar. Plain values: the YAML
/// loader lives in PlannerIO (`Taxonomy.load(bundled:extra:)`).
public struct Taxonomy: Sendable, Hashable, Codable {
    /// Patient groups, in taxonomy order (the order of the file; the matcher reports ids in it).
    public var groups: [TaxonomyEntry]
    /// Practice services, in taxonomy order.
    public var services: [TaxonomyEntry]
    /// Title phrases that mark a day as being about staff or a profession, not patients
    /// ("International Nurses Day"): such a day matches nothing unless it has explicit ids.
    public var notForPatients: [String]
    /// Category names that mark a day as not about health ("Cultural day", "Environment").
    /// Used only when the title names no health topic: then such a category stops the
    /// description from being searched.
    public var nonHealthCategories: [String]
    /// Word spellings folded before matching (US to UK, plurals the stemmer misses):
    /// `tumor: tumour`.
    public var spellings: [String: String]

    public init(
        groups: [TaxonomyEntry], services: [TaxonomyEntry], notForPatients: [String] = [],
        nonHealthCategories: [String] = [], spellings: [String: String] = [:]
    ) {
        self.groups = groups
        self.services = services
        self.notForPatients = notForPatients
        self.nonHealthCategories = nonHealthCategories
        self.spellings = spellings
    }

    /// Groups then services, in taxonomy order.
    public var entries: [TaxonomyEntry] { groups + services }

    public var groupIds: [String] { groups.map(\.id) }
    public var serviceIds: [String] { services.map(\.id) }

    /// The group, else the service, with this id (without building `entries`).
    public func entry(_ id: String) -> TaxonomyEntry? {
        groups.first { $0.id == id } ?? services.first { $0.id == id }
    }

    /// This taxonomy extended or overridden by `overlay` (from `--taxonomy FILE`): an entry
    /// with a known id replaces the fields the overlay sets and keeps the others; a new id
    /// is appended to its section. List settings (`notForPatients`, `nonHealthCategories`)
    /// are extended; `spellings` are added or replaced word by word.
    public func applying(_ overlay: TaxonomyOverlay) -> Taxonomy {
        var result = self
        for patch in overlay.entries {
            switch patch.kind {
            case .group:
                if let i = result.groups.firstIndex(where: { $0.id == patch.id }) {
                    result.groups[i] = patch.applied(to: result.groups[i])
                } else {
                    result.groups.append(patch.applied(to: TaxonomyEntry(id: patch.id, kind: .group, name: patch.id)))
                }
            case .service:
                if let i = result.services.firstIndex(where: { $0.id == patch.id }) {
                    result.services[i] = patch.applied(to: result.services[i])
                } else {
                    result.services.append(patch.applied(to: TaxonomyEntry(id: patch.id, kind: .service, name: patch.id)))
                }
            }
        }
        for p in overlay.notForPatients where !result.notForPatients.contains(p) { result.notForPatients.append(p) }
        for c in overlay.nonHealthCategories where !result.nonHealthCategories.contains(c) {
            result.nonHealthCategories.append(c)
        }
        for (k, v) in overlay.spellings { result.spellings[k] = v }
        return result
    }
}

/// One group or service.
public struct TaxonomyEntry: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case group, service
    }

    /// Canonical id (lower-case, hyphenated), e.g. `adults-40-74`.
    public var id: String
    public var kind: Kind
    /// Short human name, e.g. "Adults aged 40-74".
    public var name: String
    /// Who is in the group, or what the service is.
    public var definition: String
    /// Groups only: how the group is sized from a practice profile.
    public var sizedFrom: GroupSizing?
    /// Services only: the groups the service is mainly for.
    public var mainGroups: [String]
    /// Topic phrases: they count in the title, and in the description when the title names
    /// no topic at all ("diabetes", "blood pressure").
    public var phrases: [String]
    /// Phrases that count only in the title: demographic words that descriptions use
    /// loosely ("women", "children", "older people").
    public var titlePhrases: [String]
    /// Campaign brands ("Stoptober", "Movember"); counted like phrases and reported as brands.
    public var brands: [String]
    /// Category names that hint at this entry ("Heart health"); they corroborate a match.
    public var categories: [String]
    /// Phrases that rule this entry out when they appear in the same text as the match
    /// ("lung cancer" rules out the general `cancer` register).
    public var negative: [String]
    /// True for a catch-all group (`all-patients`): it is dropped whenever a more specific
    /// group matches (the taxonomy's rule: "never added on top of specific groups").
    public var onlyAlone: Bool

    public init(
        id: String, kind: Kind, name: String, definition: String = "", sizedFrom: GroupSizing? = nil,
        mainGroups: [String] = [], phrases: [String] = [], titlePhrases: [String] = [], brands: [String] = [],
        categories: [String] = [], negative: [String] = [], onlyAlone: Bool = false
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.definition = definition
        self.sizedFrom = sizedFrom
        self.mainGroups = mainGroups
        self.phrases = phrases
        self.titlePhrases = titlePhrases
        self.brands = brands
        self.categories = categories
        self.negative = negative
        self.onlyAlone = onlyAlone
    }
}

/// How a group's size is read from a practice profile (the taxonomy's `sizedFrom`).
public struct GroupSizing: Sendable, Hashable, Codable {
    public enum Basis: String, Sendable, Hashable, Codable, CaseIterable {
        /// The whole list size.
        case listSize
        /// Patients whose age is in `minAge...maxAge` (nil `maxAge`: no upper limit).
        case ageBand
        /// Patients of `sex` whose age is in `minAge...maxAge`.
        case sexAge
        /// A QOF register count (`register`, e.g. "DM").
        case register
        /// A coded cohort count (`cohort`, e.g. "carers").
        case cohort
    }

    public var basis: Basis
    /// Youngest age counted (`ageBand`, `sexAge`), or the youngest age a register or cohort
    /// count is spread over (`register`, `cohort`); nil means 0.
    public var minAge: Int?
    /// Oldest age, inclusive; nil means no upper limit.
    public var maxAge: Int?
    public var sex: Sex?
    /// QOF register code (QOF business rules' abbreviation, e.g. "HYP", "DM", "STIA").
    public var register: String?
    /// The key under `cohorts` in a practice profile, e.g. "carers", "careHomeResidents".
    public var cohort: String?
    /// Registers and cohorts: how many times more common the condition (or cohort) is among
    /// patients aged 75 and over than among younger patients of the covered ages. Splits a
    /// count into a 75+ part and a younger part when the profile gives no `share75Plus`.
    public var rate75Plus: Double?

    public init(
        basis: Basis, minAge: Int? = nil, maxAge: Int? = nil, sex: Sex? = nil, register: String? = nil,
        cohort: String? = nil, rate75Plus: Double? = nil
    ) {
        self.basis = basis
        self.minAge = minAge
        self.maxAge = maxAge
        self.sex = sex
        self.register = register
        self.cohort = cohort
        self.rate75Plus = rate75Plus
    }
}

/// Changes to a taxonomy read from a `--taxonomy FILE`: each patch sets only the fields it names.
public struct TaxonomyOverlay: Sendable, Hashable {
    public struct Patch: Sendable, Hashable {
        public var id: String
        public var kind: TaxonomyEntry.Kind
        public var name: String?
        public var definition: String?
        public var sizedFrom: GroupSizing?
        public var mainGroups: [String]?
        public var phrases: [String]?
        public var titlePhrases: [String]?
        public var brands: [String]?
        public var categories: [String]?
        public var negative: [String]?
        public var onlyAlone: Bool?

        public init(id: String, kind: TaxonomyEntry.Kind) {
            self.id = id
            self.kind = kind
        }

        public func applied(to e: TaxonomyEntry) -> TaxonomyEntry {
            var r = e
            if let name { r.name = name }
            if let definition { r.definition = definition }
            if let sizedFrom { r.sizedFrom = sizedFrom }
            if let mainGroups { r.mainGroups = mainGroups }
            if let phrases { r.phrases = phrases }
            if let titlePhrases { r.titlePhrases = titlePhrases }
            if let brands { r.brands = brands }
            if let categories { r.categories = categories }
            if let negative { r.negative = negative }
            if let onlyAlone { r.onlyAlone = onlyAlone }
            return r
        }
    }

    public var entries: [Patch]
    public var notForPatients: [String]
    public var nonHealthCategories: [String]
    public var spellings: [String: String]

    public init(
        entries: [Patch] = [], notForPatients: [String] = [], nonHealthCategories: [String] = [],
        spellings: [String: String] = [:]
    ) {
        self.entries = entries
        self.notForPatients = notForPatients
        self.nonHealthCategories = nonHealthCategories
        self.spellings = spellings
    }
}
