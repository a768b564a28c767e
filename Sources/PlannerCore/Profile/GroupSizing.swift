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

/// The size of group `id` in `profile`, sized as `taxonomy` says (the group's `sizedFrom`).
///
/// Returns nil for an id that is not a group of `taxonomy`, a group without `sizedFrom`, or a
/// register or cohort the profile records no count for.
public func size(ofGroup id: String, in profile: PracticeProfile, taxonomy: Taxonomy) -> GroupSize? {
    guard let entry = taxonomy.groups.first(where: { $0.id == id }), let rule = entry.sizedFrom else { return nil }
    return size(ofGroup: id, sizedFrom: rule, in: profile)
}

/// The size of group `id` in `profile` under the sizing rule `rule`, in total and per age band.
///
/// - `listSize`, `ageBand` and `sexAge` groups come from the list: bands wholly inside the
///   group count fully, and a band a cut point falls inside counts in proportion to the single
///   years of age it shares with the group (ages spread evenly within a band).
/// - `register` and `cohort` groups come from their recorded count. The count is split into
///   an aged-75+ part (the profile's `share75Plus`, or `rule.share75Plus(of:in:)`) and a
///   younger part; each part is spread over its bands in proportion to the list's patients of
///   the ages the rule covers (`minAge`...`maxAge`).
///
/// Returns nil for a register or cohort the profile records no count for.
public func size(ofGroup id: String, sizedFrom rule: GroupSizing, in profile: PracticeProfile) -> GroupSize? {
    switch rule.basis {
    case .listSize, .ageBand, .sexAge:
        let sex = rule.basis == .sexAge ? rule.sex.flatMap { Sex(rawValue: $0.rawValue) } : nil
        let byBand = profile.list.population(minAge: rule.youngest, maxAge: rule.maxAge, sex: sex)
        return GroupSize(id: id, count: byBand.reduce(0, +), byBand: byBand)
    case .register, .cohort:
        guard let recorded = profile.recordedCount(ofGroup: id) else { return nil }
        return spread(recorded, rule, over: profile.list)
    }
}

/// A register or cohort count spread over the age bands `rule` covers (see `size(ofGroup:sizedFrom:in:)`).
private func spread(_ recorded: GroupCount, _ rule: GroupSizing, over list: PatientList) -> GroupSize {
    let share = min(1, max(0, rule.share75Plus(of: recorded, in: list)))
    let eligible = list.population(minAge: rule.youngest, maxAge: rule.maxAge)
    let total = Double(recorded.count)
    var byBand = Array(repeating: 0.0, count: AgeBand.count)
    for older in [true, false] {
        let part = older ? total * share : total * (1 - share)
        guard part > 0 else { continue }
        let bands = AgeBand.all.filter {
            $0.is75Plus == older && $0.fraction(minAge: rule.youngest, maxAge: rule.maxAge) > 0
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
    return GroupSize(id: recorded.id, count: total, byBand: byBand)
}

extension GroupSizing {
    /// The youngest age the rule counts (`minAge`, 0 when not given).
    public var youngest: Int { minAge ?? 0 }

    /// True when the rule's ages include anyone aged 75 or over.
    public var reaches75: Bool { maxAge.map { $0 >= 75 } ?? true }

    /// The share aged 75+ used for a register or cohort: the profile's own figure when given,
    /// otherwise estimated from the list with `rate75Plus`: share = pop75+ x r / (pop75+ x r +
    /// younger pop), over the ages the rule covers, so that a young list gets a small share and
    /// an old list a large one. 0 when the rule gives no rate (taxonomy validation requires one
    /// wherever the ages reach 75).
    public func share75Plus(of count: GroupCount, in list: PatientList) -> Double {
        if let s = count.share75Plus { return s }
        guard let rate = rate75Plus else { return 0 }
        let pop = list.population(minAge: youngest, maxAge: maxAge)
        var older = 0.0
        var younger = 0.0
        for band in AgeBand.all {
            if band.is75Plus { older += pop[band.index] } else { younger += pop[band.index] }
        }
        let weighted = older * rate
        return weighted + younger > 0 ? weighted / (weighted + younger) : 0
    }
}
