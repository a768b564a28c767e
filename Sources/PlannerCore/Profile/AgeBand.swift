/// One of the 19 five-year age bands NHS Digital publishes list sizes in:
/// 0-4, 5-9, ..., 85-89 and 90+.
public struct AgeBand: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// 0 for 0-4 ... 18 for 90+.
    public let index: Int

    public static let count = 19

    /// Every band, youngest first.
    public static let all: [AgeBand] = (0..<count).map { AgeBand(index: $0) }

    /// The band holding `age` (90 and over fall in 90+).
    public init(age: Int) { index = max(0, min(AgeBand.count - 1, age / 5)) }

    public init(index: Int) {
        precondition((0..<AgeBand.count).contains(index), "age band index out of range")
        self.index = index
    }

    /// The band written as `label` ("0-4", "90+"), or nil.
    public init?(label: String) {
        guard let i = AgeBand.labels.firstIndex(of: label) else { return nil }
        self.init(index: i)
    }

    /// Every band's label, youngest first.
    public static let labels: [String] = all.map(\.label)

    /// Youngest age in the band.
    public var lowerAge: Int { index * 5 }

    /// Oldest age in the band, nil for the open 90+ band.
    public var upperAge: Int? { index == AgeBand.count - 1 ? nil : index * 5 + 4 }

    /// "0-4" ... "85-89", "90+".
    public var label: String { upperAge.map { "\(lowerAge)-\($0)" } ?? "\(lowerAge)+" }

    public var description: String { label }

    /// True for 75-79, 80-84, 85-89 and 90+.
    public var is75Plus: Bool { lowerAge >= 75 }

    /// The share of this band's patients aged `minAge...maxAge` (nil: no upper limit),
    /// assuming ages are spread evenly by single year inside the band. The open 90+
    /// band is treated as ten years wide (90-99) when a cut falls inside it.
    ///
    /// For example 15-19 counts 4/5 toward ages 16-24 and 70-74 counts 2/5 toward 50-71.
    public func fraction(minAge: Int, maxAge: Int?) -> Double {
        let lo = lowerAge
        let hi = upperAge ?? (lowerAge + 9)
        let from = max(lo, minAge)
        var to = hi
        if let maxAge { to = min(hi, maxAge) }
        if upperAge == nil, maxAge == nil, minAge <= lo { return 1 }
        guard to >= from else { return 0 }
        return Double(to - from + 1) / Double(hi - lo + 1)
    }

    /// Parses a band range written as one band ("75-79"), a span of whole bands
    /// ("65-74", "16-24" is not one: 16 does not start a band) or an open span ("75+").
    /// Returns the bands covered, or nil when the text is not such a range.
    public static func bands(inRange text: String) -> [AgeBand]? {
        if let band = AgeBand(label: text) { return [band] }
        if text.hasSuffix("+") {
            guard let lo = Int(text.dropLast()), lo >= 0, lo % 5 == 0, lo <= 90 else { return nil }
            return all.filter { $0.lowerAge >= lo }
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo % 5 == 0, hi % 5 == 4, lo < hi,
            lo >= 0, hi <= 89
        else { return nil }
        return all.filter { $0.lowerAge >= lo && ($0.upperAge ?? Int.max) <= hi }
    }

    public static func < (a: AgeBand, b: AgeBand) -> Bool { a.index < b.index }
}

/// Registered patients by sex and five-year age band (each array has `AgeBand.count` entries, youngest first).
public struct PatientList: Sendable, Hashable, Codable {
    public var male: [Int]
    public var female: [Int]

    public init(male: [Int], female: [Int]) {
        precondition(male.count == AgeBand.count && female.count == AgeBand.count, "a list needs 19 bands per sex")
        self.male = male
        self.female = female
    }

    public func count(_ sex: Sex, _ band: AgeBand) -> Int {
        sex == .male ? male[band.index] : female[band.index]
    }

    /// Both sexes in one band.
    public func count(_ band: AgeBand) -> Int { male[band.index] + female[band.index] }

    public var total: Int { male.reduce(0, +) + female.reduce(0, +) }

    /// Patients aged `minAge...maxAge` (nil: no upper limit) of `sex` (nil: both), per band,
    /// apportioning bands that a cut point falls inside evenly by single year of age.
    public func population(minAge: Int, maxAge: Int?, sex: Sex? = nil) -> [Double] {
        AgeBand.all.map { band in
            let people: Int
            switch sex {
            case .male: people = male[band.index]
            case .female: people = female[band.index]
            case nil: people = count(band)
            }
            return Double(people) * band.fraction(minAge: minAge, maxAge: maxAge)
        }
    }
}
