import Foundation

/// What kind of personal data a finding may be.
public enum FindingKind: String, Sendable, Hashable, Codable, CaseIterable {
    case nhsNumber = "nhs-number"
    case phone
    case postcode
    case dateOfBirth = "date-of-birth"
    case email
    case name
}

/// How serious a finding is. A high-severity finding stops a draft from being sent.
public enum FindingSeverity: String, Sendable, Hashable, Codable, Comparable {
    case medium, high

    public static func < (a: Self, b: Self) -> Bool { a == .medium && b == .high }
}

/// Something in a text that may be personal data.
public struct ContentFinding: Sendable, Hashable, Codable {
    public var kind: FindingKind
    public var severity: FindingSeverity
    public var line: Int
    public var column: Int
    public var text: String
    public var hint: String

    public init(kind: FindingKind, severity: FindingSeverity, line: Int, column: Int, text: String, hint: String) {
        self.kind = kind
        self.severity = severity
        self.line = line
        self.column = column
        self.text = text
        self.hint = hint
    }
}

/// The confidentiality check: NHS numbers, phone numbers other than the practice's own, postcodes,
/// dates of birth, email addresses and names after "Dear" or "patient".
///
/// Severities (also in docs/checks.md): an NHS number that passes the modulus 11 check is high, one
/// that fails it medium (it may be a typing slip, or the NHS's own example 999 123 4567); a mobile
/// number high, any other phone number medium; a postcode medium; a date next to "born", "DOB" or
/// "date of birth" high, any other full date with a year medium; an email address medium; a name
/// after "Dear" or "patient" high.
public enum Confidentiality {
    /// Numbers patients are meant to call, never findings: NHS 111, the COVID-19 vaccination line
    /// 119 (both too short to be taken for personal numbers anyway) and the NHS bowel cancer
    /// screening helpline, 0800 707 60 60 (NHS England, "Bowel cancer screening", nhs.uk).
    public static let nationalNumbers: [String] = ["08007076060"]

    /// Checks `text`. `practicePhones` are the practice's own numbers (any spacing), and
    /// `practicePostcodes` its own postcodes: neither is a finding.
    public static func check(
        _ text: String, practicePhones: [String] = [], practicePostcodes: [String] = []
    ) -> [ContentFinding] {
        let locator = TextLocator(text)
        let s = locator.scalars
        var findings: [ContentFinding] = []
        var taken = [Bool](repeating: false, count: s.count)

        func add(_ kind: FindingKind, _ severity: FindingSeverity, _ r: Range<Int>, _ hint: String) {
            let (line, column) = locator.location(of: r.lowerBound)
            findings.append(
                ContentFinding(
                    kind: kind, severity: severity, line: line, column: column, text: locator.string(r), hint: hint))
            for i in r { taken[i] = true }
        }

        // Web addresses are not personal data, and their digits and letters must not be read as
        // numbers or postcodes.
        for r in Readability.linkRanges(s) { for i in r { taken[i] = true } }

        for r in emailRanges(s) where !r.contains(where: { taken[$0] }) {
            add(
                .email, .medium, r,
                "Use the practice's shared mailbox, never a person's own address, or leave the address out.")
        }

        let ownPhones = Set(practicePhones.map(nationalDigits))
        let allowedPhones = ownPhones.union(nationalNumbers)
        for r in phoneRanges(s) where !r.contains(where: { taken[$0] }) {
            let digits = nationalDigits(locator.string(r))
            if allowedPhones.contains(digits) {
                for i in r { taken[i] = true }
                continue
            }
            let mobile = digits.hasPrefix("07")
            add(
                .phone, mobile ? .high : .medium, r,
                mobile
                    ? "This looks like a personal mobile number: remove it. Give the practice's own number instead."
                    : "Only the practice's own number and national NHS numbers (such as 111) belong in patient messages; check this one or remove it."
            )
        }

        for r in nhsNumberRanges(s) where !r.contains(where: { taken[$0] }) {
            let digits = locator.string(r).unicodeScalars.filter { $0.properties.numericType != nil }
            let valid = isValidNHSNumber(String(String.UnicodeScalarView(digits)))
            add(
                .nhsNumber, valid ? .high : .medium, r,
                valid
                    ? "This is a valid NHS number: remove it. Never put a patient's NHS number in a message."
                    : "This looks like an NHS number (its check digit fails): remove it, or write it another way if it is not one."
            )
        }

        for (r, high) in dateRanges(s) where !r.contains(where: { taken[$0] }) {
            add(
                .dateOfBirth, high ? .high : .medium, r,
                high
                    ? "Remove the date of birth: it identifies a patient."
                    : "A full date with a year can be a date of birth: write campaign dates as \"6 August 2027\", or remove it.")
        }

        let ownPostcodes = Set(practicePostcodes.map(compactUpper))
        for r in postcodeRanges(s) where !r.contains(where: { taken[$0] }) {
            if ownPostcodes.contains(compactUpper(locator.string(r))) { continue }
            add(
                .postcode, .medium, r,
                "A postcode can point to a patient's home: keep only the practice's own address.")
        }

        for r in nameRanges(s) where !r.contains(where: { taken[$0] }) {
            add(
                .name, .high, r,
                "Messages to many patients must not name anyone: write \"Dear patient\" or use the gateway's name field (Notify: ((first name))).")
        }

        return findings.sorted { ($0.line, $0.column, $0.kind.rawValue) < ($1.line, $1.column, $1.kind.rawValue) }
    }

    // MARK: - NHS numbers

    /// The modulus 11 check (NHS Data Dictionary, "NHS Number"): digits 1 to 9 weighted 10 down
    /// to 2, 11 minus the sum's remainder by 11 is the check digit (11 means 0, 10 means no valid number).
    public static func isValidNHSNumber(_ digits: String) -> Bool {
        let d = digits.unicodeScalars.compactMap { $0.properties.numericType != nil ? Int($0.value) - 48 : nil }
        guard d.count == 10, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for i in 0..<9 { sum += d[i] * (10 - i) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check != 10 && check == d[9]
    }

    static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }
    static func isUpper(_ u: Unicode.Scalar) -> Bool { u.value >= 65 && u.value <= 90 }
    static func isLower(_ u: Unicode.Scalar) -> Bool { u.value >= 97 && u.value <= 122 }
    static func isAlnum(_ u: Unicode.Scalar) -> Bool { isDigit(u) || isUpper(u) || isLower(u) }

    /// Ten digits as 3-3-4 (single spaces or hyphens) or written together, not part of a longer number.
    static func nhsNumberRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard isDigit(s[i]), i == 0 || !isAlnum(s[i - 1]) else {
                i += 1
                continue
            }
            if let end = matchGroups(s, i, [3, 3, 4]) ?? matchGroups(s, i, [10]) {
                ranges.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return ranges
    }

    /// Matches digit groups of the given sizes joined by one space or hyphen, ending where no
    /// further digit follows. Returns the end offset.
    static func matchGroups(_ s: [Unicode.Scalar], _ start: Int, _ sizes: [Int]) -> Int? {
        var i = start
        for (g, size) in sizes.enumerated() {
            if g > 0 {
                guard i < s.count, s[i] == " " || s[i] == "-" else { return nil }
                i += 1
            }
            for _ in 0..<size {
                guard i < s.count, isDigit(s[i]) else { return nil }
                i += 1
            }
        }
        if i < s.count && isAlnum(s[i]) { return nil }
        if i + 1 < s.count && (s[i] == " " || s[i] == "-") && isDigit(s[i + 1]) { return nil }
        return i
    }

    // MARK: - Phone numbers

    /// The number as national digits: "+44 (0)20 7946 0000" -> "02079460000".
    public static func nationalDigits(_ text: String) -> String {
        var d = String(text.unicodeScalars.filter(isDigit).map(Character.init))
        if text.contains("+44") || d.hasPrefix("0044") {
            d = String(d.dropFirst(d.hasPrefix("0044") ? 4 : 2))
            if d.hasPrefix("0") { d.removeFirst() }
            d = "0" + d
        }
        return d
    }

    /// UK phone numbers: a leading 0 (not 00), +44 or 0044, then digits with single spaces or
    /// hyphens between groups (and an optional "(0)"), 10 or 11 digits in national form.
    static func phoneRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard i == 0 || (!isAlnum(s[i - 1]) && s[i - 1] != "+") else {
                i += 1
                continue
            }
            var j = i
            var national = 0
            // "(020) 7946 0123": an area code in brackets.
            var bracket = false
            if s[i] == "(", i + 2 < s.count, s[i + 1] == "0", isDigit(s[i + 2]), s[i + 2] != "0" {
                bracket = true
                j = i + 1
            } else if s[i] == "+", i + 2 < s.count, s[i + 1] == "4", s[i + 2] == "4" {
                j = i + 3
                national = 1  // the trunk 0 that +44 stands for
            } else if i + 3 < s.count, s[i] == "0", s[i + 1] == "0", s[i + 2] == "4", s[i + 3] == "4" {
                j = i + 4
                national = 1
            } else if s[i] == "0", i + 1 < s.count, isDigit(s[i + 1]), s[i + 1] != "0" {
                j = i
            } else {
                i += 1
                continue
            }
            if national == 1 {
                if j < s.count && s[j] == " " { j += 1 }
                if j + 2 < s.count && s[j] == "(" && s[j + 1] == "0" && s[j + 2] == ")" {
                    j += 3
                    if j < s.count && s[j] == " " { j += 1 }
                }
            }
            var end = j
            var k = j
            while k < s.count && national < 11 {
                if isDigit(s[k]) {
                    national += 1
                    k += 1
                    end = k
                } else if (s[k] == " " || s[k] == "-") && k + 1 < s.count && isDigit(s[k + 1]) && k > j {
                    k += 1
                } else if bracket && s[k] == ")" && k > j {
                    bracket = false
                    k += 1
                    if k < s.count && s[k] == " " { k += 1 }
                    guard k < s.count, isDigit(s[k]) else { break }
                } else {
                    break
                }
            }
            if (national == 10 || national == 11) && !(end < s.count && isAlnum(s[end])) {
                ranges.append(i..<end)
                i = end
            } else {
                i += 1
            }
        }
        return ranges
    }

    // MARK: - Postcodes

    /// The 126 postcode areas of the UK (GOV.UK Notify, `uk-postcode-zones.txt`), so that words
    /// such as "AB12" in other uses are less likely to be taken for postcodes.
    static let postcodeAreas: Set<String> = Set(
        """
        AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH
        EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML
        N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN
        TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// `postcodeAreas` as a table over the 26 + 26 x 26 one- and two-letter areas
    /// (`areaIndex`): the postcode scan looks every capitalised word up, and building a String
    /// to hash for each was half of the confidentiality check.
    static let postcodeAreaTable: [Bool] = {
        var table = Array(repeating: false, count: 26 + 26 * 26)
        for area in postcodeAreas {
            let u = Array(area.unicodeScalars)
            if let i = areaIndex(u[...]) { table[i] = true }
        }
        return table
    }()

    /// The table index of one or two capital letters; nil for anything else.
    static func areaIndex(_ u: ArraySlice<Unicode.Scalar>) -> Int? {
        guard (1...2).contains(u.count), u.allSatisfy(isUpper) else { return nil }
        let a = Int(u[u.startIndex].value) - 65
        return u.count == 1 ? a : 26 + a * 26 + Int(u[u.startIndex + 1].value) - 65
    }

    /// The letters an inward code ends with (a 128-entry ASCII table).
    static let inwardLetterTable: [Bool] = {
        var table = Array(repeating: false, count: 128)
        for u in "ABDEFGHJLNPQRSTUWXYZ".unicodeScalars { table[Int(u.value)] = true }
        return table
    }()

    static let girForms: [[Unicode.Scalar]] = ["GIR 0AA", "GIR0AA"].map { Array($0.unicodeScalars) }
    static let bfpo: [Unicode.Scalar] = Array("BFPO".unicodeScalars)

    static func compactUpper(_ s: String) -> String {
        String(s.uppercased().unicodeScalars.filter { !PyChar.isSpace($0) }.map(Character.init))
    }

    /// Full postcodes (outward code, optional space, inward code), GIR 0AA and BFPO numbers, in capitals.
    static func postcodeRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        func isInwardLetter(_ u: Unicode.Scalar) -> Bool { u.value < 128 && inwardLetterTable[Int(u.value)] }
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard isUpper(s[i]), i == 0 || !isAlnum(s[i - 1]) else {
                i += 1
                continue
            }
            func word(_ u: [Unicode.Scalar], at k: Int) -> Bool {
                guard k + u.count <= s.count else { return false }
                return (0..<u.count).allSatisfy { s[k + $0] == u[$0] }
            }
            func endsHere(_ k: Int) -> Bool { k >= s.count || !isAlnum(s[k]) }
            // GIR 0AA
            for form in girForms where word(form, at: i) && endsHere(i + form.count) {
                ranges.append(i..<(i + form.count))
            }
            // BFPO 1 to 4 digits
            if word(bfpo, at: i) {
                var k = i + 4
                if k < s.count && s[k] == " " { k += 1 }
                let digitsStart = k
                while k < s.count && isDigit(s[k]) && k - digitsStart < 5 { k += 1 }
                if (1...4).contains(k - digitsStart) && endsHere(k) {
                    ranges.append(i..<k)
                    i = k
                    continue
                }
            }
            // Outward: area (1-2 letters), district digit, optional digit or letter; inward: digit + 2 letters.
            var k = i
            while k < s.count && isUpper(s[k]) && k - i < 2 { k += 1 }
            var matched: Int?
            if let area = areaIndex(s[i..<k]), postcodeAreaTable[area], k < s.count, isDigit(s[k]) {
                var outEnd = k + 1
                var candidates = [outEnd]
                if outEnd < s.count && (isDigit(s[outEnd]) || isUpper(s[outEnd])) {
                    outEnd += 1
                    candidates.insert(outEnd, at: 0)
                }
                for o in candidates {
                    var m = o
                    if m < s.count && s[m] == " " { m += 1 }
                    if m + 3 <= s.count, isDigit(s[m]), isInwardLetter(s[m + 1]),
                        isInwardLetter(s[m + 2]), endsHere(m + 3)
                    {
                        matched = m + 3
                        break
                    }
                }
            }
            if let end = matched {
                ranges.append(i..<end)
                i = end
            } else if let last = ranges.last, last.lowerBound == i {
                i = last.upperBound
            } else {
                i += 1
            }
        }
        return ranges
    }

    // MARK: - Dates of birth

    static let birthWords = ["date of birth", "dob", "d.o.b", "born on", "born", "birthday"]
    /// Month words a written date may use: the full names and their usual abbreviations.
    static let monthNames =
        Format.monthNames.map { $0.lowercased() } + [
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ]

    /// Full dates with a year: 12/03/1956, 12-03-1956, 12.03.56 after a birth word, or 12 March 1956
    /// after a birth word. The bool is true when a birth word comes just before.
    static func dateRanges(_ s: [Unicode.Scalar]) -> [(Range<Int>, Bool)] {
        let lower = s.map(Readability.lower)
        var out: [(Range<Int>, Bool)] = []
        func digits(_ k: Int, _ min: Int, _ max: Int) -> Int? {
            var e = k
            while e < s.count && isDigit(s[e]) && e - k < max { e += 1 }
            return (e - k >= min && !(e < s.count && isDigit(s[e]))) ? e : nil
        }
        func afterBirthWord(_ start: Int) -> Bool {
            // Look back over at most 20 characters, across ":" and spaces.
            let from = max(0, start - 20)
            let before = String(String.UnicodeScalarView(lower[from..<start]))
            let trimmed = before.trimmingCharacters(in: CharacterSet(charactersIn: ": \t"))
            return birthWords.contains { trimmed.hasSuffix($0) }
        }
        var i = 0
        while i < s.count {
            guard isDigit(s[i]), i == 0 || !isAlnum(s[i - 1]) else {
                i += 1
                continue
            }
            // Numeric: d/m/y with the same separator.
            if let a = digits(i, 1, 2), a < s.count, "/-.".unicodeScalars.contains(s[a]) {
                let sep = s[a]
                if let b = digits(a + 1, 1, 2), b < s.count, s[b] == sep {
                    let birth = afterBirthWord(i)
                    if let c = digits(b + 1, 4, 4) ?? (birth ? digits(b + 1, 2, 2) : nil),
                        !(c < s.count && isAlnum(s[c]))
                    {
                        out.append((i..<c, birth))
                        i = c
                        continue
                    }
                }
            }
            // Words: "12 March 1956", only after a birth word (campaign dates are written this way).
            if afterBirthWord(i), let a = digits(i, 1, 2), a < s.count, s[a] == " " {
                var m = a + 1
                while m < s.count && (isLower(lower[m])) { m += 1 }
                let month = String(String.UnicodeScalarView(lower[(a + 1)..<m]))
                if monthNames.contains(month), m < s.count, s[m] == " ", let y = digits(m + 1, 4, 4) {
                    out.append((i..<y, true))
                    i = y
                    continue
                }
            }
            i += 1
        }
        return out
    }

    // MARK: - Email addresses

    static func emailRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        func localChar(_ u: Unicode.Scalar) -> Bool { isAlnum(u) || "._%+-'".unicodeScalars.contains(u) }
        func domainChar(_ u: Unicode.Scalar) -> Bool { isAlnum(u) || u == "-" || u == "." }
        var ranges: [Range<Int>] = []
        for (at, u) in s.enumerated() where u == "@" {
            var a = at
            while a > 0 && localChar(s[a - 1]) { a -= 1 }
            var b = at + 1
            while b < s.count && domainChar(s[b]) { b += 1 }
            while b > at + 1 && (s[b - 1] == "." || s[b - 1] == "-") { b -= 1 }
            while a < at && s[a] == "." { a += 1 }
            let domain = String(String.UnicodeScalarView(s[(at + 1)..<b]))
            if a < at, domain.contains("."), !domain.hasPrefix("."), !(ranges.last.map { $0.contains(at) } ?? false) {
                ranges.append(a..<b)
            }
        }
        return ranges
    }

    // MARK: - Names

    static let titles: Set<String> = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Lady", "Lord"]
    /// Capitalised words that follow "Dear" or "patient" without naming anyone.
    static let notNames: Set<String> = [
        "Patient", "Patients", "Sir", "Madam", "Sirs", "All", "Friend", "Friends", "Colleague", "Colleagues", "Carer",
        "Carers", "Parent", "Parents", "Guardian", "Resident", "Residents", "Member", "Members", "Neighbour",
        "Neighbours", "Team", "Everyone", "Customer", "Participation", "Group", "Groups", "Access", "Online",
        "Services", "Service", "Information", "Record", "Records", "Advice", "Leaflet", "Survey", "Safety",
        "Experience", "Choice", "Champion", "Champions", "Forum", "Panel", "Voice", "Liaison", "Reference",
        "Association", "Portal", "App", "Partner", "Partners", "Representative", "Representatives", "Or", "And",
        "The", "Our", "Your", "You", "NHS", "GP", "Practice", "Surgery",
    ]

    /// A name after "Dear" or after "patient" (optionally with a colon): a title and a name
    /// ("Mrs Smith"), or a capitalised word that is not one of the ordinary words above.
    static func nameRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        let lower = s.map(Readability.lower)
        var ranges: [Range<Int>] = []
        func capitalisedWord(at k: Int) -> Int? {
            guard k < s.count, isUpper(s[k]) else { return nil }
            var e = k + 1
            while e < s.count && (isLower(s[e]) || s[e] == "'" || s[e] == "-" || isUpper(s[e])) { e += 1 }
            return e - k >= 2 ? e : nil
        }
        func text(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(s[r])) }
        for keyword in ["dear", "patient"] {
            let kw = Array(keyword.unicodeScalars)
            var i = 0
            while i + kw.count <= s.count {
                guard (0..<kw.count).allSatisfy({ lower[i + $0] == kw[$0] }),
                    i == 0 || !isAlnum(s[i - 1]),
                    i + kw.count < s.count, !isAlnum(s[i + kw.count])
                else {
                    i += 1
                    continue
                }
                var k = i + kw.count
                if k < s.count && s[k] == ":" { k += 1 }
                guard k < s.count, s[k] == " " else {
                    i += 1
                    continue
                }
                k += 1
                guard let firstEnd = capitalisedWord(at: k) else {
                    i += 1
                    continue
                }
                let first = text(k..<firstEnd)
                var end: Int?
                if titles.contains(first) || titles.contains(first.trimmingCharacters(in: ["."])) {
                    var n = firstEnd
                    if n < s.count && s[n] == "." { n += 1 }
                    if n < s.count && s[n] == " ", let e = capitalisedWord(at: n + 1), !notNames.contains(text((n + 1)..<e)) {
                        end = e
                    }
                } else if !notNames.contains(first) {
                    end = firstEnd
                    // A surname after a first name.
                    if firstEnd < s.count && s[firstEnd] == " ", let e = capitalisedWord(at: firstEnd + 1),
                        !notNames.contains(text((firstEnd + 1)..<e))
                    {
                        end = e
                    }
                }
                if let e = end {
                    ranges.append(k..<e)
                    i = e
                } else {
                    i += 1
                }
            }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }
}
