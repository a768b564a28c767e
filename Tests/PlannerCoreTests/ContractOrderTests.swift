import PlannerCore
import Testing

/// The one contract order of the `days` listings: start as written, uid (none first), source.
@Suite struct ContractOrderTests {
    static func day(_ d: Int, uid: String?, line: Int, path: String = "a.ics", hour: Int? = nil) -> Occurrence {
        let date = CivilDate(year: 2027, month: 2, day: d)
        let start: EventTime = hour.map { .dateTime(LocalDateTime(date: date, hour: $0)) } ?? .date(date)
        return Occurrence(
            uid: uid, title: "\(path) line \(line)", start: start, end: start, timezone: nil, categories: [], status: nil,
            source: SourceLocation(path: path, line: line))
    }

    @Test func startThenUidThenSource() {
        let expected = [
            Self.day(3, uid: nil, line: 9),  // no uid sorts before any uid
            Self.day(3, uid: "a", line: 5, path: "a.ics"),
            Self.day(3, uid: "a", line: 2, path: "b.ics"),  // then the path
            Self.day(3, uid: "a", line: 7, path: "b.ics"),  // then the line
            Self.day(3, uid: "b", line: 1),
            Self.day(3, uid: "a", line: 3, hour: 9),  // a date sorts before a date-time that day
            Self.day(4, uid: "a", line: 1),
        ]
        #expect(expected.reversed().sorted(by: Occurrence.contractOrder) == expected)
        #expect(expected.map(\.contractKey) == expected.map(\.contractKey).sorted())
        // The cleaned view sorts by the same key (the titles differ, so nothing is merged).
        let cleaned = CleanedView.build(expected.reversed()) { _, _ in 0 }
        #expect(cleaned.map(\.source) == expected.map(\.source))
        #expect(cleaned.map(\.contractKey) == expected.map(\.contractKey))
    }
}
