/// The practice's list as people per sex and single year of age, the unit in which the
/// planner counts who an item reaches (issue 10, "people counted once").
///
/// NHS Digital publishes list sizes in five-year bands; within a band ages are taken to be
/// spread evenly by single year, and the open 90+ band is spread over 90 to 99 (the same
/// assumption as `AgeBand.fraction(minAge:maxAge:)`). Counts only: never patients.
public struct PeopleGrid: Sendable, Hashable, Codable {
    /// The oldest single year of age the grid holds (the 90+ band is spread over 90...99).
    public static let oldestAge = 99
    /// Ages 0...oldestAge.
    public static let ageCount = oldestAge + 1

    /// People per single year of age, `[sexIndex][age]` with `Sex.index` (female 0, male 1).
    public private(set) var people: [[Double]]

    public init(list: PatientList) {
        var people = Array(repeating: Array(repeating: 0.0, count: Self.ageCount), count: 2)
        for sex in Sex.allCases {
            for band in AgeBand.all {
                let ages = band.singleYears
                let n = Double(list.count(sex, band)) / Double(ages.count)
                for age in ages { people[sex.index][age] = n }
            }
        }
        self.people = people
    }

    /// People of `sex` aged `age` (0 outside the grid).
    public func count(_ sex: Sex, age: Int) -> Double {
        guard (0...Self.oldestAge).contains(age) else { return 0 }
        return people[sex.index][age]
    }

    /// People of `sex` in `band`.
    public func count(_ sex: Sex, band: AgeBand) -> Double {
        band.singleYears.reduce(0) { $0 + people[sex.index][$1] }
    }

    /// Everybody on the list.
    public var total: Double { people.reduce(0) { $0 + $1.reduce(0, +) } }
}

extension AgeBand {
    /// The single years of age the band covers in a `PeopleGrid` (90+ is 90...99).
    public var singleYears: ClosedRange<Int> { lowerAge...(upperAge ?? PeopleGrid.oldestAge) }
}

extension Sex {
    /// Fixed index used in per-sex arrays: female 0, male 1.
    public var index: Int { self == .female ? 0 : 1 }
}

/// Who belongs to one patient group, as a probability per sex and single year of age.
///
/// Groups defined by age and sex (women 25-64, adults 65+) are exact sets: the probability is
/// 1 inside the group's ages and sex and 0 outside. A register or coded cohort is known only by
/// its count per age band (see `GroupSize`): within the ages the group covers, each person of
/// a band belongs with probability (group people in the band) / (list people of those ages in
/// the band), the same for both sexes unless the group is for one sex.
public struct GroupMembership: Sendable, Hashable, Codable {
    public var id: String
    /// `[sexIndex][age]`, each in 0...1.
    public private(set) var probability: [[Double]]
    /// True for groups defined by age and sex only (every probability is 0 or 1).
    public var isExactSet: Bool

    /// An age-and-sex group: everybody of `sex` (nil: both) aged `minAge...maxAge` (nil: no limit).
    public init(exactSet id: String, minAge: Int, maxAge: Int?, sex: Sex?) {
        self.id = id
        isExactSet = true
        var p = Array(repeating: Array(repeating: 0.0, count: PeopleGrid.ageCount), count: 2)
        for s in Sex.allCases where sex == nil || sex == s {
            let hi = min(maxAge ?? PeopleGrid.oldestAge, PeopleGrid.oldestAge)
            if minAge <= hi { for age in max(0, minAge)...hi { p[s.index][age] = 1 } }
        }
        probability = p
    }

    /// A register or cohort of `byBand` people per age band (`AgeBand.all` order), covering
    /// ages `minAge...maxAge` of `sex` (nil: both) on the list `grid`.
    public init(register id: String, byBand: [Double], minAge: Int, maxAge: Int?, sex: Sex?, grid: PeopleGrid) {
        precondition(byBand.count == AgeBand.count, "one count per age band")
        self.id = id
        isExactSet = false
        var p = Array(repeating: Array(repeating: 0.0, count: PeopleGrid.ageCount), count: 2)
        let hi = min(maxAge ?? PeopleGrid.oldestAge, PeopleGrid.oldestAge)
        for band in AgeBand.all where byBand[band.index] > 0 {
            let ages = band.singleYears.filter { $0 >= minAge && $0 <= hi }
            var eligible = 0.0
            for s in Sex.allCases where sex == nil || sex == s {
                for age in ages { eligible += grid.count(s, age: age) }
            }
            guard eligible > 0 else { continue }
            let share = min(1, byBand[band.index] / eligible)
            for s in Sex.allCases where sex == nil || sex == s {
                for age in ages { p[s.index][age] = share }
            }
        }
        probability = p
    }

    public func probability(_ sex: Sex, age: Int) -> Double {
        guard (0...PeopleGrid.oldestAge).contains(age) else { return 0 }
        return probability[sex.index][age]
    }

    /// Expected people in the group on `grid`.
    public func size(on grid: PeopleGrid) -> Double {
        var n = 0.0
        for s in Sex.allCases {
            for age in 0...PeopleGrid.oldestAge { n += probability[s.index][age] * grid.count(s, age: age) }
        }
        return n
    }
}
