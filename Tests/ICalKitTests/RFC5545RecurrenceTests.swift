import ICalKit
import PlannerCore
import Testing

/// Examples of RFC 5545 §3.8.5.3, DTSTART in America/New_York. Expected dates were copied by
/// hand from the RFC's "==>" lines (open-ended rules are cut by the window given here).
/// Times are 09:00 local unless an entry says otherwise ("YYYYMMDDTHHMM").
struct RFCExample: Sendable, CustomTestStringConvertible {
    var name: String
    var dtstart: String
    var rule: String
    var exdate: String? = nil
    var window: (String, String)
    var expected: [String]

    var testDescription: String { name }
}

/// `days(1997, 9, 2...11)` -> ["19970902", ..., "19970911"].
private func days(_ y: Int, _ m: Int, _ ds: ClosedRange<Int>) -> [String] {
    ds.map { CivilDate(year: y, month: m, day: $0).basic }
}

private func days(_ y: Int, _ m: Int, _ ds: [Int]) -> [String] {
    ds.map { CivilDate(year: y, month: m, day: $0).basic }
}

let rfcExamples: [RFCExample] = [
    RFCExample(
        name: "Daily for 10 occurrences", dtstart: "19970902T090000", rule: "FREQ=DAILY;COUNT=10",
        window: ("1997-01-01", "1999-01-01"), expected: days(1997, 9, 2...11)),
    RFCExample(
        name: "Daily until December 24, 1997", dtstart: "19970902T090000", rule: "FREQ=DAILY;UNTIL=19971224T000000Z",
        window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, 2...30) + days(1997, 10, 1...31) + days(1997, 11, 1...30) + days(1997, 12, 1...23)),
    RFCExample(
        name: "Every other day, forever (September)", dtstart: "19970902T090000", rule: "FREQ=DAILY;INTERVAL=2",
        window: ("1997-09-01", "1997-10-01"), expected: days(1997, 9, Array(stride(from: 2, through: 30, by: 2)))),
    RFCExample(
        name: "Every 10 days, 5 occurrences", dtstart: "19970902T090000", rule: "FREQ=DAILY;INTERVAL=10;COUNT=5",
        window: ("1997-01-01", "1999-01-01"), expected: days(1997, 9, [2, 12, 22]) + days(1997, 10, [2, 12])),
    RFCExample(
        name: "Every day in January, for 3 years (YEARLY)", dtstart: "19980101T090000",
        rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
        window: ("1998-01-01", "2001-01-01"),
        expected: days(1998, 1, 1...31) + days(1999, 1, 1...31) + days(2000, 1, 1...31)),
    RFCExample(
        name: "Every day in January, for 3 years (DAILY)", dtstart: "19980101T090000",
        rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1", window: ("1998-01-01", "2001-01-01"),
        expected: days(1998, 1, 1...31) + days(1999, 1, 1...31) + days(2000, 1, 1...31)),
    RFCExample(
        name: "Weekly for 10 occurrences", dtstart: "19970902T090000", rule: "FREQ=WEEKLY;COUNT=10",
        window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 9, 16, 23, 30]) + days(1997, 10, [7, 14, 21, 28]) + days(1997, 11, [4])),
    RFCExample(
        name: "Weekly until December 24, 1997", dtstart: "19970902T090000", rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z",
        window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 9, 16, 23, 30]) + days(1997, 10, [7, 14, 21, 28]) + days(1997, 11, [4, 11, 18, 25])
            + days(1997, 12, [2, 9, 16, 23])),
    RFCExample(
        name: "Every other week, forever (to January 1998)", dtstart: "19970902T090000",
        rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU", window: ("1997-09-01", "1998-02-01"),
        expected: days(1997, 9, [2, 16, 30]) + days(1997, 10, [14, 28]) + days(1997, 11, [11, 25])
            + days(1997, 12, [9, 23]) + days(1998, 1, [6, 20])),
    RFCExample(
        name: "Weekly on Tuesday and Thursday for five weeks (UNTIL)", dtstart: "19970902T090000",
        rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + days(1997, 10, [2])),
    RFCExample(
        name: "Weekly on Tuesday and Thursday for five weeks (COUNT)", dtstart: "19970902T090000",
        rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + days(1997, 10, [2])),
    RFCExample(
        name: "Every other week on Monday, Wednesday and Friday until December 24, 1997",
        dtstart: "19970901T090000", rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
        window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [1, 3, 5, 15, 17, 19, 29]) + days(1997, 10, [1, 3, 13, 15, 17, 27, 29, 31])
            + days(1997, 11, [10, 12, 14, 24, 26, 28]) + days(1997, 12, [8, 10, 12, 22])),
    RFCExample(
        name: "Every other week on Tuesday and Thursday, for 8 occurrences", dtstart: "19970902T090000",
        rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 4, 16, 18, 30]) + days(1997, 10, [2, 14, 16])),
    RFCExample(
        name: "Monthly on the first Friday for 10 occurrences", dtstart: "19970905T090000",
        rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [5]) + days(1997, 10, [3]) + days(1997, 11, [7]) + days(1997, 12, [5])
            + days(1998, 1, [2]) + days(1998, 2, [6]) + days(1998, 3, [6]) + days(1998, 4, [3]) + days(1998, 5, [1])
            + days(1998, 6, [5])),
    RFCExample(
        name: "Monthly on the first Friday until December 24, 1997", dtstart: "19970905T090000",
        rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [5]) + days(1997, 10, [3]) + days(1997, 11, [7]) + days(1997, 12, [5])),
    RFCExample(
        name: "Every other month on the first and last Sunday, 10 occurrences", dtstart: "19970907T090000",
        rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [7, 28]) + days(1997, 11, [2, 30]) + days(1998, 1, [4, 25]) + days(1998, 3, [1, 29])
            + days(1998, 5, [3, 31])),
    RFCExample(
        name: "Monthly on the second-to-last Monday for 6 months", dtstart: "19970922T090000",
        rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [22]) + days(1997, 10, [20]) + days(1997, 11, [17]) + days(1997, 12, [22])
            + days(1998, 1, [19]) + days(1998, 2, [16])),
    RFCExample(
        name: "Monthly on the third-to-the-last day, forever (to February 1998)", dtstart: "19970928T090000",
        rule: "FREQ=MONTHLY;BYMONTHDAY=-3", window: ("1997-01-01", "1998-03-01"),
        expected: days(1997, 9, [28]) + days(1997, 10, [29]) + days(1997, 11, [28]) + days(1997, 12, [29])
            + days(1998, 1, [29]) + days(1998, 2, [26])),
    RFCExample(
        name: "Monthly on the 2nd and 15th for 10 occurrences", dtstart: "19970902T090000",
        rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [2, 15]) + days(1997, 10, [2, 15]) + days(1997, 11, [2, 15]) + days(1997, 12, [2, 15])
            + days(1998, 1, [2, 15])),
    RFCExample(
        name: "Monthly on the first and last day for 10 occurrences", dtstart: "19970930T090000",
        rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [30]) + days(1997, 10, [1, 31]) + days(1997, 11, [1, 30]) + days(1997, 12, [1, 31])
            + days(1998, 1, [1, 31]) + days(1998, 2, [1])),
    RFCExample(
        name: "Every 18 months on the 10th to 15th, 10 occurrences", dtstart: "19970910T090000",
        rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", window: ("1997-01-01", "2000-01-01"),
        expected: days(1997, 9, 10...15) + days(1999, 3, 10...13)),
    RFCExample(
        name: "Every Tuesday, every other month (to March 1998)", dtstart: "19970902T090000",
        rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", window: ("1997-09-01", "1998-04-01"),
        expected: days(1997, 9, [2, 9, 16, 23, 30]) + days(1997, 11, [4, 11, 18, 25]) + days(1998, 1, [6, 13, 20, 27])
            + days(1998, 3, [3, 10, 17, 24, 31])),
    RFCExample(
        name: "Yearly in June and July for 10 occurrences", dtstart: "19970610T090000",
        rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", window: ("1997-01-01", "2003-01-01"),
        expected: (1997...2001).flatMap { days($0, 6, [10]) + days($0, 7, [10]) }),
    RFCExample(
        name: "Every other year on January, February and March for 10 occurrences", dtstart: "19970310T090000",
        rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", window: ("1997-01-01", "2005-01-01"),
        expected: days(1997, 3, [10]) + [1999, 2001, 2003].flatMap { y in (1...3).flatMap { days(y, $0, [10]) } }),
    RFCExample(
        name: "Every third year on the 1st, 100th and 200th day for 10 occurrences", dtstart: "19970101T090000",
        rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", window: ("1997-01-01", "2007-01-01"),
        expected: days(1997, 1, [1]) + days(1997, 4, [10]) + days(1997, 7, [19]) + days(2000, 1, [1])
            + days(2000, 4, [9]) + days(2000, 7, [18]) + days(2003, 1, [1]) + days(2003, 4, [10]) + days(2003, 7, [19])
            + days(2006, 1, [1])),
    RFCExample(
        name: "Every 20th Monday of the year (to 1999)", dtstart: "19970519T090000", rule: "FREQ=YEARLY;BYDAY=20MO",
        window: ("1997-01-01", "2000-01-01"), expected: days(1997, 5, [19]) + days(1998, 5, [18]) + days(1999, 5, [17])),
    RFCExample(
        name: "Every Thursday in March (to 1999)", dtstart: "19970313T090000", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
        window: ("1997-01-01", "2000-01-01"),
        expected: days(1997, 3, [13, 20, 27]) + days(1998, 3, [5, 12, 19, 26]) + days(1999, 3, [4, 11, 18, 25])),
    RFCExample(
        name: "Every Thursday in June, July and August (1997)", dtstart: "19970605T090000",
        rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", window: ("1997-01-01", "1998-01-01"),
        expected: days(1997, 6, [5, 12, 19, 26]) + days(1997, 7, [3, 10, 17, 24, 31]) + days(1997, 8, [7, 14, 21, 28])),
    RFCExample(
        name: "Every Friday the 13th (EXDATE on DTSTART, to 2000)", dtstart: "19970902T090000",
        rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", exdate: "19970902T090000", window: ("1997-01-01", "2001-01-01"),
        expected: days(1998, 2, [13]) + days(1998, 3, [13]) + days(1998, 11, [13]) + days(1999, 8, [13])
            + days(2000, 10, [13])),
    RFCExample(
        name: "The first Saturday that follows the first Sunday of the month", dtstart: "19970913T090000",
        rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", window: ("1997-01-01", "1998-07-01"),
        expected: days(1997, 9, [13]) + days(1997, 10, [11]) + days(1997, 11, [8]) + days(1997, 12, [13])
            + days(1998, 1, [10]) + days(1998, 2, [7]) + days(1998, 3, [7]) + days(1998, 4, [11]) + days(1998, 5, [9])
            + days(1998, 6, [13])),
    RFCExample(
        name: "US Presidential Election day", dtstart: "19961105T090000",
        rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", window: ("1996-01-01", "2005-01-01"),
        expected: days(1996, 11, [5]) + days(2000, 11, [7]) + days(2004, 11, [2])),
    RFCExample(
        name: "The third instance of Tuesday, Wednesday or Thursday, for 3 months", dtstart: "19970904T090000",
        rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 9, [4]) + days(1997, 10, [7]) + days(1997, 11, [6])),
    RFCExample(
        name: "The second-to-last weekday of the month (to March 1998)", dtstart: "19970929T090000",
        rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", window: ("1997-01-01", "1998-04-01"),
        expected: days(1997, 9, [29]) + days(1997, 10, [30]) + days(1997, 11, [27]) + days(1997, 12, [30])
            + days(1998, 1, [29]) + days(1998, 2, [26]) + days(1998, 3, [30])),
    RFCExample(
        name: "Every 15 minutes for 6 occurrences", dtstart: "19970902T090000", rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
        window: ("1997-01-01", "1999-01-01"),
        expected: ["0900", "0915", "0930", "0945", "1000", "1015"].map { "19970902T" + $0 }),
    RFCExample(
        name: "Every hour and a half for 4 occurrences", dtstart: "19970902T090000",
        rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4", window: ("1997-01-01", "1999-01-01"),
        expected: ["0900", "1030", "1200", "1330"].map { "19970902T" + $0 }),
    RFCExample(
        name: "WKST=MO changes the set (Tuesday and Sunday every other week)", dtstart: "19970805T090000",
        rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 8, [5, 10, 19, 24])),
    RFCExample(
        name: "WKST=SU changes the set (Tuesday and Sunday every other week)", dtstart: "19970805T090000",
        rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", window: ("1997-01-01", "1999-01-01"),
        expected: days(1997, 8, [5, 17, 19, 31])),
    RFCExample(
        name: "An invalid date (30 February) is skipped", dtstart: "20070115T090000",
        rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5", window: ("2007-01-01", "2008-01-01"),
        expected: days(2007, 1, [15, 30]) + days(2007, 2, [15]) + days(2007, 3, [15, 30])),
]

/// America/New_York as RFC 5545 §3.6.5 writes it (rules from 2007), placed after the event.
let newYorkZone = [
    "BEGIN:VTIMEZONE", "TZID:America/New_York",
    "BEGIN:DAYLIGHT", "DTSTART:20070311T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
    "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT", "END:DAYLIGHT",
    "BEGIN:STANDARD", "DTSTART:20071104T020000", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "TZNAME:EST", "END:STANDARD",
    "END:VTIMEZONE",
]

@Suite struct RFC5545RecurrenceTests {
    @Test(arguments: rfcExamples)
    func example(_ e: RFCExample) throws {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tests//EN", "BEGIN:VEVENT", "UID:rfc@test",
            "DTSTART;TZID=America/New_York:\(e.dtstart)", "RRULE:\(e.rule)",
        ]
        if let ex = e.exdate { lines.append("EXDATE;TZID=America/New_York:\(ex)") }
        lines += ["SUMMARY:\(e.name)", "END:VEVENT", "END:VCALENDAR", ""]
        // A VTIMEZONE-less calendar with one event: the reversed order is the same text, so the
        // order check here is that a VTIMEZONE for the zone placed after the event changes nothing.
        let r = CalendarReader.read(
            text: lines.joined(separator: "\r\n"), path: "rfc.ics", options: Fixture.window(e.window.0, e.window.1))
        var withZone = lines
        withZone.insert(contentsOf: newYorkZone, at: lines.count - 2)
        let z = CalendarReader.read(
            text: withZone.joined(separator: "\r\n"), path: "rfc.ics", options: Fixture.window(e.window.0, e.window.1))
        #expect(z.occurrences.map(\.start) == r.occurrences.map(\.start))
        #expect(r.diagnostics.isEmpty)
        let expected = e.expected.map { s -> String in
            let d = CivilDate(iso: String(s.prefix(8)))!
            let hm = s.count > 8 ? String(s.dropFirst(9)) : "0900"
            return "\(d.iso)T\(hm.prefix(2)):\(hm.suffix(2)):00"
        }
        #expect(r.occurrences.map(\.start.iso) == expected)
        #expect(r.occurrences.allSatisfy { $0.timezone == "America/New_York" && $0.start == $0.end })
    }

    @Test func atLeastTwentyExamples() {
        #expect(rfcExamples.count >= 20)
    }
}
