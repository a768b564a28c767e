import PlannerCore

/// Fictional people drawn from a `PeopleModel`, for checking the planner's people counts and
/// contact rules person by person (issue 10, acceptance). Every person is made up: a sex, a
/// single year of age, and membership of each register drawn independently within the
/// person's sex and age (the assumption the estimator states). No real patient data.
public struct SyntheticPopulation: Sendable {
    public struct Person: Sendable, Hashable {
        public var sex: Sex
        public var age: Int
        /// Indices into `groupIDs` of the groups the person is in.
        public var groups: Set<Int>
        /// Exclusion states the person is in (indices into `exclusionIDs`).
        public var excluded: Set<Int>
    }

    public var people: [Person]
    /// Group ids, sorted (person membership refers to these indices).
    public var groupIDs: [String]
    public var exclusionIDs: [String]
    /// Index of each group and exclusion id (lookups only).
    private var groupIndex: [String: Int] = [:]
    private var exclusionIndex: [String: Int] = [:]

    /// Draws the list of `model.grid` with a fixed seed: each band's people get the band's
    /// single years of age in turn; register and exclusion membership is drawn per person.
    public init(model: PeopleModel, list: PatientList, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        groupIDs = model.groups.keys.sorted()
        exclusionIDs = model.exclusionShare.keys.sorted()
        var people: [Person] = []
        for sex in [Sex.female, .male] {
            for band in AgeBand.all {
                let n = list.count(sex, band)
                let ages = Array(band.singleYears)
                for i in 0..<n {
                    let age = ages[i % ages.count]
                    var groups = Set<Int>()
                    for (gi, id) in groupIDs.enumerated() {
                        let p = model.groups[id]!.probability(sex, age: age)
                        if p >= 1 || (p > 0 && rng.chance(p)) { groups.insert(gi) }
                    }
                    var excluded = Set<Int>()
                    for (ei, id) in exclusionIDs.enumerated() where rng.chance(model.exclusionShare[id] ?? 0) {
                        excluded.insert(ei)
                    }
                    people.append(Person(sex: sex, age: age, groups: groups, excluded: excluded))
                }
            }
        }
        self.people = people
        for (i, id) in groupIDs.enumerated() { groupIndex[id] = i }
        for (i, id) in exclusionIDs.enumerated() { exclusionIndex[id] = i }
    }

    /// True when `person` is selected by `rule`.
    public func selects(_ rule: AudienceRule, _ person: Person) -> Bool {
        if let s = rule.sex, s != person.sex { return false }
        guard rule.covers(age: person.age), let gi = groupIndex[rule.group], person.groups.contains(gi)
        else { return false }
        for e in rule.exclude {
            if let ei = exclusionIndex[e], person.excluded.contains(ei) { return false }
            if let gi = groupIndex[e], person.groups.contains(gi) { return false }
        }
        return true
    }

    /// True when `person` is in group `id`.
    public func isMember(_ person: Person, of id: String) -> Bool {
        groupIndex[id].map { person.groups.contains($0) } ?? false
    }

    /// Indices of the people selected by at least one of `rules`.
    public func selected(by rules: [AudienceRule]) -> [Int] {
        people.indices.filter { i in rules.contains { selects($0, people[i]) } }
    }
}
