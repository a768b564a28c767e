import PlannerCore

// The calendar written in Swift, byte for byte as libical 3.0.16 writes it (the writer took a
// tenth of a many-practices run, behind the process-wide libical lock that serialised the
// planning threads). Only documents whose values hold no control character but a line break
// (in TEXT values) are written here; the rest go through libical. A test compares the two on
// pseudo-random documents (CalendarWriterTests).

extension CalendarWriter {
    /// `repairFolding(render(doc))`, written without libical; nil for a document this writer
    /// leaves to libical (a control character other than a line break in a TEXT value, a name
    /// or a category, any in a URL, a METHOD other than PUBLISH, a year outside 0...9999, a
    /// SEQUENCE outside Int32).
    static func writeBytes(_ doc: CalendarDocument) -> String? {
        guard supported(doc) else { return nil }
        var w = ByteWriter()
        w.out.reserveCapacity(512 + doc.events.count * 420 + doc.todos.count * 320)
        w.raw("BEGIN:VCALENDAR")
        w.property("VERSION", text: "2.0")
        w.property("PRODID", text: doc.prodid)
        if doc.method != nil { w.property("METHOD", plain: "PUBLISH") }
        if let name = doc.name {
            // As `render`: X-WR-CALNAME gets the name cleaned (no comma, semicolon, backslash or
            // line break is left), NAME the name escaped as TEXT.
            w.property("X-WR-CALNAME", plain: cleanCategory(name))
            w.property("NAME", text: name)
        }
        if doc.events.contains(where: { if case .londonTime = $0.timing { return true } else { return false } }) {
            for line in londonTimezoneLines { w.property(line) }
        }
        for e in doc.events {
            w.raw("BEGIN:VEVENT")
            w.property("UID", text: e.uid)
            w.property("SEQUENCE", plain: String(e.sequence))
            w.property("DTSTAMP", plain: e.dtstamp.description)
            switch e.timing {
            case .allDay(let start, let end):
                w.property("DTSTART;VALUE=DATE", plain: dateText(start))
                w.property("DTEND;VALUE=DATE", plain: dateText(end))
            case .londonTime(let day, let from, let to):
                w.property("DTSTART;TZID=\(londonTZID)", plain: localText(day, minutes: from))
                w.property("DTEND;TZID=\(londonTZID)", plain: localText(day, minutes: to))
            }
            w.property("SUMMARY", text: e.summary)
            if let d = e.description { w.property("DESCRIPTION", text: d) }
            let cats = e.categories.map(cleanCategory).filter { !$0.isEmpty }
            // libical writes the list's commas bare (and each category is cleaned of them).
            if !cats.isEmpty { w.property("CATEGORIES", plain: cats.joined(separator: ",")) }
            if let u = e.url { w.property("URL", plain: u) }
            if let st = e.status { w.property("STATUS", plain: st.rawValue) }
            w.raw("END:VEVENT")
        }
        for t in doc.todos {
            w.raw("BEGIN:VTODO")
            w.property("UID", text: t.uid)
            w.property("SEQUENCE", plain: String(t.sequence))
            w.property("DTSTAMP", plain: t.dtstamp.description)
            w.property("DUE;VALUE=DATE", plain: dateText(t.due))
            w.property("SUMMARY", text: t.summary)
            if let d = t.description { w.property("DESCRIPTION", text: d) }
            if let st = t.status { w.property("STATUS", plain: st.rawValue) }
            w.raw("END:VTODO")
        }
        w.raw("END:VCALENDAR")
        return String(decoding: w.out, as: UTF8.self)
    }

    /// Whether `writeBytes` writes `doc` (see there).
    static func supported(_ doc: CalendarDocument) -> Bool {
        guard doc.method == nil || doc.method == "PUBLISH" else { return false }
        func text(_ s: String) -> Bool { noControls(s, lineBreaks: true) }
        func plain(_ s: String) -> Bool { noControls(s, lineBreaks: false) }
        func date(_ d: CivilDate) -> Bool { (0...9999).contains(d.year) }
        func stamp(_ s: UTCStamp) -> Bool {
            date(s.date) && (0...99).contains(s.hour) && (0...99).contains(s.minute) && (0...99).contains(s.second)
        }
        func sequence(_ n: Int) -> Bool { n >= Int(Int32.min) && n <= Int(Int32.max) }
        // A name and categories are cleaned of line breaks where libical writes them bare.
        guard text(doc.prodid), doc.name.map(text) ?? true else { return false }
        for e in doc.events {
            guard text(e.uid), text(e.summary), e.description.map(text) ?? true, e.url.map(plain) ?? true,
                e.categories.allSatisfy(text), sequence(e.sequence), stamp(e.dtstamp)
            else { return false }
            switch e.timing {
            case .allDay(let s, let en): guard date(s), date(en) else { return false }
            case .londonTime(let d, let from, let to): guard date(d), from >= 0, to >= 0 else { return false }
            }
        }
        for t in doc.todos {
            guard text(t.uid), text(t.summary), t.description.map(text) ?? true, sequence(t.sequence), stamp(t.dtstamp),
                date(t.due)
            else { return false }
        }
        return true
    }

    /// Whether `s` has no control character (C0 or DEL), line feeds allowed when `lineBreaks`.
    static func noControls(_ s: String, lineBreaks: Bool) -> Bool {
        func ok(_ x: UInt8) -> Bool { (x >= 0x20 && x != 0x7F) || (lineBreaks && x == 0x0A) }
        if let r = s.utf8.withContiguousStorageIfAvailable({ b -> Bool in
            for x in b where !ok(x) { return false }
            return true
        }) {
            return r
        }
        return s.utf8.allSatisfy(ok)
    }

    /// The VTIMEZONE `londonTimezone()` builds, as libical writes it.
    static let londonTimezoneLines = [
        "BEGIN:VTIMEZONE", "TZID:\(londonTZID)",
        "BEGIN:DAYLIGHT", "TZNAME:BST", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "DTSTART:19700329T010000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZNAME:GMT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "DTSTART:19701025T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `YYYYMMDD`, as libical writes a DATE.
    static func dateText(_ d: CivilDate) -> String {
        d.year.zeroPadded(to: 4) + d.month.zeroPadded(to: 2) + d.day.zeroPadded(to: 2)
    }

    /// A floating DATE-TIME, as `local(_:minutes:)` gives libical (24:00 is 23:59).
    static func localText(_ d: CivilDate, minutes: Int) -> String {
        let m = min(minutes, 23 * 60 + 59)
        return dateText(d) + "T" + (m / 60).zeroPadded(to: 2) + (m % 60).zeroPadded(to: 2) + "00"
    }

    /// Property lines into bytes: libical's value escaping and its folding.
    struct ByteWriter {
        var out: [UInt8] = []
        var line: [UInt8] = []

        /// A line that libical writes without folding (BEGIN and END lines are short).
        mutating func raw(_ s: String) {
            out.append(contentsOf: s.utf8)
            out.append(0x0D)
            out.append(0x0A)
        }

        /// A property whose value is written as it is (already in its written form).
        mutating func property(_ nameAndParameters: String, plain value: String) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: nameAndParameters.utf8)
            line.append(0x3A)
            line.append(contentsOf: value.utf8)
            fold()
        }

        /// A whole property line, written as it is.
        mutating func property(_ whole: String) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: whole.utf8)
            fold()
        }

        /// A TEXT property (RFC 5545 §3.3.11), escaped as libical escapes it: a line break as `\n`,
        /// a backslash, semicolon or comma after a backslash.
        mutating func property(_ name: String, text value: String) {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: name.utf8)
            line.append(0x3A)
            // From the value's own bytes when it is stored contiguously: the runs between bytes
            // to escape are copied whole.
            let done: Bool? = value.utf8.withContiguousStorageIfAvailable { b in
                var start = 0
                for i in 0..<b.count {
                    let x = b[i]
                    if x == 0x0A || x == 0x3B || x == 0x2C || x == 0x5C {
                        line.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                        line.append(0x5C)
                        line.append(x == 0x0A ? 0x6E : x)
                        start = i + 1
                    }
                }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<b.count]))
                return true
            }
            if done == true {
                fold()
                return
            }
            for b in value.utf8 {
                switch b {
                case 0x0A:
                    line.append(0x5C)
                    line.append(0x6E)
                case 0x3B, 0x2C, 0x5C:
                    line.append(0x5C)
                    line.append(b)
                default:
                    line.append(b)
                }
            }
            fold()
        }

        /// libical 3.0.16's `fold_property_line` over the line and its CRLF: a piece of at most 74
        /// octets ends after the last `;`, `:` or space in its first 74, else before the last
        /// UTF-8 lead or ASCII byte in its first 75; every piece after the first starts with
        /// CRLF and a space. A fold between the line's CR and LF (`CR CR LF SP LF`) is put back
        /// to the CRLF it split, as `repairFolding` does.
        mutating func fold() {
            line.append(0x0D)
            line.append(0x0A)
            let len = line.count
            var start = 0
            var first = true
            line.withUnsafeBufferPointer { text in
                while start < len {
                    var next: Int
                    if len - start < 75 {
                        next = len
                    } else {
                        next = -1
                        var pos = start + 73
                        while pos > start {
                            let b = text[pos]
                            if b == 0x3B || b == 0x3A || b == 0x20 {
                                next = pos + 1
                                break
                            }
                            pos -= 1
                        }
                        if next < 0 {
                            pos = start + 74
                            while pos > start {
                                let b = text[pos]
                                if b & 0x80 == 0 || b & 0xC0 == 0xC0 {
                                    next = pos
                                    break
                                }
                                pos -= 1
                            }
                            if next < 0 { next = start + 74 }
                        }
                    }
                    if !first {
                        out.append(0x0D)
                        out.append(0x0A)
                        out.append(0x20)
                    }
                    first = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<next]))
                    start = next
                }
            }
            let n = out.count
            if n >= 5 && out[n - 5] == 0x0D && out[n - 4] == 0x0D && out[n - 3] == 0x0A && out[n - 2] == 0x20
                && out[n - 1] == 0x0A
            {
                out.removeLast(3)
                out[n - 4] = 0x0A
            }
        }
    }
}
