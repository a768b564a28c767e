/// A calendar date with no time and no time zone ("civil" date), as iCalendar's
/// `VALUE=DATE` means it. Awareness days are civil dates: 5 February is
/// 5 February in every zone, so they never pass through UTC.
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`).
    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let w = (daysSinceEpoch % 7 + 7 + 3) % 7  // 1970-01-01 was a Thursday
        return w + 1
    }

    public var isWeekend: Bool { isoWeekday >= 6 }

    /// ISO 8601 week-numbering year and week, e.g. (2027, 1) for 2027-01-04.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - isoWeekday)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)
        return (thursday.year, jan1.days(to: thursday) / 7 + 1)
    }

    /// "2027-W01".
    public var isoWeekLabel: String {
        let w = isoWeek
        return "\(w.year)-W\(w.week.zeroPadded(to: 2))"
    }

    /// The week in words for people: "the week of 4 Oct 2027" (its Monday), never "2027-W39".
    public var weekInWords: String { "the week of \(mondayOfWeek.inWords)" }

    /// The date in words for people: "4 Oct 2027", never "2027-10-04".
    public var inWords: String { "\(day) \(String(Format.monthName(month).prefix(3))) \(year)" }

    /// The Monday of this date's ISO week.
    public var mondayOfWeek: CivilDate { adding(days: 1 - isoWeekday) }

    public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month)
    }

    /// The first day of the next month.
    public var firstOfNextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        // Every plan item, sending and export row formats dates: the ten bytes are written
        // directly for the dates a plan can hold, instead of joining three padded strings.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else { return plainISO }
        return String(unsafeUninitializedCapacity: 10) { b in
            var y = year
            for i in stride(from: 3, through: 0, by: -1) {
                b[i] = 0x30 + UInt8(y % 10)
                y /= 10
            }
            b[4] = 0x2D
            b[5] = 0x30 + UInt8(month / 10)
            b[6] = 0x30 + UInt8(month % 10)
            b[7] = 0x2D
            b[8] = 0x30 + UInt8(day / 10)
            b[9] = 0x30 + UInt8(day % 10)
            return 10
        }
    }

    /// `iso` as plain string formatting (for any date; the tests compare `iso` with it).
    public var plainISO: String { "\(year.plainZeroPadded(to: 4))-\(month.plainZeroPadded(to: 2))-\(day.plainZeroPadded(to: 2))" }

    /// `YYYYMMDD`, as iCalendar writes a DATE.
    public var basic: String { "\(year.zeroPadded(to: 4))\(month.zeroPadded(to: 2))\(day.zeroPadded(to: 2))" }

    public var description: String { iso }

    /// Parses `YYYY-MM-DD` (or `YYYYMMDD`); nil when malformed or not a real date.
    public init?(iso text: some StringProtocol) {
        // The usual YYYY-MM-DD, read from its bytes; anything else as below.
        let b = Array(text.utf8.prefix(11))
        if b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
            [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 })
        {
            func number(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(b[$1] - 0x30) } }
            let date = CivilDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
            guard date.isValid else { return nil }
            self = date
            return
        }
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            text.count == 8 || (text.count == 10 && Array(text)[4] == "-" && Array(text)[7] == "-")
        else { return nil }
        let a = Array(digits)
        let y = Int(String(a[0..<4]))!, m = Int(String(a[4..<6]))!, d = Int(String(a[6..<8]))!
        let date = CivilDate(year: y, month: m, day: d)
        guard date.isValid else { return nil }
        self = date
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a YYYY-MM-DD date: \(s)")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
