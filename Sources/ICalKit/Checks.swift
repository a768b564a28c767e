import Foundation
import PlannerCore

/// Range checks libical 3.0.16 skips: it accepts `DTSTART:20260230` and `20261301T250000`
/// without an X-LIC-ERROR (measured), and would then silently normalise them.
enum DateValueCheck {

    /// The first out-of-range date or time in a DTSTART/DTEND/RDATE/EXDATE/RECURRENCE-ID value:
    /// byte offset (in the line) of the bad field, the value as written, and why.
    static func firstProblem(_ b: UnsafeBufferPointer<UInt8>, _ p: PropertyLine) -> (
        offset: Int, value: String, reason: String
    )? {
        var i = p.valueStart
        let n = b.count
        while i < n {
            var j = i
            while j < n, b[j] != Bytes.comma { j += 1 }
            // A PERIOD is start/end-or-duration; check both date-times.
            var k = i
            while k < j, b[k] != 0x2F { k += 1 }
            if let r = check(b, i, k) { return r }
            if k < j, k + 1 < j, b[k + 1] != 0x50, b[k + 1] != 0x2B, b[k + 1] != 0x2D, let r = check(b, k + 1, j) {
                return r
            }
            i = j + 1
        }
        return nil
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        var v = 0
        for x in from..<(from + count) {
            let c = b[x]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    private static func check(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (Int, String, String)? {
        let len = e - s
        guard len == 8 || len == 15 || len == 16 else { return nil }
        guard let y = digits(b, s, 4), let m = digits(b, s + 4, 2), let d = digits(b, s + 6, 2) else { return nil }
        let value = Bytes.string(UnsafeBufferPointer(rebasing: b[s..<e]))
        if len > 8 {
            guard b[s + 8] == 0x54 || b[s + 8] == 0x74, len == 15 || b[s + 15] == 0x5A || b[s + 15] == 0x7A else {
                return nil
            }
        }
        if !(1...12).contains(m) { return (s + 4, value, "there is no month \(m)") }
        let dim = CivilDate.daysInMonth(year: y, month: m)
        if d < 1 || d > dim { return (s + 6, value, "\(Format.monthName(m)) \(y) has \(dim) days") }
        if len > 8 {
            guard let hh = digits(b, s + 9, 2), let mm = digits(b, s + 11, 2), let ss = digits(b, s + 13, 2) else {
                return nil
            }
            if hh > 23 { return (s + 9, value, "there is no hour \(hh)") }
            if mm > 59 { return (s + 11, value, "there is no minute \(mm)") }
            if ss > 60 { return (s + 13, value, "there is no second \(ss)") }
        }
        return nil
    }
}

/// RRULE shapes libical 3.0.16 expands differently from RFC 5545 (measured against libical 4.x's src/test/icalrecur_test.txt; e.g. libical/libical#1143, #794).
enum RuleShape {
    static func libicalProblem(_ rule: String, dateOnlyStart: Bool) -> String? {
        var parts: [String: String] = [:]
        var order: [String] = []
        for part in rule.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let k = kv[0].uppercased()
            if parts[k] == nil { order.append(k) }
            parts[k] = kv[1].uppercased()
        }
        let freq = parts["FREQ"] ?? ""
        let subDaily = ["HOURLY", "MINUTELY", "SECONDLY"].contains(freq)
        if parts["BYWEEKNO"] != nil { return "BYWEEKNO" }
        if let pos = parts["BYSETPOS"] {
            if freq != "MONTHLY" && freq != "YEARLY" { return "BYSETPOS with FREQ=\(freq)" }
            if pos.contains(",") { return "BYSETPOS with several positions" }
        }
        for key in order where key.hasPrefix("BY") {
            let values = parts[key]!.split(separator: ",").map(String.init)
            if Set(values).count != values.count { return "duplicate values in \(key)" }
            if key != "BYDAY" {
                let nums = values.compactMap { Int($0) }
                if nums.count == values.count, nums.allSatisfy({ $0 > 0 }), nums != nums.sorted() {
                    return "unsorted \(key)"
                }
            }
        }
        if subDaily, let interval = parts["INTERVAL"], (Int(interval) ?? 1) > 1, order.contains(where: { $0.hasPrefix("BY") })
        {
            return "INTERVAL with BY* parts at FREQ=\(freq)"
        }
        if freq == "DAILY" || subDaily {
            for key in ["BYMONTHDAY", "BYYEARDAY"] where parts[key]?.contains("-") == true {
                return "negative \(key) with FREQ=\(freq)"
            }
        }
        if dateOnlyStart, parts["BYHOUR"] != nil || parts["BYMINUTE"] != nil || parts["BYSECOND"] != nil {
            return "BYHOUR/BYMINUTE/BYSECOND with an all-day DTSTART"
        }
        return nil
    }
}

/// Turns libical's X-LIC-ERROR texts (which name no line) into located messages.
enum LibicalErrorMapper {
    struct Mapped {
        var lineIndex: Int?
        var column: Int?
        var message: String
        var hint: String?
    }

    static func map(_ text: String, block: Block) -> Mapped {
        func after(_ marker: String) -> String? {
            guard let r = text.range(of: marker) else { return nil }
            return String(text[r.upperBound...])
        }
        // "Can't parse as DATE-TIME value in DTSTART property. Removing entire property: 2026XX01"
        if text.hasPrefix("Can't parse as "), let inR = text.range(of: " value in "),
            let propR = text.range(of: " property. Removing entire property:")
        {
            let type = String(text[text.index(text.startIndex, offsetBy: 15)..<inR.lowerBound])
            let name = String(text[inR.upperBound..<propR.lowerBound])
            let value = String(text[propR.upperBound...]).trimmingSpaces
            let hit = find(block, name: name, value: value)
            return Mapped(
                lineIndex: hit?.index, column: hit?.valueColumn,
                message: "\(name) value \"\(value)\" is not a valid \(type)", hint: hint(forType: type))
        }
        if text.hasPrefix("No value for "), let propR = text.range(of: " property.") {
            let name = String(text[text.index(text.startIndex, offsetBy: 13)..<propR.lowerBound])
            let hit = find(block, name: name, value: "")
            return Mapped(
                lineIndex: hit?.index, column: hit?.valueColumn, message: "\(name) has no value",
                hint: "give \(name) a value or delete the line")
        }
        if let param = after("Can't parse parameter name: ") {
            let hit = findText(block, ";" + param)
            return Mapped(
                lineIndex: hit?.index, column: hit.map { $0.column + 1 },
                message: "cannot read the parameter \"\(param)\"",
                hint: "write parameters as ;NAME=VALUE, e.g. DTSTART;TZID=Europe/London:20260205T090000")
        }
        if text.hasPrefix("Invalid VALUE type for property "), let colon = text.range(of: ": VALUE=") {
            let name = String(text[text.index(text.startIndex, offsetBy: 32)..<colon.lowerBound])
            let value = String(text[colon.upperBound...])
            let hit = find(block, name: name, value: nil)
            return Mapped(
                lineIndex: hit?.index, column: nil, message: "unknown VALUE type \"\(value)\" for \(name)",
                hint: "use VALUE=DATE for all-day dates or VALUE=DATE-TIME")
        }
        if let name = after("Parse error in property name: ") {
            let hit = findText(block, name, atStart: true)
            return Mapped(
                lineIndex: hit?.index, column: 1, message: "invalid property name \"\(name)\"",
                hint: "property names use only letters, digits and '-'")
        }
        if let line = after("could not find a property name or component begin tag: ") {
            let hit = findText(block, line, atStart: true)
            return Mapped(
                lineIndex: hit?.index, column: nil, message: "not a content line",
                hint: "each line must read NAME:VALUE")
        }
        let where_ = " (in the VEVENT at line \(block.beginLine))"
        return Mapped(lineIndex: nil, column: nil, message: "libical: \(text)\(where_)", hint: nil)
    }

    static func hint(forType type: String) -> String {
        switch type {
        case "DATE-TIME", "DATE":
            return "write a date as YYYYMMDD and a date-time as YYYYMMDDTHHMMSS (Z for UTC), e.g. 20260205"
        case "RECUR":
            return "an RRULE reads FREQ=...;BY...=..., e.g. FREQ=YEARLY;BYMONTH=2;BYDAY=1TH (RFC 5545 §3.3.10)"
        case "DURATION":
            return "write a duration such as P1D, P1W or PT1H30M"
        default:
            return "fix the value or delete the line"
        }
    }

    /// The first line (any depth) whose property is `name` and whose value is `value`
    /// (or contains it); `value == nil` matches any value.
    static func find(_ block: Block, name: String, value: String?) -> (index: Int, valueColumn: Int?)? {
        var contains: (Int, Int?)?
        var named: (Int, Int?)?
        for i in block.lines.indices {
            let r: (Int, Int?, Bool)? = block.withLine(i) { b in
                guard let p = PropertyLine(b), p.name == name else { return nil }
                let col = p.valueStart <= block.lines[i].firstLength ? Bytes.column(b, byteOffset: p.valueStart) : nil
                guard let value else { return (i, col, true) }
                let v = p.value(b)
                if v == value { return (i, col, true) }
                if !value.isEmpty, v.contains(value) || ICalText.unescape(v) == value { return (i, col, false) }
                if named == nil { named = (i, col) }
                return nil
            }
            if let r {
                if r.2 { return (r.0, r.1) }
                if contains == nil { contains = (r.0, r.1) }
            }
        }
        return contains ?? named
    }

    /// The first line containing `text` (or starting with it); the column is 1-based characters.
    static func findText(_ block: Block, _ text: String, atStart: Bool = false) -> (index: Int, column: Int)? {
        for i in block.lines.indices {
            let line = block.withLine(i) { Bytes.string($0) }
            if atStart {
                if line.hasPrefix(text) { return (i, 0) }
            } else if let r = line.range(of: text) {
                return (i, line.distance(from: line.startIndex, to: r.lowerBound))
            }
        }
        return nil
    }
}
