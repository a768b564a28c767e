/// How many patients of one group a practice has, in total and per five-year age band.
///
/// Counts per band are fractional where a group's age limit falls inside a band (see
/// `AgeBand.fraction(minAge:maxAge:)`) or where a register is spread over bands; they add
/// up to `count`.
public struct GroupSize: Sendable, Hashable, Codable {
    public var id: String
    /// Patients in the group (exact for registers and cohorts, apportioned for age groups).
    public var count: Double
    /// Patients per band, `AgeBand.all` order.
    public var byBand: [Double]

    public init(id: String, count: Double, byBand: [Double]) {
        self.id = id
        self.count = count
        self.byBand = byBand
    }

    /// `count` rounded to whole patients (halves away from zero).
    public var roundedCount: Int { Int(count.rounded()) }

    public func count(in band: AgeBand) -> Double { byBand[band.index] }

    /// Share of the group aged 75 and over (0 for an empty group).
    public var share75Plus: Double {
        guard count > 0 else { return 0 }
        return AgeBand.all.filter(\.is75Plus).reduce(0) { $0 + byBand[$1.index] } / count
    }
}

/// The ages and sex of each group sized from the list (taxonomy.md, "sized from": age band / sex x age).
/// Ages are inclusive; nil `maxAge` means no upper limit.
public enum AgeSexRule {
    public struct Rule: Sendable, Hashable {
        public var minAge: Int
        public var maxAge: Int?
        public var sex: Sex?
    }

    public static func rule(forGroup id: String) -> Rule? {
        switch id {
        case "all-patients": return Rule(minAge: 0, maxAge: nil, sex: nil)
        case "under-5s": return Rule(minAge: 0, maxAge: 4, sex: nil)
        case "children-5-15": return Rule(minAge: 5, maxAge: 15, sex: nil)
        case "young-people-16-24": return Rule(minAge: 16, maxAge: 24, sex: nil)
        case "adults-40-74": return Rule(minAge: 40, maxAge: 74, sex: nil)
        case "adults-50-74": return Rule(minAge: 50, maxAge: 74, sex: nil)
        case "adults-65-plus": return Rule(minAge: 65, maxAge: nil, sex: nil)
        case "adults-75-plus": return Rule(minAge: 75, maxAge: nil, sex: nil)
        case "men": return Rule(minAge: 0, maxAge: nil, sex: .male)
        case "women": return Rule(minAge: 0, maxAge: nil, sex: .female)
        case "men-50-plus": return Rule(minAge: 50, maxAge: nil, sex: .male)
        case "women-25-64": return Rule(minAge: 25, maxAge: 64, sex: .female)
        // Breast screening invites women aged 50 up to their 71st birthday; taxonomy.md
        // names the group 50-71, so ages 50 to 71 inclusive: 70-74 counts 2/5.
        case "women-50-71": return Rule(minAge: 50, maxAge: 71, sex: .female)
        default: return nil
        }
    }
}

/// The size of group `id` in `profile`, in total and per age band.
///
/// - Age and sex groups come from the list: bands wholly inside the group count fully, and a
///   band a cut point falls inside counts in proportion to the single years of age it shares
///   with the group (ages spread evenly within a band).
/// - Registers and cohorts come from their recorded count. The count is split into an aged-75+
///   part (the profile's `share75Plus`, or `ProfileDefaults.share75Plus(of:in:)`) and a younger
///   part; each part is spread over its bands in proportion to the list's patients of the ages
///   the group covers (`ProfileDefaults.ageProfiles`).
///
/// Returns nil for an id that is not a canonical group, or a register or cohort the profile
/// records no count for.
public func size(ofGroup id: String, in profile: PracticeProfile) -> GroupSize? {
    if let rule = AgeSexRule.rule(forGroup: id) {
        let byBand = profile.list.population(minAge: rule.minAge, maxAge: rule.maxAge, sex: rule.sex)
        return GroupSize(id: id, count: byBand.reduce(0, +), byBand: byBand)
    }
    guard let recorded = profile.recordedCount(ofGroup: id) else { return nil }
    let age =
        ProfileDefaults.ageProfiles[id]
        ?? ProfileDefaults.AgeProfile(minAge: 0, maxAge: nil, ageSource: "all ages", relativeRate75Plus: 1)
    let share = min(1, max(0, ProfileDefaults.share75Plus(of: recorded, in: profile.list)))
    let eligible = profile.list.population(minAge: age.minAge, maxAge: age.maxAge)
    let total = Double(recorded.count)
    var byBand = Array(repeating: 0.0, count: AgeBand.count)
    for older in [true, false] {
        let part = older ? total * share : total * (1 - share)
        guard part > 0 else { continue }
        let bands = AgeBand.all.filter {
            $0.is75Plus == older && $0.fraction(minAge: age.minAge, maxAge: age.maxAge) > 0
        }
        guard !bands.isEmpty else { continue }
        let weights = bands.map { eligible[$0.index] }
        let sum = weights.reduce(0, +)
        // With nobody of those ages on the list, spread the part evenly over the bands
        // (the validator warns about such a profile).
        for (band, w) in zip(bands, weights) {
            byBand[band.index] = sum > 0 ? part * w / sum : part / Double(bands.count)
        }
    }
    return GroupSize(id: id, count: total, byBand: byBand)
}
