internal import CLibical
import Foundation
public import PlannerCore

// A neutral calendar writer: the values of one VCALENDAR (events and to-dos) written through
// libical's non-variadic constructors (STYLE.md B2.5). ICalKit knows nothing of plans; the
// export module maps a plan onto these values.

/// A moment in UTC to the second (DTSTAMP).
public struct UTCStamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(date: CivilDate, hour: Int, minute: Int, second: Int) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00Z (SOURCE_DATE_EPOCH), negative values clamped to the epoch.
    public init(secondsSinceEpoch s: Int) {
        let t = max(0, s)
        date = CivilDate(daysSinceEpoch: t / 86_400)
        let r = t % 86_400
        hour = r / 3600
        minute = r % 3600 / 60
        second = r % 60
    }

    public var secondsSinceEpoch: Int { date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second }

    /// `20270105T093000Z`, as RFC 5545 §3.3.5 writes a UTC DATE-TIME.
    public var description: String {
        // zeroPadded pads as this did (String(n) with zeros in front up to the width, negative
        // numbers included) and writes the digits directly; every export entry has a stamp.
        func p(_ n: Int, _ w: Int) -> String { n.zeroPadded(to: w) }
        return "\(p(date.year, 4))\(p(date.month, 2))\(p(date.day, 2))T\(p(hour, 2))\(p(minute, 2))\(p(second, 2))Z"
    }

    public static func < (a: UTCStamp, b: UTCStamp) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}

/// When an event happens.
public enum EventTiming: Sendable, Hashable {
    /// All day: `DTSTART;VALUE=DATE` and an exclusive `DTEND;VALUE=DATE` (RFC 5545 §3.6.1: DTEND is
    /// exclusive, so a one-day event ends the next day). `end` must be after `start`.
    case allDay(start: CivilDate, end: CivilDate)
    /// Wall-clock times in Europe/London (`DTSTART;TZID=Europe/London`), with the compact
    /// VTIMEZONE this writer adds once to the calendar.
    case londonTime(date: CivilDate, startMinutes: Int, endMinutes: Int)
}

public enum CalendarEventStatus: String, Sendable, Hashable, Codable {
    case confirmed = "CONFIRMED", tentative = "TENTATIVE", cancelled = "CANCELLED"
}

public enum CalendarTodoStatus: String, Sendable, Hashable, Codable {
    case needsAction = "NEEDS-ACTION", completed = "COMPLETED", cancelled = "CANCELLED"
}

/// One VEVENT.
public struct CalendarEvent: Sendable, Hashable {
    public var uid: String
    public var sequence: Int
    public var dtstamp: UTCStamp
    public var timing: EventTiming
    public var summary: String
    public var description: String?
    /// Written as one CATEGORIES property; commas, semicolons, backslashes and line breaks inside
    /// a category are replaced by spaces, because libical writes the list unescaped.
    public var categories: [String]
    public var url: String?
    public var status: CalendarEventStatus?

    public init(
        uid: String, sequence: Int, dtstamp: UTCStamp, timing: EventTiming, summary: String, description: String? = nil,
        categories: [String] = [], url: String? = nil, status: CalendarEventStatus? = nil
    ) {
        self.uid = uid
        self.sequence = sequence
        self.dtstamp = dtstamp
        self.timing = timing
        self.summary = summary
        self.description = description
        self.categories = categories
        self.url = url
        self.status = status
    }
}

/// One VTODO with an all-day DUE.
public struct CalendarTodo: Sendable, Hashable {
    public var uid: String
    public var sequence: Int
    public var dtstamp: UTCStamp
    public var due: CivilDate
    public var summary: String
    public var description: String?
    public var status: CalendarTodoStatus?

    public init(
        uid: String, sequence: Int, dtstamp: UTCStamp, due: CivilDate, summary: String, description: String? = nil,
        status: CalendarTodoStatus? = nil
    ) {
        self.uid = uid
        self.sequence = sequence
        self.dtstamp = dtstamp
        self.due = due
        self.summary = summary
        self.description = description
        self.status = status
    }
}

/// One VCALENDAR: `VERSION:2.0`, PRODID, METHOD, and the name as both `X-WR-CALNAME` (Apple's,
/// read by Google and Outlook) and RFC 7986 `NAME`.
public struct CalendarDocument: Sendable, Hashable {
    public var prodid: String
    /// `PUBLISH` for a published calendar (RFC 5546 §3.2.1); nil writes no METHOD.
    public var method: String?
    public var name: String?
    /// Written in this order (the caller sorts).
    public var events: [CalendarEvent]
    public var todos: [CalendarTodo]

    public init(prodid: String, method: String? = "PUBLISH", name: String? = nil, events: [CalendarEvent] = [], todos: [CalendarTodo] = []) {
        self.prodid = prodid
        self.method = method
        self.name = name
        self.events = events
        self.todos = todos
    }
}

public enum CalendarWriter {
    /// The TZID this writer uses for timed events: the IANA name itself, never libical's
    /// `/freeassociation.sourceforge.net/` prefixed id (ical_engineering.md §6.1, libical fact 6).
    public static let londonTZID = "Europe/London"

    /// The calendar as iCalendar text: CRLF line endings and libical's folding at 75 octets.
    /// Wraps `icalcomponent_new_vcalendar`, `icalcomponent_add_property`, `icalcomponent_add_component`
    /// and `icalcomponent_as_ical_string_r`.
    public static func write(_ doc: CalendarDocument) -> String {
        // The same bytes written in Swift (CalendarWriter+Bytes.swift), without the lock, for
        // every document whose values it covers; libical for the rest.
        writeBytes(doc) ?? libicalWrite(doc)
    }

    /// The calendar as libical writes it (the plain path `writeBytes` is checked against).
    static func libicalWrite(_ doc: CalendarDocument) -> String {
        // The repair runs after the lock is released: only libical's part is serialised.
        repairFolding(render(doc))
    }

    private static func render(_ doc: CalendarDocument) -> String {
        LibICal.withLock {
            // The root owns every property and child added to it (icalcomponent_add_property and
            // icalcomponent_add_component transfer ownership); freeing the root frees them all.
            let root = icalcomponent_new_vcalendar()!
            defer { icalcomponent_free(root) }
            icalcomponent_add_property(root, icalproperty_new_version("2.0"))
            icalcomponent_add_property(root, icalproperty_new_prodid(doc.prodid))
            if let m = doc.method {
                let kind = icalproperty_string_to_method(m)
                if kind != ICAL_METHOD_NONE { icalcomponent_add_property(root, icalproperty_new_method(kind)) }
            }
            if let name = doc.name {
                // libical 3.0.16 writes an X- property's value half escaped (a backslash doubled,
                // a comma or semicolon left bare; measured, with an X or a TEXT value alike), so
                // X-WR-CALNAME gets the name with those characters made spaces; NAME (RFC 7986)
                // carries it exactly, escaped by libical as RFC 5545 §3.3.11 says.
                let x = icalproperty_new_x(cleanCategory(name))!
                icalproperty_set_x_name(x, "X-WR-CALNAME")
                icalcomponent_add_property(root, x)
                icalcomponent_add_property(root, icalproperty_new_name(name))
            }
            if doc.events.contains(where: { if case .londonTime = $0.timing { return true } else { return false } }) {
                icalcomponent_add_component(root, londonTimezone())
            }
            for e in doc.events { icalcomponent_add_component(root, event(e)) }
            for t in doc.todos { icalcomponent_add_component(root, todo(t)) }
            guard let buf = icalcomponent_as_ical_string_r(root) else { return "" }
            defer { icalmemory_free_buffer(buf) }
            return String(cString: buf)
        }
    }

    /// libical 3.0.16 sometimes folds a line between the CR and the LF that end it (measured: a
    /// 73-octet UID folded onto its own line came out as `...planner CR CR LF SP LF`), which leaves
    /// a bare CR and a bare LF that strict readers reject. Our values never hold a raw CR (TEXT
    /// escapes line breaks as `\n`), so `CR CR LF SP LF` can only be that fold, and is put back
    /// to the CRLF it split.
    static func repairFolding(_ text: String) -> String {
        // On the UTF-8 bytes, left to right (Foundation's search bridges to UTF-16 and took
        // two thirds of the writer's time).
        let bad: [UInt8] = [0x0D, 0x0D, 0x0A, 0x20, 0x0A]
        let b = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0, i = 0
        while i + bad.count <= b.count {
            if b[i] == 0x0D && b[i + 1] == 0x0D && b[i + 2] == 0x0A && b[i + 3] == 0x20 && b[i + 4] == 0x0A {
                if out.isEmpty { out.reserveCapacity(b.count) }
                out.append(contentsOf: b[copied..<i])
                out.append(contentsOf: [0x0D, 0x0A])
                i += bad.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: b[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// How many X-LIC-ERROR properties libical adds when it parses `text` (nil when it cannot
    /// parse it at all). Wraps `icalparser_parse_string` and `icalcomponent_count_errors`.
    public static func libicalErrorCount(_ text: String) -> Int? {
        LibICal.withLock {
            guard let c = icalparser_parse_string(text) else { return nil }
            defer { icalcomponent_free(c) }
            return Int(icalcomponent_count_errors(c))
        }
    }

    // MARK: - Components (called with the lock held; each returns a new, unowned component)

    private static func event(_ e: CalendarEvent) -> RawComponent {
        let c = icalcomponent_new_vevent()!
        icalcomponent_add_property(c, icalproperty_new_uid(e.uid))
        icalcomponent_add_property(c, icalproperty_new_sequence(Int32(e.sequence)))
        icalcomponent_add_property(c, icalproperty_new_dtstamp(utc(e.dtstamp)))
        switch e.timing {
        case .allDay(let start, let end):
            icalcomponent_add_property(c, icalproperty_new_dtstart(date(start)))
            icalcomponent_add_property(c, icalproperty_new_dtend(date(end)))
        case .londonTime(let day, let from, let to):
            let s = icalproperty_new_dtstart(local(day, minutes: from))!
            icalproperty_add_parameter(s, icalparameter_new_tzid(londonTZID))
            icalcomponent_add_property(c, s)
            let en = icalproperty_new_dtend(local(day, minutes: to))!
            icalproperty_add_parameter(en, icalparameter_new_tzid(londonTZID))
            icalcomponent_add_property(c, en)
        }
        icalcomponent_add_property(c, icalproperty_new_summary(e.summary))
        if let d = e.description { icalcomponent_add_property(c, icalproperty_new_description(d)) }
        let cats = e.categories.map(cleanCategory).filter { !$0.isEmpty }
        if !cats.isEmpty { icalcomponent_add_property(c, icalproperty_new_categories(cats.joined(separator: ","))) }
        if let u = e.url { icalcomponent_add_property(c, icalproperty_new_url(u)) }
        if let st = e.status { icalcomponent_add_property(c, icalproperty_new_status(status(st.rawValue))) }
        return c
    }

    private static func todo(_ t: CalendarTodo) -> RawComponent {
        let c = icalcomponent_new_vtodo()!
        icalcomponent_add_property(c, icalproperty_new_uid(t.uid))
        icalcomponent_add_property(c, icalproperty_new_sequence(Int32(t.sequence)))
        icalcomponent_add_property(c, icalproperty_new_dtstamp(utc(t.dtstamp)))
        icalcomponent_add_property(c, icalproperty_new_due(date(t.due)))
        icalcomponent_add_property(c, icalproperty_new_summary(t.summary))
        if let d = t.description { icalcomponent_add_property(c, icalproperty_new_description(d)) }
        if let st = t.status { icalcomponent_add_property(c, icalproperty_new_status(status(st.rawValue))) }
        return c
    }

    /// A compact Europe/London VTIMEZONE with RRULE transitions (the UK rules since 1996: BST from
    /// 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October; the
    /// Summer Time Order 2002), which Outlook prefers to a list of dates (ical_engineering.md §6.1).
    private static func londonTimezone() -> RawComponent {
        let tz = icalcomponent_new_vtimezone()!
        icalcomponent_add_property(tz, icalproperty_new_tzid(londonTZID))
        let daylight = icalcomponent_new_xdaylight()!
        icalcomponent_add_property(daylight, icalproperty_new_tzname("BST"))
        icalcomponent_add_property(daylight, icalproperty_new_tzoffsetfrom(0))
        icalcomponent_add_property(daylight, icalproperty_new_tzoffsetto(3600))
        icalcomponent_add_property(daylight, icalproperty_new_dtstart(localTime(1970, 3, 29, 1, 0)))
        icalcomponent_add_property(daylight, icalproperty_new_rrule(icalrecurrencetype_from_string("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")))
        icalcomponent_add_component(tz, daylight)
        let standard = icalcomponent_new_xstandard()!
        icalcomponent_add_property(standard, icalproperty_new_tzname("GMT"))
        icalcomponent_add_property(standard, icalproperty_new_tzoffsetfrom(3600))
        icalcomponent_add_property(standard, icalproperty_new_tzoffsetto(0))
        icalcomponent_add_property(standard, icalproperty_new_dtstart(localTime(1970, 10, 25, 2, 0)))
        icalcomponent_add_property(standard, icalproperty_new_rrule(icalrecurrencetype_from_string("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")))
        icalcomponent_add_component(tz, standard)
        return tz
    }

    // MARK: - Values

    private static func status(_ s: String) -> icalproperty_status { icalproperty_string_to_status(s) }

    private static func date(_ d: CivilDate) -> icaltimetype {
        var t = icaltime_null_date()
        t.year = Int32(d.year)
        t.month = Int32(d.month)
        t.day = Int32(d.day)
        return t
    }

    /// A floating wall-clock time: the TZID parameter is added by hand, so libical never attaches
    /// one of its built-in zones (whose ids it would write with its prefix).
    private static func local(_ d: CivilDate, minutes: Int) -> icaltimetype {
        // 24:00 is written as 23:59 of the same day, so an event never ends on the next date.
        let m = min(minutes, 23 * 60 + 59)
        return localTime(d.year, d.month, d.day, m / 60, m % 60)
    }

    private static func localTime(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int) -> icaltimetype {
        var t = icaltime_null_time()
        t.year = Int32(y)
        t.month = Int32(mo)
        t.day = Int32(d)
        t.hour = Int32(h)
        t.minute = Int32(mi)
        return t
    }

    private static func utc(_ s: UTCStamp) -> icaltimetype {
        var t = localTime(s.date.year, s.date.month, s.date.day, s.hour, s.minute)
        t.second = Int32(s.second)
        t.zone = icaltimezone_get_utc_timezone()
        return t
    }

    static func cleanCategory(_ s: String) -> String {
        // Most names and categories have nothing to clean: no comma, semicolon, backslash or
        // line break, no space at either end and no two spaces together. The split and join
        // below give such a string back as it was (every space Character in it lies between
        // two non-empty pieces), so it is returned without them.
        let unchanged = s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            guard let first = b.first, let last = b.last else { return true }
            if first == 0x20 || last == 0x20 { return false }
            var space = false
            for x in b {
                if x == 0x2C || x == 0x3B || x == 0x5C || x == 0x0A || x == 0x0D { return false }
                if x == 0x20 {
                    if space { return false }
                    space = true
                } else {
                    space = false
                }
            }
            return true
        }
        if unchanged == true { return s }
        return cleanCategoryPlain(s)
    }

    /// `cleanCategory` by Unicode scalars, split and join (the plain code its fast path is checked against).
    static func cleanCategoryPlain(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u == "," || u == ";" || u == "\\" || u == "\n" || u == "\r" { out += " " } else { out.unicodeScalars.append(u) }
        }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
