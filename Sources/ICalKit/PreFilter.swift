import PlannerCore

/// A cheap look at an event's raw text that proves it cannot touch the window, so libical is
/// never called for it. It answers "cannot touch" only when sure; anything unusual (RDATE,
/// COUNT without UNTIL, zones that differ between DTSTART and DTEND, odd values) goes to libical.
enum PreFilter {
    struct RawTime {
        var time: EventTime
        var tzid: String?
        var utc: Bool
    }

    static func rawTime(_ block: Block, _ index: Int) -> RawTime? {
        block.withLine(index) { b -> RawTime? in
            guard let p = PropertyLine(b) else { return nil }
            let tzid = p.paramsRange.isEmpty ? nil : p.parameter("TZID", b)
            let n = b.count - p.valueStart
            let s = p.valueStart
            func num(_ o: Int, _ c: Int) -> Int? {
                var v = 0
                for x in (s + o)..<(s + o + c) {
                    let ch = b[x]
                    guard ch >= 0x30, ch <= 0x39 else { return nil }
                    v = v * 10 + Int(ch - 0x30)
                }
                return v
            }
            guard n == 8 || n == 15 || n == 16, let y = num(0, 4), let m = num(4, 2), let d = num(6, 2) else {
                return nil
            }
            let date = CivilDate(year: y, month: m, day: d)
            guard date.isValid else { return nil }
            if n == 8 { return RawTime(time: .date(date), tzid: nil, utc: false) }
            guard b[s + 8] == 0x54, let hh = num(9, 2), let mm = num(11, 2), let ss = num(13, 2), hh < 24, mm < 60,
                ss < 61
            else { return nil }
            let utc = n == 16
            if utc, b[s + 15] != 0x5A { return nil }
            return RawTime(
                time: .dateTime(LocalDateTime(date: date, hour: hh, minute: mm, second: ss)), tzid: tzid, utc: utc)
        }
    }

    /// Nominal length of `P…` in (days, seconds); nil when not a plain positive duration.
    static func duration(_ text: String) -> (days: Int, seconds: Int)? {
        var s = Substring(text)
        if s.first == "+" { s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var days = 0, secs = 0, number = 0, inTime = false, sawDigit = false
        for c in s {
            if let d = c.wholeNumberValue, c.isASCII {
                number = number * 10 + d
                sawDigit = true
                guard number < 1_000_000 else { return nil }
                continue
            }
            switch (c, inTime) {
            case ("T", false): inTime = true
            case ("W", false) where sawDigit: days += 7 * number
            case ("D", false) where sawDigit: days += number
            case ("H", true) where sawDigit: secs += 3600 * number
            case ("M", true) where sawDigit: secs += 60 * number
            case ("S", true) where sawDigit: secs += number
            default: return nil
            }
            number = 0
            sawDigit = false
        }
        return sawDigit ? nil : (days, secs)
    }

    static func cannotTouch(_ block: Block, _ f: EventFields, window: DateWindow) -> Bool {
        guard f.rdates.isEmpty, let si = f.dtstart, let start = rawTime(block, si) else { return false }
        let toKey = LocalDateTime(date: window.to).key
        // The length, as EventReader computes it.
        var spanDays = 1
        var end: EventTime
        if let ei = f.dtend {
            guard let e = rawTime(block, ei), e.tzid == start.tzid, e.utc == start.utc,
                e.time.isDate == start.time.isDate
            else { return false }
            // An end before the start is read with the two swapped: leave it to the full path.
            if e.time.key < start.time.key { return false }
            if start.time.isDate {
                spanDays = max(1, start.time.civilDate.days(to: e.time.civilDate))
                end = .date(start.time.civilDate.adding(days: spanDays))
            } else {
                let secs = max(0, e.time.wallClock.secondsSinceEpoch - start.time.wallClock.secondsSinceEpoch)
                spanDays = (secs + 86_399) / 86_400
                end = e.time
            }
        } else if let di = f.duration {
            let text = block.withLine(di) { b in PropertyLine(b)!.value(b) }
            guard let d = duration(text) else { return false }
            if start.time.isDate {
                spanDays = max(1, d.days + (d.seconds + 86_399) / 86_400)
                end = .date(start.time.civilDate.adding(days: spanDays))
            } else {
                let secs = d.days * 86_400 + d.seconds
                spanDays = (secs + 86_399) / 86_400
                end = .dateTime(LocalDateTime(secondsSinceEpoch: start.time.wallClock.secondsSinceEpoch + secs))
            }
        } else {
            end = start.time.isDate ? .date(start.time.civilDate.adding(days: 1)) : start.time
            spanDays = start.time.isDate ? 1 : 0
        }
        if f.rrules.isEmpty { return !window.contains(start: start.time, end: end) }
        // Every instance starts at or after DTSTART.
        if start.time.key >= toKey { return true }
        // Every instance starts on or before UNTIL: all rules must end before the window.
        for ri in f.rrules {
            let found: CivilDate? = block.withLine(ri) { b in
                guard let p = PropertyLine(b), let at = untilValue(b, from: p.valueStart) else { return nil }
                return CivilDate(iso: Bytes.string(UnsafeBufferPointer(rebasing: b[at..<(at + 8)])))
            }
            guard let until = found else { return false }
            // UNTIL may be UTC while instances are local: allow a day either way.
            if until.adding(days: spanDays + 2) >= window.from { return false }
        }
        return true
    }

    /// Offset of the 8 bytes after the first "UNTIL=" (any case) from `start`, when there are 8.
    static func untilValue(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let key: [UInt8] = Array("UNTIL=".utf8)
        var i = start
        while i + key.count + 8 <= b.count {
            var hit = true
            for k in 0..<key.count {
                var c = b[i + k]
                if c >= 0x61 && c <= 0x7A { c -= 0x20 }
                if c != key[k] {
                    hit = false
                    break
                }
            }
            if hit { return i + key.count }
            i += 1
        }
        return nil
    }
}
