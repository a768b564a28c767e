/// One line of an item's audience: exactly who receives a text or letter, written so that a
/// practice can type it into its clinical system's search or its messaging tool's batch
/// (issue 10, item 1). An item's audience is a list of these; a person matching any line
/// receives the item once.
public struct AudienceRule: Sendable, Hashable, Codable {
    /// The patient group (taxonomy id) the line selects from.
    public var group: String
    /// Only this sex; nil for both.
    public var sex: Sex?
    /// Youngest age, inclusive.
    public var ageFrom: Int
    /// Oldest age, inclusive; nil for no upper limit.
    public var ageTo: Int?
    /// The date ages are measured on (for cohorts such as "turning 65 by 31 March"); nil
    /// means the send date.
    public var ageOn: CivilDate?
    /// States or groups left out, e.g. "vaccinated-this-season", "screened-3y" (sorted).
    public var exclude: [String]

    /// The state of having a mobile number on record (and not having opted out of texts): a
    /// letter to people aged 75 or over leaves them out, since they get the text (issue 10).
    public static let mobileOnRecord = "mobile-number-on-record"

    /// The line selects children and the message is addressed to their parent or carer.
    public var toParent: Bool

    public init(
        group: String, sex: Sex? = nil, ageFrom: Int = 0, ageTo: Int? = nil, ageOn: CivilDate? = nil,
        exclude: [String] = [], toParent: Bool = false
    ) {
        self.group = group
        self.sex = sex
        self.ageFrom = ageFrom
        self.ageTo = ageTo
        self.ageOn = ageOn
        self.exclude = exclude.sorted()
        self.toParent = toParent
    }

    /// True when `age` is inside the line's ages.
    public func covers(age: Int) -> Bool { age >= ageFrom && age <= (ageTo ?? Int.max) }

    /// True when some person could match both lines: the sexes agree (or one is for both)
    /// and the ages overlap. Any two groups may share people (a person can be on several
    /// registers), so the groups themselves do not separate two lines.
    public func couldShare(with other: AudienceRule) -> Bool {
        if let a = sex, let b = other.sex, a != b { return false }
        let hiA = ageTo ?? Int.max, hiB = other.ageTo ?? Int.max
        return max(ageFrom, other.ageFrom) <= min(hiA, hiB)
    }
}

/// A set of (sex, single year of age) cells of a `PeopleGrid`: the people an audience could
/// contain. Used for the per-person contact rules: two items whose cells meet could reach the
/// same person.
public struct PeopleCells: Sendable, Hashable, Codable {
    /// 2 x 100 bits: bit `sex.index * 100 + age`.
    private var words: [UInt64] = [0, 0, 0, 0]

    public init() {}

    public mutating func insert(_ sex: Sex, age: Int) {
        let bit = sex.index * PeopleGrid.ageCount + age
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    public func contains(_ sex: Sex, age: Int) -> Bool {
        let bit = sex.index * PeopleGrid.ageCount + age
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    public func intersects(_ other: PeopleCells) -> Bool {
        zip(words, other.words).contains { $0 & $1 != 0 }
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public func union(_ other: PeopleCells) -> PeopleCells {
        var out = self
        for i in out.words.indices { out.words[i] |= other.words[i] }
        return out
    }

    /// Cells of `self` inside the ages of `bands`.
    public func restricted(to bands: [AgeBand]) -> PeopleCells {
        var out = PeopleCells()
        forEachBit { bit in
            if bands.contains(AgeBand(age: bit % PeopleGrid.ageCount)) { out.words[bit >> 6] |= 1 << UInt64(bit & 63) }
        }
        return out
    }

    /// The bit numbers of the cells in the set (`sex.index * PeopleGrid.ageCount + age`), in
    /// increasing order, without building an array (the scheduler asks for every date it tries).
    public func forEachBit(_ body: (Int) -> Void) {
        for (w, word) in words.enumerated() {
            var rest = word
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                body(w << 6 + bit)
                rest &= rest - 1
            }
        }
    }

    /// Every cell in the set, female ages first, youngest first.
    public var members: [(sex: Sex, age: Int)] {
        var out: [(Sex, Int)] = []
        for sex in [Sex.female, .male] {
            for age in 0...PeopleGrid.oldestAge where contains(sex, age: age) { out.append((sex, age)) }
        }
        return out
    }
}

/// Distinct people of an audience, per sex and age band.
public struct AudienceCount: Sendable, Hashable {
    /// `[sexIndex][band index]`: expected distinct people selected.
    public var byBand: [[Double]]

    public var total: Double { byBand.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Both sexes in one band.
    public func people(in band: AgeBand) -> Double { byBand[0][band.index] + byBand[1][band.index] }
}

/// The practice's people and groups: counts distinct people of audiences (issue 10, item 3).
///
/// Within one sex and single year of age, people are spread evenly; membership of two
/// registers or cohorts is taken as independent within that cell (ASSUMPTION: no cited figure
/// for how QOF registers overlap by age and sex; age, the main driver of overlap, is already
/// held fixed inside a cell). Groups defined by age and sex are exact sets, so "women" and
/// "women aged 25-64" together count each woman once.
public struct PeopleModel: Sendable, Hashable, Codable {
    public var grid: PeopleGrid
    /// Membership per group id; looked up only, never iterated into output.
    public var groups: [String: GroupMembership]
    /// Share (0...1) of the selected people an exclusion leaves out, by exclusion id, e.g. the
    /// share already screened. An unknown exclusion leaves nobody out in the counts (the
    /// practice's search still applies it), so counts err on the side of more recipients.
    public var exclusionShare: [String: Double]

    public init(grid: PeopleGrid, groups: [GroupMembership], exclusionShare: [String: Double] = [:]) {
        self.grid = grid
        var byID: [String: GroupMembership] = [:]
        for g in groups { byID[g.id] = g }
        self.groups = byID
        self.exclusionShare = exclusionShare
    }

    /// The chance that a person of `sex` aged `age` is selected by `rule`.
    public func chance(_ rule: AudienceRule, _ sex: Sex, age: Int) -> Double {
        if let s = rule.sex, s != sex { return 0 }
        guard rule.covers(age: age), let member = groups[rule.group] else { return 0 }
        return member.probability(sex, age: age) * kept(rule, sex, age: age)
    }

    /// The share of a cell a line's exclusions keep: a state leaves out its share
    /// (`exclusionShare`); a group leaves out its members (independent within the cell).
    func kept(_ rule: AudienceRule, _ sex: Sex, age: Int) -> Double {
        var p = 1.0
        for e in rule.exclude {
            if let group = groups[e] {
                p *= 1 - group.probability(sex, age: age)
            } else {
                p *= 1 - min(1, max(0, exclusionShare[e] ?? 0))
            }
        }
        return p
    }

    /// The chance that a person of `sex` aged `age` is selected by at least one of `rules`.
    public func chance(anyOf rules: [AudienceRule], _ sex: Sex, age: Int) -> Double {
        var missed = 1.0
        for rule in rules {
            let p = chance(rule, sex, age: age)
            if p >= 1 { return 1 }
            missed *= 1 - p
        }
        return 1 - missed
    }

    /// `chance(anyOf:_:age:)` for the cell `cell` of `table`'s rules.
    func chance(anyOf table: RuleCells, cell: Int) -> Double {
        var missed = 1.0
        for j in 0..<table.count {
            let p = table.chance[j * RuleCells.cellCount + cell]
            if p >= 1 { return 1 }
            missed *= 1 - p
        }
        return 1 - missed
    }

    /// Expected distinct people selected by at least one of `rules`, per sex and band.
    public func count(_ rules: [AudienceRule]) -> AudienceCount {
        let table = RuleCells(rules, model: self)
        var byBand = Array(repeating: Array(repeating: 0.0, count: AgeBand.count), count: 2)
        for sex in Sex.allCases {
            for band in AgeBand.all {
                var n = 0.0
                for age in band.singleYears {
                    let people = grid.count(sex, age: age)
                    if people > 0 { n += people * chance(anyOf: table, cell: RuleCells.cell(sex, age: age)) }
                }
                byBand[sex.index][band.index] = n
            }
        }
        return AudienceCount(byBand: byBand)
    }

    /// The cells with any chance of being selected by `rules`.
    public func cells(_ rules: [AudienceRule]) -> PeopleCells {
        let table = RuleCells(rules, model: self)
        var cells = PeopleCells()
        for sex in Sex.allCases {
            for age in 0...PeopleGrid.oldestAge where grid.count(sex, age: age) > 0 {
                if chance(anyOf: table, cell: RuleCells.cell(sex, age: age)) > 0 { cells.insert(sex, age: age) }
            }
        }
        return cells
    }

    /// Expected people of `group` reached at least once by `items`, where each item gives
    /// its audience and the chance that a selected person is reached by it (per band, e.g. a
    /// channel's reach); items are taken as independent. Never more than the group.
    public func reached(
        of group: String, by items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)]
    ) -> Double {
        reached(of: group, byChannel: items.map { (coverage: 1.0, items: [$0]) })
    }

    /// Expected people of `group` reached at least once, where items come in channels: a
    /// person is on a channel with the channel's `coverage` (has a mobile number, follows the
    /// page), the same people for every item of the channel, and then reached by each item
    /// that selects them with the item's chance. Channels are independent. Never more than
    /// the group.
    public func reached(
        of group: String,
        byChannel channels: [(coverage: Double, items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)])]
    ) -> Double {
        reached(of: [group], byChannel: channels)[0]
    }

    /// `reached(of:byChannel:)` for each of `groups`, in order (the items' audiences are
    /// worked out once for all of them).
    public func reached(
        of groups: [String],
        byChannel channels: [(coverage: Double, items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)])]
    ) -> [Double] {
        // Items share audiences (every wave of a campaign, every channel of it): each distinct
        // list of rules is looked at once per cell, and each item's reach once per band.
        var audiences: [[AudienceRule]] = []
        var audienceIndex: [[AudienceRule]: Int] = [:]
        let audienceOf: [[Int]] = channels.map { channel in
            channel.items.map { item in
                if let k = audienceIndex[item.rules] { return k }
                audiences.append(item.rules)
                audienceIndex[item.rules] = audiences.count - 1
                return audiences.count - 1
            }
        }
        let tables = audiences.map { RuleCells($0, model: self) }
        var chosen = [Double](repeating: 0, count: audiences.count)
        var known = [Bool](repeating: false, count: audiences.count)
        // The items one after another, channel by channel: item k's audience, and its reach
        // in band b at `b * itemCount + k`; channel c's items end at `channelEnd[c]`.
        let audienceOfItem = audienceOf.flatMap { $0 }
        let itemCount = audienceOfItem.count
        var channelEnd: [Int] = []
        for channel in channels { channelEnd.append((channelEnd.last ?? 0) + channel.items.count) }
        let coverage = channels.map { min(1, max(0, $0.coverage)) }
        var reachByBand: [Double] = []
        reachByBand.reserveCapacity(AgeBand.count * itemCount)
        for band in AgeBand.all {
            for channel in channels { for item in channel.items { reachByBand.append(min(1, max(0, item.reach(band)))) } }
        }
        return groups.map { (group: String) -> Double in
            guard let member = self.groups[group] else { return 0 }
            let isGroup = audiences.map { $0.map { $0.group == group } }
            var total = 0.0
            for sex in Sex.allCases {
                for band in AgeBand.all {
                    let base = band.index * itemCount
                    for age in band.singleYears {
                        let inGroup = member.probability(sex, age: age)
                        let people = grid.count(sex, age: age)
                        guard inGroup > 0, people > 0 else { continue }
                        for k in known.indices { known[k] = false }
                        var missed = 1.0
                        var i = 0
                        for c in channelEnd.indices {
                            var missedOnChannel = 1.0
                            while i < channelEnd[c] {
                                defer { i += 1 }
                                let r = reachByBand[base + i]
                                guard r > 0 else { continue }
                                let a = audienceOfItem[i]
                                if !known[a] {
                                    chosen[a] = selected(tables[a], isGroup: isGroup[a], cell: RuleCells.cell(sex, age: age))
                                    known[a] = true
                                }
                                missedOnChannel *= 1 - chosen[a] * r
                            }
                            missed *= 1 - coverage[c] * (1 - missedOnChannel)
                        }
                        total += people * inGroup * (1 - missed)
                    }
                }
            }
            return total
        }
    }

    /// `selected(rules, of: group, sex, age:)` for cell `cell` of the rules' table, where
    /// `isGroup[j]` says whether rule j is for the group itself.
    func selected(_ table: RuleCells, isGroup: [Bool], cell: Int) -> Double {
        var notSelected = 1.0
        for j in 0..<table.count {
            let t = j * RuleCells.cellCount + cell
            if isGroup[j] {
                guard table.applies[t] else { continue }
                notSelected *= 1 - table.kept[t]
            } else {
                notSelected *= 1 - table.chance[t]
            }
        }
        return 1 - notSelected
    }

    /// Rules with `chance` and `kept` worked out for every cell (sex and single year of age)
    /// once, so that loops over cells and items look numbers up instead of groups.
    struct RuleCells {
        static let cellCount = 2 * PeopleGrid.ageCount
        static func cell(_ sex: Sex, age: Int) -> Int { sex.index * PeopleGrid.ageCount + age }

        /// How many rules; rule j's cell c is at `j * cellCount + c`.
        let count: Int
        /// `chance(rule, sex, age:)`.
        var chance: [Double] = []
        /// `kept(rule, sex, age:)`.
        var kept: [Double] = []
        /// Whether the rule's sex and ages take in the cell.
        var applies: [Bool] = []

        init(_ rules: [AudienceRule], model: PeopleModel) {
            count = rules.count
            chance = [Double](repeating: 0, count: rules.count * Self.cellCount)
            kept = chance
            applies = [Bool](repeating: false, count: rules.count * Self.cellCount)
            for (j, rule) in rules.enumerated() {
                let member = model.groups[rule.group]
                // As `kept`: per exclusion, the factor it multiplies each cell's share by, in order.
                var factors: [[Double]] = []
                for e in rule.exclude {
                    if let group = model.groups[e] {
                        var f = [Double](repeating: 1, count: Self.cellCount)
                        for sex in Sex.allCases {
                            for age in 0...PeopleGrid.oldestAge { f[Self.cell(sex, age: age)] = 1 - group.probability(sex, age: age) }
                        }
                        factors.append(f)
                    } else {
                        factors.append([Double](repeating: 1 - min(1, max(0, model.exclusionShare[e] ?? 0)), count: Self.cellCount))
                    }
                }
                for sex in Sex.allCases {
                    for age in 0...PeopleGrid.oldestAge {
                        let c = Self.cell(sex, age: age)
                        let t = j * Self.cellCount + c
                        var p = 1.0
                        for f in factors.indices { p *= factors[f][c] }
                        kept[t] = p
                        // As `chance`.
                        if let s = rule.sex, s != sex { continue }
                        guard rule.covers(age: age) else { continue }
                        applies[t] = true
                        if let member { chance[t] = member.probability(sex, age: age) * p }
                    }
                }
            }
        }
    }

    /// The chance that a member of `group` of `sex` aged `age` is selected by any of `rules`:
    /// a line for the group itself selects its members with certainty (the line selects
    /// exactly them); lines for other groups select independently.
    func selected(_ rules: [AudienceRule], of group: String, _ sex: Sex, age: Int) -> Double {
        var notSelected = 1.0
        for rule in rules {
            if rule.group == group {
                if let s = rule.sex, s != sex { continue }
                guard rule.covers(age: age) else { continue }
                notSelected *= 1 - kept(rule, sex, age: age)
            } else {
                notSelected *= 1 - chance(rule, sex, age: age)
            }
        }
        return 1 - notSelected
    }
}
