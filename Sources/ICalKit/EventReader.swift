internal import CLibical
import Foundation
import PlannerCore

/// How a time is anchored: floating (or a civil date), UTC, or a named zone.
enum ZoneRef: Hashable {
    case floating
    case utc
    case named(String)
}

struct OverrideRecord {
    var line: Int
    /// The UID, and the UID's key in `UIDTable` (where its master is).
    var uid: UIDHash
    var masterKey: UIDHash
    var recurrenceID: EventTime
    var zone: ZoneRef
}

/// Where the properties of one event sit in its block (line indices), found without libical.
struct EventFields {
    var uid: Int?
    var summary: Int?
    var description: Int?
    var url: Int?
    var status: Int?
    var categories: [Int] = []
    var groups: Int?
    var services: Int?
    var eligibility: Int?
    var hashtag: Int?
    var dtstart: Int?
    var dtend: Int?
    var duration: Int?
    var recurrenceID: Int?
    var sequence: Int?
    var rrules: [Int] = []
    var rdates: [Int] = []
}

/// Reads single VEVENT blocks: validation, libical parse, X-LIC-ERROR mapping and expansion.
final class EventReader {
    let path: String
    let options: ReadOptions
    let zones = ZoneRegistry()
    var eventCount = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// What counting and end-of-file matching need of one occurrence, in 32 bytes and no string.
    struct OccurrenceRecord {
        var uid: UIDHash
        /// BEGIN line of the event that produced it.
        var line: Int
        /// The start key (`EventTime.key`, in the event's own wall clock) times 4, plus 2 when
        /// the event has a UID, plus 1 when it is a RECURRENCE-ID override.
        var packed: Int64

        var startKey: Int64 { packed >> 2 }
        var hasUID: Bool { packed & 2 != 0 }
        var isOverride: Bool { packed & 1 != 0 }
    }

    /// What a RECURRENCE-ID override needs of its master: zone of DTSTART, whether it is
    /// all-day, and its EXDATEs (`exValues[exStart ..< exStart + exCount]`, each a start key
    /// times 2, or a day number times 2 plus 1 for a date EXDATE of a timed event).
    struct MasterInfo {
        var zone: Int32
        var isDate: Bool
        var exStart: Int32
        var exCount: Int32
    }

    /// Occurrences found so far (none with `summaryOnly`), and beside them, one record per
    /// occurrence (parallel arrays, so the occurrences can be handed on without a copy).
    var occurrences: [Occurrence] = []
    private(set) var records = ChunkedArray<OccurrenceRecord>()
    private var overrides: [OverrideRecord] = []
    /// Every event with a UID (pre-filtered ones too), by UID (+ RECURRENCE-ID): the copy that
    /// wins so far and, when that copy is an expanded master, its `MasterInfo` index.
    private var table = UIDTable()
    /// The table record of the event being processed.
    private var currentRecord: Int?
    private var masters = ChunkedArray<MasterInfo>()
    private var exValues = ChunkedArray<Int64>()
    /// Zone codes of `MasterInfo`: 0 floating, 1 UTC, 2 + i for `zoneNames[i]`.
    private var zoneNames: [String] = []
    private var zoneCodes: [String: Int32] = [:]
    /// BEGIN lines of copies that lost to another copy of their UID.
    private var dropped = Set<Int>()
    private var warnedZones: Set<String> = []
    /// `RuleShape.libicalProblem` answers by rule text (+ all-day mark), at most 4096.
    private var ruleShapes: [String: String?] = [:]
    private let toKey: Int64
    /// What libical is given for one event (reused): the block minus lines it cannot fault.
    private var libicalText: [UInt8] = []

    /// Names of unknown (but well-formed) properties already warned about in this file.
    private var unknownPropertyNames = Set<String>()

    init(path: String, options: ReadOptions) {
        self.path = path
        self.options = options
        toKey = LocalDateTime(date: options.window.to).key
    }

    private func report(
        _ severity: Diagnostic.Severity, _ block: Block, line index: Int?, column: Int? = nil, _ message: String,
        hint: String? = nil
    ) {
        if let index {
            diagnostics.append(
                Diagnostic(
                    severity, SourceLocation(path: path, line: block.lines[index].line, column: column), message,
                    sourceLine: block.sourceLine(index), hint: hint))
        } else {
            diagnostics.append(
                Diagnostic(severity, SourceLocation(path: path), message, hint: hint))
        }
    }

    // MARK: - One event

    func process(_ block: Block) {
        var fields = EventFields()
        var errorLines = Set<Int>()
        var depth = 0
        libicalText.removeAll(keepingCapacity: true)
        for i in block.lines.indices {
            block.withLine(i) { b in
                guard let p = PropertyLine(b) else { return }
                if p.name == "BEGIN" {
                    depth += 1
                } else if p.name == "END" {
                    depth -= 1
                }
                if depth != 1 || !Self.cannotFault(p, b) {
                    libicalText.append(contentsOf: b)
                    libicalText.append(0x0D)
                    libicalText.append(0x0A)
                }
                guard depth == 1, p.name != "BEGIN" else { return }
                switch p.name {
                case "UID": fields.uid = i
                case "SUMMARY": fields.summary = i
                case "DESCRIPTION": fields.description = i
                case "URL": fields.url = i
                case "STATUS": fields.status = i
                case "CATEGORIES": fields.categories.append(i)
                case "X-GP-GROUPS": fields.groups = i
                case "X-GP-SERVICES": fields.services = i
                case "X-GP-ELIGIBILITY": fields.eligibility = i
                case "X-GP-HASHTAG": fields.hashtag = i
                case "DTSTART": fields.dtstart = i
                case "DTEND": fields.dtend = i
                case "DURATION": fields.duration = i
                case "RECURRENCE-ID":
                    fields.recurrenceID = i
                    if !p.paramsRange.isEmpty, p.parameter("RANGE", b)?.uppercased() == "THISANDFUTURE" {
                        report(
                            .warning, block, line: i,
                            "RANGE=THISANDFUTURE is read as a change to this one instance; later instances keep the master's times",
                            hint: "split the series: end the old RRULE with UNTIL and start a new event")
                    }
                case "SEQUENCE": fields.sequence = i
                case "RRULE": fields.rrules.append(i)
                case "RDATE": fields.rdates.append(i)
                default: break
                }
                switch p.name {
                case "DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE":
                    if !p.paramsRange.isEmpty, p.parameter("VALUE", b)?.uppercased() == "DATE",
                        let t = p.value(b).split(separator: ",").first(where: { $0.utf8.contains(0x54) })
                    {
                        // libical 3.0.16 silently reads such a value as a date-time (measured).
                        report(
                            .error, block, line: i,
                            "\(p.name) says VALUE=DATE but \"\(t)\" is a date-time",
                            hint: "for an all-day date write only YYYYMMDD; for a time drop ;VALUE=DATE")
                        errorLines.insert(i)
                    } else if let problem = DateValueCheck.firstProblem(b, p) {
                        let r = block.lines[i]
                        let col = problem.offset < r.firstLength ? Bytes.column(b, byteOffset: problem.offset) : nil
                        report(
                            .error, block, line: i, column: col,
                            "\(p.name) value \"\(problem.value)\" is not a valid date: \(problem.reason)",
                            hint: "write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205")
                        errorLines.insert(i)
                    }
                default: break
                }
            }
        }
        if let i = fields.eligibility { checkEligibility(block, line: i) }
        if fields.dtstart == nil {
            report(
                .error, block, line: 0, "VEVENT has no DTSTART",
                hint: "add DTSTART;VALUE=DATE:YYYYMMDD for an all-day event (or a date-time for a timed one)")
            errorLines.insert(0)
        }
        currentRecord = nil
        if let u = fields.uid {
            let uid = block.withLine(u) { b in PropertyLine(b)!.value(b).trimmingSpaces }
            let seq = fields.sequence.flatMap { i in Int(block.withLine(i) { b in PropertyLine(b)!.value(b) }.trimmingSpaces) }
            let rid = fields.recurrenceID.map { i in block.withLine(i) { b in Bytes.string(UnsafeBufferPointer(rebasing: b[PropertyLine(b)!.paramsRange.lowerBound...])) } }
            currentRecord = register(uid: uid, sequence: seq ?? -1, line: block.beginLine, recurrenceID: rid)
        }
        if errorLines.isEmpty, fields.recurrenceID == nil,
            PreFilter.cannotTouch(block, fields, window: options.window)
        {
            return
        }
        parseWithLibical(block, fields, errorLines: errorLines)
    }

    /// Reports every fault of an `X-GP-ELIGIBILITY` value at its column (docs/eligibility.md).
    /// The event is still read; the planner then uses its groups instead of the rule.
    private func checkEligibility(_ block: Block, line i: Int) {
        let (value, valueColumn) = block.withLine(i) { b -> (String, Int) in
            let p = PropertyLine(b)!
            return (p.value(b), Bytes.column(b, byteOffset: p.valueStart))
        }
        do {
            _ = try EligibilityRule.parse(value)
        } catch {
            for e in error.errors {
                diagnostics.append(
                    e.diagnostic(
                        path: path, line: block.lines[i].line, sourceLine: block.sourceLine(i), valueColumn: valueColumn))
            }
        }
    }

    /// Properties libical 3.0.16 stores as written when they have no parameters: TEXT values,
    /// URL, X- properties, and STATUS/TRANSP/CLASS (it accepts any word there; measured). For
    /// these it never adds an X-LIC-ERROR, except "No value for ... property" when the value is
    /// empty, which RFC 5545 allows for TEXT (§3.3.11: `text = *(...)`; Outlook writes
    /// `LOCATION:`). Leaving them out of what libical parses changes no result: the reader
    /// takes these fields from its own line split.
    static func cannotFault(_ p: PropertyLine, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.paramsRange.isEmpty else { return false }
        return isFreeText(p.name)
    }

    static func isFreeText(_ name: String) -> Bool {
        switch name {
        case "SUMMARY", "DESCRIPTION", "COMMENT", "LOCATION", "CATEGORIES", "UID", "URL", "CONTACT", "RESOURCES",
            "CLASS", "STATUS", "TRANSP":
            return true
        default:
            guard name.hasPrefix("X-"), name.utf8.count > 2 else { return false }
            return name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
    }

    private func parseWithLibical(_ block: Block, _ fields: EventFields, errorLines: Set<Int>) {
        libicalText.append(0)
        let parsed = libicalText.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { icalparser_parse_string($0) }
        }
        guard let parsed else {
            report(.error, block, line: 0, "libical could not parse this event", hint: "check the event's lines")
            return
        }
        let box = ComponentBox(parsed)
        var errors = errorLines
        var nestedWarned = Set<Int>()
        var messages: [(text: String, nested: String?)] = []
        collectErrors(box.raw, nestedIn: nil, into: &messages)
        for (m, nested) in messages {
            // RFC 5545 allows properties it does not define (iana-prop: a name of letters, digits
            // and '-', e.g. RFC 9253's LINK or Teamup's SUBCALENDAR-ID); libical 3.0.16 rejects
            // them. They carry nothing the planner reads: ignore them, warning once per name.
            if let r = m.range(of: "Parse error in property name: ") {
                let name = String(m[r.upperBound...])
                if !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                    || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
                {
                    if unknownPropertyNames.insert(name.uppercased()).inserted {
                        let hit = LibicalErrorMapper.map(m, block: block)
                        report(
                            .warning, block, line: hit.lineIndex, column: hit.column,
                            "property \"\(name)\" is not one the planner knows; ignored (further uses in this file are ignored silently)")
                    }
                    continue
                }
            }
            // An empty TEXT value is valid iCalendar (see `cannotFault`); libical still flags it
            // in nested components (e.g. a VALARM's DESCRIPTION:).
            if m.hasPrefix("No value for "), let end = m.range(of: " property.") {
                let name = String(m[m.index(m.startIndex, offsetBy: 13)..<end.lowerBound])
                if Self.isFreeText(name) || name == "X" { continue }
            }
            let mapped = LibicalErrorMapper.map(m, block: block)
            if let line = mapped.lineIndex, errors.contains(line) { continue }  // already reported more precisely
            if let nested {
                if let line = mapped.lineIndex, !nestedWarned.insert(line).inserted { continue }  // one per line
                // A fault inside a VALARM (or another nested component) does not touch the day
                // itself: the planner never reads alarms. Warn, and keep the event.
                report(
                    .warning, block, line: mapped.lineIndex, column: mapped.column,
                    "\(mapped.message) (in a \(nested); the \(nested) is ignored, the event is read)", hint: mapped.hint)
                continue
            }
            if let line = mapped.lineIndex {
                report(.error, block, line: line, column: mapped.column, mapped.message, hint: mapped.hint)
                errors.insert(line)
            } else {
                report(.error, block, line: nil, mapped.message, hint: mapped.hint)
                errors.insert(-1)
            }
        }
        guard errors.isEmpty else { return }
        expand(box.raw, block, fields)
    }

    /// Walks X-LIC-ERROR properties of `c` and its children (libical fact 1); copies each at once.
    /// `nestedIn` names the component kind below the VEVENT (e.g. "VALARM"), nil for the event itself.
    private func collectErrors(_ c: RawComponent, nestedIn: String?, into out: inout [(text: String, nested: String?)]) {
        var p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY)
        while let q = p {
            if let s = icalproperty_get_xlicerror(q) { out.append((String(cString: s), nestedIn)) }
            p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)
        }
        var child = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT)
        while let k = child {
            let kind = icalcomponent_isa(k)
            // The parse result is the VEVENT itself or a wrapper around it; below a VEVENT is nested.
            let isEvent = kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VCALENDAR_COMPONENT
                || kind == ICAL_XROOT_COMPONENT || kind == ICAL_VTIMEZONE_COMPONENT
                || kind == ICAL_XSTANDARD_COMPONENT || kind == ICAL_XDAYLIGHT_COMPONENT
            let name = icalcomponent_kind_to_string(kind).map { String(cString: $0) } ?? "component"
            let inside = nestedIn ?? (icalcomponent_isa(c) == ICAL_VEVENT_COMPONENT && !isEvent ? name : nil)
            collectErrors(k, nestedIn: inside, into: &out)
            child = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)
        }
    }

    // MARK: - Times

    private struct ZoneUse {
        var ref: ZoneRef
        var raw: RawZone?
        /// The Occurrence.timezone value.
        var label: String?
    }

    private static func tzidParameter(_ p: OpaquePointer) -> String? {
        guard let param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER),
            let s = icalparameter_get_tzid(param)
        else { return nil }
        return String(cString: s)
    }

    private func zoneUse(_ t: icaltimetype, _ tzid: String?, _ block: Block, lineIndex: Int?) -> ZoneUse {
        if t.is_date != 0 { return ZoneUse(ref: .floating, raw: nil, label: nil) }
        if icaltime_is_utc(t) != 0 { return ZoneUse(ref: .utc, raw: icaltimezone_get_utc_timezone(), label: "UTC") }
        guard let tzid else { return ZoneUse(ref: .floating, raw: nil, label: nil) }
        if let z = zones.resolve(tzid) { return ZoneUse(ref: .named(tzid), raw: z, label: tzid) }
        let fallback = options.defaultTimeZone
        if !warnedZones.contains(tzid) {
            warnedZones.insert(tzid)
            report(
                .warning, block, line: lineIndex,
                "unknown time zone \"\(tzid)\": no VTIMEZONE in the file and not a system zone; read in \(fallback)",
                hint: "add a VTIMEZONE for \"\(tzid)\" or use an IANA name such as Europe/London")
        }
        return ZoneUse(ref: .named(fallback), raw: icaltimezone_get_builtin_timezone(fallback), label: fallback)
    }

    /// `t` (in zone `from`) as a wall-clock time in zone `to`.
    private func convert(_ t: icaltimetype, from: ZoneUse, to: ZoneUse) -> icaltimetype {
        guard t.is_date == 0, from.ref != to.ref, let f = from.raw, let z = to.raw, to.ref != .floating,
            from.ref != .floating
        else { return t }
        var x = t
        x.zone = f
        var y = icaltime_convert_to_zone(x, z)
        y.zone = nil
        return y
    }

    private static func eventTime(_ t: icaltimetype) -> EventTime {
        let d = CivilDate(year: Int(t.year), month: Int(t.month), day: Int(t.day))
        if t.is_date != 0 { return .date(d) }
        return .dateTime(LocalDateTime(date: d, hour: Int(t.hour), minute: Int(t.minute), second: Int(t.second)))
    }

    /// An event's length: whole days for all-day events, wall-clock seconds otherwise.
    enum Span {
        case days(Int)
        case seconds(Int)

        func end(from start: EventTime) -> EventTime {
            switch (self, start) {
            case (.days(let n), .date(let d)): return .date(d.adding(days: n))
            case (.seconds(let s), .dateTime(let t)):
                return .dateTime(LocalDateTime(secondsSinceEpoch: t.secondsSinceEpoch + s))
            case (.days(let n), .dateTime(let t)):
                return .dateTime(LocalDateTime(secondsSinceEpoch: t.secondsSinceEpoch + n * 86_400))
            case (.seconds(let s), .date(let d)):
                return .date(d.adding(days: max(1, (s + 86_399) / 86_400)))
            }
        }

        var wholeDays: Int {
            switch self {
            case .days(let n): return n
            case .seconds(let s): return (s + 86_399) / 86_400
            }
        }
    }

    // MARK: - Expansion

    /// The time properties of one VEVENT as libical read them.
    private struct TimeProperties {
        var dtstart: (t: icaltimetype, tzid: String?)?
        var dtend: (t: icaltimetype, tzid: String?)?
        var duration: icaldurationtype?
        var recurrenceID: (t: icaltimetype, tzid: String?)?
        var rrules: [icalrecurrencetype] = []
        var rdates: [(v: icaldatetimeperiodtype, tzid: String?)] = []
        var exdates: [(t: icaltimetype, tzid: String?)] = []
    }

    /// One instance of the recurrence set: its start and length.
    private typealias Instance = (start: EventTime, span: Span)

    /// Walks the event's properties (`icalcomponent_get_first_property` and `_next_property`).
    private static func timeProperties(of comp: RawComponent) -> TimeProperties {
        var props = TimeProperties()
        var p = icalcomponent_get_first_property(comp, ICAL_ANY_PROPERTY)
        while let q = p {
            switch icalproperty_isa(q) {
            case ICAL_DTSTART_PROPERTY: props.dtstart = (icalproperty_get_dtstart(q), Self.tzidParameter(q))
            case ICAL_DTEND_PROPERTY: props.dtend = (icalproperty_get_dtend(q), Self.tzidParameter(q))
            case ICAL_DURATION_PROPERTY: props.duration = icalproperty_get_duration(q)
            case ICAL_RECURRENCEID_PROPERTY:
                props.recurrenceID = (icalproperty_get_recurrenceid(q), Self.tzidParameter(q))
            case ICAL_RRULE_PROPERTY: props.rrules.append(icalproperty_get_rrule(q))
            case ICAL_RDATE_PROPERTY: props.rdates.append((icalproperty_get_rdate(q), Self.tzidParameter(q)))
            case ICAL_EXDATE_PROPERTY: props.exdates.append((icalproperty_get_exdate(q), Self.tzidParameter(q)))
            default: break
            }
            p = icalcomponent_get_next_property(comp, ICAL_ANY_PROPERTY)
        }
        return props
    }

    private func expand(_ comp: RawComponent, _ block: Block, _ fields: EventFields) {
        let props = Self.timeProperties(of: comp)
        guard let dtstart = props.dtstart, icaltime_is_null_time(dtstart.t) == 0 else {
            report(.error, block, line: fields.dtstart ?? 0, "DTSTART has no usable value")
            return
        }
        let startZone = zoneUse(dtstart.t, dtstart.tzid, block, lineIndex: fields.dtstart)
        var start = Self.eventTime(dtstart.t)
        let isDate = dtstart.t.is_date != 0
        let rrules = props.rrules, rdates = props.rdates, recurrenceID = props.recurrenceID
        let recurring = !rrules.isEmpty || !rdates.isEmpty
        let span = length(
            props, start: &start, startZone: startZone, isDate: isDate, recurring: recurring, block, fields)

        // Text fields come from our own line split (unescaped per RFC 5545 §3.3.11).
        let uid = fields.uid.map { i in block.withLine(i) { b in PropertyLine(b)!.value(b).trimmingSpaces } }
        let status = fields.status.map { i in block.withLine(i) { b in PropertyLine(b)!.value(b).trimmingSpaces.uppercased() } }
        if let recurrenceID, let uid, icaltime_is_null_time(recurrenceID.t) == 0 {
            let z = zoneUse(recurrenceID.t, recurrenceID.tzid, block, lineIndex: fields.recurrenceID)
            overrides.append(
                OverrideRecord(
                    line: block.beginLine, uid: UIDHash(uid), masterKey: UIDHash(uid, recurrenceID: ""), recurrenceID: Self.eventTime(recurrenceID.t), zone: z.ref))
        }
        if status == "CANCELLED" { return }
        let isOverride = recurrenceID != nil

        if !isOverride, !rrules.isEmpty, rdates.isEmpty,
            Self.rulesEndBeforeStart(rrules, dtstart: dtstart.t, startZone: startZone)
        {
            report(
                .warning, block, line: fields.rrules.first,
                "RRULE ends (UNTIL) before DTSTART, so the event has no dates; it is left out",
                hint: "check the UNTIL date, or remove the RRULE if the event happens once")
            return
        }
        var instances: [Instance] = [(start, span)]
        var seen: Set<Int64> = [start.key]
        if !isOverride {
            for (k, rule) in rrules.enumerated() {
                let lineIndex = k < fields.rrules.count ? fields.rrules[k] : nil
                guard
                    addRuleInstances(
                        rule, lineIndex: lineIndex, dtstart: dtstart.t, start: start, span: span, isDate: isDate,
                        startZone: startZone, block, into: &instances, seen: &seen)
                else { return }
            }
            addRDateInstances(
                rdates, start: start, span: span, isDate: isDate, startZone: startZone, block, fields,
                into: &instances, seen: &seen)
        }
        let ex = exclusions(props.exdates, start: start, isDate: isDate, startZone: startZone, block)
        let exKeys = ex.keys, exDays = ex.days, exList = ex.list

        // The winning copy of a master keeps what its overrides need (at the end of the file).
        if recurrenceID == nil, uid != nil, let r = currentRecord, table[r].line == block.beginLine {
            table[r].master = Int32(masters.count)
            masters.append(
                MasterInfo(
                    zone: zoneCode(startZone.ref), isDate: isDate, exStart: Int32(exValues.count),
                    exCount: Int32(exList.count)))
            for v in exList { exValues.append(v) }
        }
        let uidHash = uid.map { UIDHash($0) } ?? .none
        let flags: Int64 = (uid != nil ? 2 : 0) + (isOverride ? 1 : 0)
        var base: Occurrence?
        for inst in instances {
            if exKeys.contains(inst.start.key) || (!exDays.isEmpty && exDays.contains(inst.start.civilDate.daysSinceEpoch)) {
                continue
            }
            let end = inst.span.end(from: inst.start)
            guard options.window.contains(start: inst.start, end: end) else { continue }
            records.append(OccurrenceRecord(uid: uidHash, line: block.beginLine, packed: inst.start.key &* 4 &+ flags))
            if options.summaryOnly { continue }
            if base == nil { base = makeOccurrence(block, fields, uid: uid, status: status, zone: startZone.label) }
            var o = base!
            o.start = inst.start
            o.end = end
            occurrences.append(o)
        }
    }

    /// The event's length (RFC 5545 §3.6.1 defaults; DURATION nominal; DTEND exact, in
    /// wall-clock time). A DTEND before DTSTART is read with the two swapped (as python
    /// recurring-ical-events does), with a warning; `start` is then the DTEND.
    private func length(
        _ props: TimeProperties, start: inout EventTime, startZone: ZoneUse, isDate: Bool, recurring: Bool,
        _ block: Block, _ fields: EventFields
    ) -> Span {
        var span: Span = isDate ? .days(1) : .seconds(0)
        if let dtend = props.dtend, icaltime_is_null_time(dtend.t) == 0 {
            let endZone = zoneUse(dtend.t, dtend.tzid, block, lineIndex: fields.dtend)
            var endTime = Self.eventTime(convert(dtend.t, from: endZone, to: startZone))
            if isDate {
                if !endTime.isDate { endTime = .date(endTime.civilDate.adding(days: endTime.wallClock.secondsSinceEpoch % 86_400 == 0 ? 0 : 1)) }
                var days = start.civilDate.days(to: endTime.civilDate)
                if days < 0 && !recurring {
                    report(
                        .warning, block, line: fields.dtend, "DTEND is before DTSTART; read with the two swapped",
                        hint: "swap DTSTART and DTEND or fix the date")
                    start = endTime
                    days = -days
                } else if days <= 0 {
                    report(
                        .warning, block, line: fields.dtend, "DTEND is not after DTSTART; read as a one-day event",
                        hint: "DTEND of an all-day event is exclusive: the day after the last day")
                }
                span = .days(max(1, days))
            } else {
                var secs = endTime.wallClock.secondsSinceEpoch - start.wallClock.secondsSinceEpoch
                if secs < 0 && !recurring {
                    report(
                        .warning, block, line: fields.dtend, "DTEND is before DTSTART; read with the two swapped",
                        hint: "swap DTSTART and DTEND or fix the date")
                    start = .dateTime(endTime.wallClock)
                    secs = -secs
                } else if secs < 0 {
                    report(
                        .warning, block, line: fields.dtend, "DTEND is before DTSTART; read as zero length",
                        hint: "swap DTSTART and DTEND or fix the date")
                }
                span = .seconds(max(0, secs))
            }
        } else if let d = props.duration {
            let days = Int(d.days) + 7 * Int(d.weeks)
            let secs = Int(d.hours) * 3600 + Int(d.minutes) * 60 + Int(d.seconds)
            if d.is_neg != 0 {
                report(
                    .warning, block, line: fields.duration, "DURATION is negative; read as the default length",
                    hint: "write a positive duration such as P1D or PT1H")
            } else if isDate {
                span = .days(max(1, days + (secs + 86_399) / 86_400))
            } else {
                span = .seconds(days * 86_400 + secs)
            }
        }
        return span
    }

    /// Whether every rule's UNTIL falls before DTSTART, so the rules describe no dates. RFC
    /// 5545 leaves such a set undefined; the event is left out, as python's
    /// recurring-ical-events does (its issue 117), with a warning instead of a silent single day.
    private static func rulesEndBeforeStart(
        _ rrules: [icalrecurrencetype], dtstart: icaltimetype, startZone: ZoneUse
    ) -> Bool {
        var first = dtstart
        if case .named = startZone.ref { first.zone = startZone.raw }
        return rrules.allSatisfy { r in
            guard icaltime_is_null_time(r.until) == 0 else { return false }
            var until = r.until
            if until.is_date != 0 || first.is_date != 0 {
                until.is_date = 1
                first.is_date = 1
            }
            return icaltime_compare(until, first) < 0
        }
    }

    /// Adds the instances of one RRULE up to the window's end (at most
    /// `maxInstancesPerRule`); false (reported) when libical rejects the rule.
    private func addRuleInstances(
        _ rule: icalrecurrencetype, lineIndex: Int?, dtstart: icaltimetype, start: EventTime, span: Span,
        isDate: Bool, startZone: ZoneUse, _ block: Block, into instances: inout [Instance], seen: inout Set<Int64>
    ) -> Bool {
        if let lineIndex { checkRuleShape(block, lineIndex, isDate: isDate) }
        // With the zone attached, libical compares a UTC UNTIL with the instances in
        // absolute time (without it, 09:00 London against UNTIL=...T080000Z in summer
        // would drop the last instance).
        var first = dtstart
        if case .named = startZone.ref { first.zone = startZone.raw }
        guard let it = icalrecur_iterator_new(rule, first) else {
            report(
                .error, block, line: lineIndex, "RRULE produces no dates (libical rejects it)",
                hint: "check FREQ and the BY* parts; e.g. February has no 30th")
            return false
        }
        defer { icalrecur_iterator_free(it) }
        if rule.count == 0 {
            // Jump close to the window, early enough that an instance that started
            // before the window and still overlaps it is kept.
            let back = options.window.from.adding(days: -(span.wholeDays + 1))
            if back > start.civilDate {
                var s = first
                s.year = Int32(back.year)
                s.month = Int32(back.month)
                s.day = Int32(back.day)
                icalrecur_iterator_set_start(it, s)
            }
        }
        var produced = 0
        while true {
            let t = icalrecur_iterator_next(it)
            if icaltime_is_null_time(t) != 0 { break }
            let e = Self.eventTime(t)
            if e.key >= toKey { break }
            produced += 1
            if produced > options.maxInstancesPerRule {
                report(
                    .warning, block, line: lineIndex,
                    "RRULE stopped after \(options.maxInstancesPerRule) instances before the window ends",
                    hint: "the rule repeats too often for a planning calendar; later instances are left out")
                break
            }
            if seen.insert(e.key).inserted { instances.append((e, span)) }
        }
        return true
    }

    /// Adds the RDATEs (dates, date-times and periods) in DTSTART's zone and form.
    private func addRDateInstances(
        _ rdates: [(v: icaldatetimeperiodtype, tzid: String?)], start: EventTime, span: Span, isDate: Bool,
        startZone: ZoneUse, _ block: Block, _ fields: EventFields, into instances: inout [Instance],
        seen: inout Set<Int64>
    ) {
        for rd in rdates {
            if icaltime_is_null_time(rd.v.time) == 0 {
                let z = zoneUse(rd.v.time, rd.tzid, block, lineIndex: fields.rdates.first)
                let e = Self.normalise(Self.eventTime(convert(rd.v.time, from: z, to: startZone)), like: start)
                if seen.insert(e.key).inserted { instances.append((e, span)) }
            } else if icaltime_is_null_time(rd.v.period.start) == 0 {
                // RDATE;VALUE=PERIOD (libical 3.0.16 ignores it in its own expansion).
                let per = rd.v.period
                let z = zoneUse(per.start, rd.tzid, block, lineIndex: fields.rdates.first)
                let s = Self.normalise(Self.eventTime(convert(per.start, from: z, to: startZone)), like: start)
                var pspan = span
                if icaltime_is_null_time(per.end) == 0 {
                    let e = Self.eventTime(convert(per.end, from: z, to: startZone))
                    pspan = .seconds(max(0, e.wallClock.secondsSinceEpoch - s.wallClock.secondsSinceEpoch))
                } else {
                    let d = per.duration
                    pspan = .seconds(
                        (Int(d.days) + 7 * Int(d.weeks)) * 86_400 + Int(d.hours) * 3600 + Int(d.minutes) * 60
                            + Int(d.seconds))
                }
                if isDate { pspan = .days(max(1, pspan.wholeDays)) }
                if seen.insert(s.key).inserted { instances.append((s, pspan)) }
            }
        }
    }

    /// The EXDATEs as start keys, as day numbers (a date EXDATE of a timed event removes the
    /// whole day), and as the list a master keeps for its overrides (key times 2, or day
    /// number times 2 plus 1).
    private func exclusions(
        _ exdates: [(t: icaltimetype, tzid: String?)], start: EventTime, isDate: Bool, startZone: ZoneUse,
        _ block: Block
    ) -> (keys: Set<Int64>, days: Set<Int>, list: [Int64]) {
        var exKeys = Set<Int64>()
        var exDays = Set<Int>()
        var exList: [Int64] = []
        for ex in exdates where icaltime_is_null_time(ex.t) == 0 {
            if ex.t.is_date != 0 && !isDate {
                let day = Self.eventTime(ex.t).civilDate.daysSinceEpoch
                if exDays.insert(day).inserted { exList.append(Int64(day) * 2 + 1) }
            } else {
                let z = zoneUse(ex.t, ex.tzid, block, lineIndex: nil)
                let key = Self.normalise(Self.eventTime(convert(ex.t, from: z, to: startZone)), like: start).key
                if exKeys.insert(key).inserted { exList.append(key * 2) }
            }
        }
        return (exKeys, exDays, exList)
    }

    /// A DATE-TIME instance of an all-day event becomes its date, and vice versa midnight.
    private static func normalise(_ e: EventTime, like start: EventTime) -> EventTime {
        switch (e, start) {
        case (.dateTime(let t), .date): return .date(t.date)
        case (.date(let d), .dateTime): return .dateTime(LocalDateTime(date: d))
        default: return e
        }
    }

    private func makeOccurrence(_ block: Block, _ f: EventFields, uid: String?, status: String?, zone: String?)
        -> Occurrence
    {
        func text(_ i: Int?) -> String? {
            guard let i else { return nil }
            return block.withLine(i) { b in PropertyLine(b)!.textValue(b) }
        }
        func list(_ i: Int?) -> [String]? {
            guard let i else { return nil }
            let raw = block.withLine(i) { b in PropertyLine(b)!.value(b) }
            return raw.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        }
        var categories: [String] = []
        for i in f.categories {
            let raw = block.withLine(i) { b in PropertyLine(b)!.value(b) }
            categories += ICalText.splitList(raw).map(\.trimmingSpaces).filter { !$0.isEmpty }
        }
        return Occurrence(
            uid: uid, title: text(f.summary) ?? "", start: .date(options.window.from), end: .date(options.window.from),
            timezone: zone, categories: categories, status: status,
            source: SourceLocation(path: path, line: block.beginLine),
            description: text(f.description), url: text(f.url).map(\.trimmingSpaces),
            explicitGroups: list(f.groups), explicitServices: list(f.services),
            eligibility: f.eligibility.map { i in block.withLine(i) { b in PropertyLine(b)!.value(b).trimmingSpaces } },
            hashtag: text(f.hashtag).map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 })
    }

    private func checkRuleShape(_ block: Block, _ lineIndex: Int, isDate: Bool) {
        let value = block.withLine(lineIndex) { b in PropertyLine(b)!.value(b) }
        // Calendars repeat a few rule shapes many times: remember the answers (bounded).
        let problem: String?
        if let known = ruleShapes[value + (isDate ? "\u{1F}D" : "")] {
            problem = known
        } else {
            problem = RuleShape.libicalProblem(value, dateOnlyStart: isDate)
            if ruleShapes.count >= 4096 { ruleShapes = [:] }
            ruleShapes[value + (isDate ? "\u{1F}D" : "")] = .some(problem)
        }
        guard let problem else { return }
        report(
            .warning, block, line: lineIndex,
            "libical 3.0.16 expands this RRULE incorrectly (\(problem)); the dates may differ from RFC 5545",
            hint: "check the dates by hand, or write the rule as a simpler RRULE or as RDATEs")
    }

    // MARK: - Copies of one UID; RECURRENCE-ID overrides at the end of the file

    /// Several copies of one UID (+ RECURRENCE-ID): the highest SEQUENCE wins, the first in
    /// the file on a tie (as python recurring-ical-events does); the others are left out.
    /// Returns the UID's table record.
    private func register(uid: String, sequence: Int, line: Int, recurrenceID: String?) -> Int {
        let key = UIDHash(uid, recurrenceID: recurrenceID ?? "")
        guard let r = table.find(key) else {
            return table.insert(UIDTable.Record(key: key, sequence: sequence, line: line, master: -1))
        }
        let w = table[r]
        let newer = sequence > w.sequence || (sequence == w.sequence && line < w.line)
        let keep: (sequence: Int, line: Int) = newer ? (sequence, line) : (w.sequence, w.line)
        let lose: (sequence: Int, line: Int) = newer ? (w.sequence, w.line) : (sequence, line)
        if newer {
            // The new winner keeps no master data until it is expanded.
            table[r] = UIDTable.Record(key: key, sequence: sequence, line: line, master: -1)
        }
        dropped.insert(lose.line)
        let what = recurrenceID == nil ? "VEVENT" : "override (RECURRENCE-ID)"
        diagnostics.append(
            Diagnostic(
                .warning, SourceLocation(path: path, line: lose.line),
                "another \(what) with UID \"\(uid)\" (line \(keep.line), SEQUENCE \(keep.sequence)) replaces this one (SEQUENCE \(lose.sequence))",
                sourceLine: "BEGIN:VEVENT", hint: "delete the outdated copy or give each event its own UID"))
        return r
    }

    /// End of file: RECURRENCE-ID overrides replace or cancel the instance they name; an
    /// override whose instance the winning master excludes is dropped; losing copies go.
    func finish() {
        defer {
            overrides = []
            table = UIDTable()
            dropped = []
            masters = ChunkedArray()
            exValues = ChunkedArray()
        }
        struct Instance: Hashable {
            var uid: UIDHash
            var key: Int64
        }
        var replaced = Set<Instance>()
        var uids = Set<UIDHash>()
        for o in overrides where !dropped.contains(o.line) {
            guard let r = table.find(o.masterKey), table[r].master >= 0 else { continue }
            let master = masters[Int(table[r].master)]
            let masterZone = zoneRef(master.zone)
            var key: Int64
            if master.isDate {
                key = EventTime.date(o.recurrenceID.civilDate).key
            } else if o.zone != masterZone, o.zone != .floating, masterZone != .floating,
                case .dateTime(let lt) = o.recurrenceID
            {
                key = convertKey(lt, from: o.zone, to: masterZone)
            } else {
                key = EventTime.dateTime(o.recurrenceID.wallClock).key
            }
            let day = Int64(o.recurrenceID.civilDate.daysSinceEpoch) * 2 + 1
            let ex = Int(master.exStart)..<Int(master.exStart + master.exCount)
            if ex.contains(where: { exValues[$0] == key * 2 || exValues[$0] == day }) {
                dropped.insert(o.line)
            }
            replaced.insert(Instance(uid: o.uid, key: key))
            uids.insert(o.uid)
        }
        guard !dropped.isEmpty || !uids.isEmpty else { return }
        var kept = 0
        let full = !occurrences.isEmpty
        for i in 0..<records.count {
            let r = records[i]
            var drop = dropped.contains(r.line)
            if !drop, !r.isOverride, r.hasUID, uids.contains(r.uid) {
                drop = replaced.contains(Instance(uid: r.uid, key: r.startKey))
            }
            if !drop {
                if full { occurrences.swapAt(kept, i) }
                records[kept] = r
                kept += 1
            }
        }
        if full { occurrences.removeLast(occurrences.count - kept) }
        records.truncate(to: kept)
    }

    private func zoneCode(_ ref: ZoneRef) -> Int32 {
        switch ref {
        case .floating: return 0
        case .utc: return 1
        case .named(let n):
            if let c = zoneCodes[n] { return c }
            let c = Int32(2 + zoneNames.count)
            zoneNames.append(n)
            zoneCodes[n] = c
            return c
        }
    }

    private func zoneRef(_ code: Int32) -> ZoneRef {
        switch code {
        case 0: return .floating
        case 1: return .utc
        default: return .named(zoneNames[Int(code) - 2])
        }
    }

    private func rawZone(_ ref: ZoneRef) -> RawZone? {
        switch ref {
        case .floating: return nil
        case .utc: return icaltimezone_get_utc_timezone()
        case .named(let n): return zones.resolve(n) ?? icaltimezone_get_builtin_timezone(n)
        }
    }

    private func convertKey(_ t: LocalDateTime, from: ZoneRef, to: ZoneRef) -> Int64 {
        guard let f = rawZone(from), let z = rawZone(to) else { return t.key }
        var x = icaltime_null_time()
        x.year = Int32(t.date.year)
        x.month = Int32(t.date.month)
        x.day = Int32(t.date.day)
        x.hour = Int32(t.hour)
        x.minute = Int32(t.minute)
        x.second = Int32(t.second)
        x.is_date = 0
        x.zone = f
        let y = icaltime_convert_to_zone(x, z)
        return Self.eventTime(y).key
    }
}
