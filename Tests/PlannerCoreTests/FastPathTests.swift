import Foundation
import Testing

@testable import PlannerCore

/// The fast paths the planner takes for speed (byte-level parsing, the flat hyphenation trie,
/// reach counted once per audience) give exactly what the plain code they stand in for gives,
/// on ordinary and awkward inputs.
@Suite struct FastPathTests {
    /// Words of every kind: plain, capitalised, shouting, with digits and underscores, one letter,
    /// long, non-ASCII (which take the plain path), and pseudo-random letter strings.
    static let words: [String] = {
        var w = [
            "hyphenation", "Hyphenation", "HYPHENATION", "a", "I", "to", "the", "eligible", "immunisation",
            "cardiovascular", "Wharfside", "NHS", "COVID19", "covid_19", "screening", "pneumococcal", "2027",
            "x1y2z3", "Mens", "supercalifragilisticexpialidocious", "café", "ﬁnal", "İstanbul", "naïve", "straße",
            "ab", "abc", "Q", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "_", "__init__",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_eeaaoi".unicodeScalars)
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 59) + 1  // 1...32
            var v = String.UnicodeScalarView()
            for k in 0..<length {
                let r = (state >> UInt64(k % 50)) ^ (state >> 17) &* UInt64(k + 1)
                v.append(letters[Int(r % UInt64(letters.count))])
            }
            w.append(String(v))
        }
        return w
    }()

    /// The memo gives the walk's count, on a first count and a remembered one, from many
    /// threads at once, with a fresh hyphenator (so the memo starts empty) and the shared one.
    @Test func memoisedSyllablesAreTheWalkedSyllables() {
        let fresh = Hyphenator(patterns: Hyphenator.englishUSPatterns)
        #expect(fresh.memo.size == 0)
        let ascii = Self.words.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }
        let walked = ascii.map { fresh.asciiSyllables(Array($0.unicodeScalars)) }
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for (k, w) in ascii.enumerated() { #expect(fresh.syllables(scalars: Array(w.unicodeScalars)) == walked[k], "\(w)") }
        }
        #expect(fresh.memo.size > 0)
        for (k, w) in ascii.enumerated() {
            #expect(fresh.syllables(scalars: Array(w.unicodeScalars)) == walked[k], "\(w)")
            #expect(Hyphenator.englishUS.syllables(scalars: Array(w.unicodeScalars)) == walked[k], "\(w)")
            #expect(fresh.syllables(w) == walked[k], "\(w)")
        }
    }

    @Test func zeroPaddedWritesWhatThePlainFormattingWrites() {
        let numbers = [0, 1, 7, 9, 10, 42, 99, 100, 999, 1000, 2027, 9999, 10000, 123_456, Int.max, -1, -7, -42, -2027, Int.min]
        for n in numbers {
            for width in 0...22 {
                #expect(n.zeroPadded(to: width) == n.plainZeroPadded(to: width), "\(n) to \(width)")
            }
        }
        #expect(7.zeroPadded(to: 2) == "07")
        #expect(2027.zeroPadded(to: 2) == "2027")
    }

    @Test func isoDatesAreThePlainFormatting() {
        // Every day of four centuries' worth of years and the awkward ones outside 0...9999.
        var d = CivilDate(year: 1899, month: 12, day: 25)
        for _ in 0..<(366 * 20) {
            #expect(d.iso == d.plainISO)
            d = d.adding(days: 1)
        }
        let odd = [
            CivilDate(year: 0, month: 1, day: 1), CivilDate(year: 9999, month: 12, day: 31), CivilDate(year: 10000, month: 1, day: 1),
            CivilDate(year: -1, month: 3, day: 4), CivilDate(year: 12, month: 0, day: 0), CivilDate(year: 2027, month: 100, day: 7),
            CivilDate(year: 2027, month: 1, day: -3),
        ]
        for d in odd { #expect(d.iso == d.plainISO, "\(d.year) \(d.month) \(d.day)") }
        #expect(CivilDate(year: 2027, month: 1, day: 4).iso == "2027-01-04")
        #expect(CivilDate(year: 33, month: 10, day: 9).iso == "0033-10-09")
    }

    @Test func syllablesOnScalarsAreTheSyllablesOfTheString() {
        for word in Self.words {
            #expect(
                Hyphenator.englishUS.syllables(scalars: Array(word.unicodeScalars)) == Hyphenator.englishUS.syllables(word),
                "\(word)")
        }
    }

    /// `SocialCheck.containsCodeOfConduct` as it was, on Characters and Foundation.
    static func containsCodeOfConductByCharacters(_ text: String) -> Bool {
        func norm(_ s: String) -> String {
            var out = ""
            for ch in s { out.append(ch == "\u{2019}" ? "'" : ch) }
            return out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        let t = Array(norm(text)), line = Array(norm(SocialCheck.codeOfConduct))
        guard line.count <= t.count else { return false }
        return (0...(t.count - line.count)).contains { Array(t[$0..<($0 + line.count)]) == line }
    }

    static let posts: [String] = {
        let c = SocialCheck.codeOfConduct
        let spread = c.replacingOccurrences(of: " ", with: " \r\n\t ")
        return [
            "", c, "Book now.\n\n\(c)", "\(c)\n", "  \(c)  ", spread, "Intro\n\n\(spread)\n\n#Tag",
            c.replacingOccurrences(of: "don't", with: "don\u{2019}t"), String(c.dropLast()), String(c.dropFirst()),
            c.replacingOccurrences(of: " ", with: "  "), c.replacingOccurrences(of: "your care", with: "your\u{1C}care"),
            c.replacingOccurrences(of: "your care", with: "your\u{0B}care"), "x\(c)", "\(c)x", "Please don't",
            c.uppercased(), "\r\n\(c)\r\n", "Call 020 7946 0321 😀 \(c)",
        ]
    }()

    @Test(arguments: posts) func codeOfConductOnBytesIsTheCharacterSearch(_ post: String) {
        #expect(SocialCheck.containsCodeOfConduct(post) == Self.containsCodeOfConductByCharacters(post))
        if let fast = SocialCheck.containsCodeOfConductASCII(post) {
            #expect(fast == Self.containsCodeOfConductByCharacters(post))
        }
    }

    /// `CampaignID(rawValue:)` and `CivilDate(iso:)` as they were, on Characters.
    static func campaignIDByCharacters(_ text: String) -> Bool {
        text.count > 11 && text.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" })
            && text.dropLast(10).hasSuffix("-") && civilDateByCharacters(text.suffix(10)) != nil
    }

    static func civilDateByCharacters(_ text: some StringProtocol) -> CivilDate? {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            text.count == 8 || (text.count == 10 && Array(text)[4] == "-" && Array(text)[7] == "-")
        else { return nil }
        let a = Array(digits)
        let date = CivilDate(year: Int(String(a[0..<4]))!, month: Int(String(a[4..<6]))!, day: Int(String(a[6..<8]))!)
        return date.isValid ? date : nil
    }

    static let ids = [
        "world-kidney-day-2027-03-11", "campaign-2027-01-01", "a-2027-02-29", "a-2028-02-29", "a-2027-13-01",
        "a-2027-00-10", "x-2027-1-011", "World-kidney-day-2027-03-11", "café-2027-03-11", "a_b-2027-03-11",
        "2027-03-11", "-2027-03-11", "a2027-03-11", "a-20270311", "a-2027-03-1١", "a-2027-03-11\r\n",
        "a\r\nb-2027-03-11", "world-kidney-day-2027-03-11-sms-1", "abc-9999-12-31", "abc-0000-01-01", "aa-2027--3-11",
    ]

    @Test(arguments: ids) func campaignIDsAndDatesOnBytesAreTheCharacterParse(_ id: String) {
        #expect((CampaignID(rawValue: id) != nil) == Self.campaignIDByCharacters(id))
        #expect(CivilDate(iso: id.suffix(10)) == Self.civilDateByCharacters(id.suffix(10)))
        #expect(CivilDate(iso: id) == Self.civilDateByCharacters(id))
    }

    /// `PeopleModel.reached(of:byChannel:)` as it was: every item's audience and reach looked at
    /// for every cell.
    static func reachedItemByItem(
        _ m: PeopleModel, of group: String,
        byChannel channels: [(coverage: Double, items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)])]
    ) -> Double {
        guard let member = m.groups[group] else { return 0 }
        var total = 0.0
        for sex in Sex.allCases {
            for band in AgeBand.all {
                for age in band.singleYears {
                    let inGroup = member.probability(sex, age: age)
                    let people = m.grid.count(sex, age: age)
                    guard inGroup > 0, people > 0 else { continue }
                    var missed = 1.0
                    for channel in channels {
                        var missedOnChannel = 1.0
                        for item in channel.items {
                            let r = min(1, max(0, item.reach(band)))
                            guard r > 0 else { continue }
                            missedOnChannel *= 1 - m.selected(item.rules, of: group, sex, age: age) * r
                        }
                        missed *= 1 - min(1, max(0, channel.coverage)) * (1 - missedOnChannel)
                    }
                    total += people * inGroup * (1 - missed)
                }
            }
        }
        return total
    }

    @Test func reachCountedPerAudienceIsTheItemByItemCount() {
        var male = [Int](), female = [Int]()
        for band in AgeBand.all {
            male.append(37 * band.index % 211 + 3)
            female.append(band.index == 2 ? 0 : 53 * band.index % 197 + 1)
        }
        let grid = PeopleGrid(list: PatientList(male: male, female: female))
        var byBand = Array(repeating: 0.0, count: AgeBand.count)
        for band in AgeBand.all where band.lowerAge >= 40 { byBand[band.index] = Double(band.index * 7) }
        let m = PeopleModel(
            grid: grid,
            groups: [
                GroupMembership(exactSet: "women", minAge: 0, maxAge: nil, sex: .female),
                GroupMembership(exactSet: "over-65", minAge: 65, maxAge: nil, sex: nil),
                GroupMembership(register: "diabetes", byBand: byBand, minAge: 40, maxAge: nil, sex: nil, grid: grid),
                GroupMembership(register: "smokers", byBand: byBand.reversed(), minAge: 16, maxAge: 80, sex: nil, grid: grid),
            ],
            exclusionShare: ["screened-3y": 0.7, "vaccinated-this-season": 1.4])
        let audiences: [[AudienceRule]] = [
            [AudienceRule(group: "women", ageFrom: 25, ageTo: 64, exclude: ["screened-3y"])],
            [AudienceRule(group: "diabetes")], [AudienceRule(group: "over-65", exclude: ["vaccinated-this-season", "diabetes"])],
            [AudienceRule(group: "smokers", sex: .male), AudienceRule(group: "diabetes", ageTo: 70)], [],
            [AudienceRule(group: "unknown")],
        ]
        let reaches: [(AgeBand) -> Double] = [
            { _ in 0.9 }, { Double($0.index) / 10 - 0.3 }, { $0.lowerAge >= 65 ? 0 : 1.2 }, { _ in 0 },
        ]
        var channels: [(coverage: Double, items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)])] = []
        for (c, coverage) in [0.85, 1.0, 0.4, 1.3].enumerated() {
            var items: [(rules: [AudienceRule], reach: (AgeBand) -> Double)] = []
            for k in 0..<(3 + 2 * c) { items.append((audiences[(k * (c + 1)) % audiences.count], reaches[(k + c) % reaches.count])) }
            channels.append((coverage, items))
        }
        let groups = ["women", "over-65", "diabetes", "smokers", "unknown"]
        for n in [0, 1, 2, 4] {
            let some = Array(channels.prefix(n))
            let expected = groups.map { Self.reachedItemByItem(m, of: $0, byChannel: some) }
            #expect(groups.map { m.reached(of: $0, byChannel: some) } == expected)
            #expect(m.reached(of: groups, byChannel: some) == expected)
            #expect(expected.contains { $0 > 0 } == (n > 0))
        }
    }
}
