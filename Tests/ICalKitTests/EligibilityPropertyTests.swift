import CLibical
import ICalKit
import PlannerCore
import Testing

/// `X-GP-ELIGIBILITY` values survive libical unchanged (docs/eligibility.md, "Why spaces, | and /"):
/// parsed, written back (folded when long) and parsed again, the value is the same bytes, and the
/// reader accepts an event that carries one with no diagnostic.
@Suite(.serialized) struct EligibilityPropertyTests {
    static let values = [
        "sex=female age=25-64 exclude=screened-3y",
        "age=75+ exclude=vaccinated | group=care-home-residents exclude=vaccinated | sex=female group=pregnant-and-new-parents",
        "age=65+ on=next-03-31 exclude=vaccinated-this-season | age=18-64 group=asthma/copd/diabetes/coronary-heart-disease/heart-failure/chronic-kidney-disease/stroke-tia/learning-disability exclude=vaccinated-this-season",
        "age=2-3 on=last-08-31 exclude=vaccinated-this-season to=parent",
        "age=75-79 on=2026-09-01",
    ]

    static func event(_ value: String) -> String {
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:e@test\r\nDTSTAMP:20261201T000000Z\r\n"
            + "DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:Test\r\n"
            + "X-GP-ELIGIBILITY:\(value)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    }

    /// The value of the first X-GP-ELIGIBILITY property libical finds in `text`, and the whole
    /// calendar as libical writes it back.
    static func libicalRead(_ text: String) -> (value: String?, written: String) {
        LibICal.setUp()
        guard let root = icalparser_parse_string(text) else { return (nil, "") }
        defer { icalcomponent_free(root) }
        let event = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT)
        var value: String?
        var p = icalcomponent_get_first_property(event, ICAL_X_PROPERTY)
        while let q = p {
            if let name = icalproperty_get_x_name(q), String(cString: name) == "X-GP-ELIGIBILITY",
                let v = icalproperty_get_x(q)
            {
                value = String(cString: v)
                break
            }
            p = icalcomponent_get_next_property(event, ICAL_X_PROPERTY)
        }
        guard let buffer = icalcomponent_as_ical_string_r(root) else { return (value, "") }
        defer { icalmemory_free_buffer(buffer) }
        return (value, String(cString: buffer))
    }

    @Test(arguments: values)
    func libicalGivesTheValueBackUnchanged(_ value: String) throws {
        #expect(try EligibilityRule.parse(value).rendered == value)
        let first = Self.libicalRead(Self.event(value))
        #expect(first.value == value)
        // Written back by libical (long values are folded) and read again: still the same.
        let second = Self.libicalRead(first.written)
        #expect(second.value == value)
        #expect(first.written.contains("X-GP-ELIGIBILITY:"))
        if value.utf8.count > 75 - "X-GP-ELIGIBILITY:".count {
            #expect(first.written.contains("\r\n "), "a long value is folded")
        }
    }

    @Test(arguments: values)
    func readerAcceptsTheProperty(_ value: String) {
        let window = DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2028, month: 1, day: 1))
        let r = CalendarReader.read(text: Self.event(value), path: "eligibility.ics", options: ReadOptions(window: window))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics.map(\.description))")
        #expect(r.occurrences.map(\.title) == ["Test"])
    }
}
