import ICalKit
import PlannerCore
import Testing

@testable import PlannerExport

/// An entry's hash (in .export-state.json: it decides whether a calendar entry changed) is
/// computed without joining its parts, and is still the FNV-1a hash of the parts joined by U+001F.
@Suite struct CalendarHashTests {
    @Test func hashIsTheHashOfTheJoinedParts() {
        let day = CivilDate(year: 2027, month: 3, day: 11)
        let texts = ["", "Text: World Kidney Day", "Who: people\nGoal: £12 – “quoted” café 😀", "a\u{1F}b", "x"]
        var n = 0
        for kind in ["event", "todo"] {
            for channel in PlanChannel.allCases {
                for timing in [EventTiming.allDay(start: day, end: day.adding(days: 1)), .londonTime(date: day, startMinutes: 540, endMinutes: 555)] {
                    for url in [nil, "https://www.nhs.uk/"] {
                        for categories in [[], ["Text"], ["Prep", "Text", texts[n % texts.count]]] {
                            n += 1
                            let d = CalendarExport.Draft(
                                kind: kind, channel: channel, itemDate: day, uid: "item-\(n)@example.org", timing: timing,
                                summary: texts[n % texts.count], description: texts[(n + 2) % texts.count], categories: categories,
                                url: url)
                            var parts = [kind, channel.rawValue, day.iso, d.uid, CalendarExport.timingKey(timing), d.summary, d.description, url ?? ""]
                            parts += categories
                            let h = String(ReadResult.fnv1a64(parts.joined(separator: "\u{1F}")), radix: 16)
                            #expect(d.hash == String(repeating: "0", count: 16 - h.count) + h)
                        }
                    }
                }
            }
        }
    }
}
