import PlannerCore

/// One content line of an event or zone block: where its bytes sit in the block text.
struct LineRef {
    var offset: Int
    var length: Int
    var line: Int
    var firstLength: Int
}

/// The unfolded text of one top-level component (VEVENT or VTIMEZONE), lines CRLF-joined.
struct Block {
    var beginLine: Int
    var text: [UInt8] = []
    var lines: [LineRef] = []
    /// TZID parameter values the block uses, in first-use order.
    var tzids: [String] = []
    /// The TZID property of a VTIMEZONE.
    var zoneID: String?
    var broken = false
    /// Stack depth of the component itself.
    var depth: Int

    init(beginLine: Int, depth: Int) {
        self.beginLine = beginLine
        self.depth = depth
        text.reserveCapacity(2048)
        lines.reserveCapacity(16)
    }

    mutating func append(_ l: ContentLine) {
        lines.append(LineRef(offset: text.count, length: l.bytes.count, line: l.line, firstLength: l.firstLength))
        text.append(contentsOf: l.bytes)
        text.append(0x0D)
        text.append(0x0A)
    }

    /// The bytes of line `i` (valid inside `body`).
    func withLine<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let r = lines[i]
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r.offset..<(r.offset + r.length)])) }
    }

    /// The first physical line of content line `i`, as text (what diagnostics print).
    func sourceLine(_ i: Int) -> String {
        withLine(i) { b in Bytes.string(UnsafeBufferPointer(rebasing: b[0..<lines[i].firstLength])) }
    }
}

/// The structural pass over one file: BEGIN/END nesting, garbage, binary and truncation,
/// VTIMEZONE collection, and delivery of each complete top-level VEVENT to `EventReader`.
final class FileScanner {
    let path: String
    let reader: EventReader
    private(set) var diagnostics: [Diagnostic] = []
    private var stack: [(name: String, line: Int)] = []
    private var event: Block?
    private var zone: Block?
    private var sawFirst = false
    private var stopped = false
    private var errorCount = 0
    private var deferred: [Block] = []
    static let maxErrorsPerFile = 50

    init(path: String, options: ReadOptions) {
        self.path = path
        self.reader = EventReader(path: path, options: options)
    }

    // MARK: diagnostics

    private func report(
        _ severity: Diagnostic.Severity, line: Int?, column: Int? = nil, _ message: String, source: String? = nil,
        hint: String? = nil
    ) {
        guard !stopped else { return }
        diagnostics.append(
            Diagnostic(
                severity, SourceLocation(path: path, line: line, column: column), message, sourceLine: source, hint: hint))
        if severity == .error {
            errorCount += 1
            if errorCount >= FileScanner.maxErrorsPerFile {
                diagnostics.append(
                    Diagnostic(
                        .note, SourceLocation(path: path, line: line),
                        "too many errors (\(FileScanner.maxErrorsPerFile)); the rest of this file is not read"))
                stopped = true
            }
        }
    }

    private func markBroken() {
        if event != nil { event!.broken = true }
        if zone != nil { zone!.broken = true }
    }

    private static func text(_ l: ContentLine, upTo n: Int? = nil) -> String {
        let count = min(n ?? l.firstLength, l.firstLength)
        return Bytes.string(UnsafeBufferPointer(rebasing: l.bytes[0..<count]))
    }

    // MARK: lines

    func line(_ l: ContentLine) {
        if stopped { return }
        let b = l.bytes
        if b.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }  // blank lines are tolerated
        if let bad = Bytes.firstInvalid(b) {
            let byte = "0x" + String(b[bad.offset], radix: 16, uppercase: true)
            if !sawFirst {
                report(
                    .error, line: l.line, "not an iCalendar file: the first line holds \(bad.binary ? "binary data" : "invalid UTF-8") (byte \(byte))",
                    hint: "pass a text .ics file that starts with BEGIN:VCALENDAR")
                stopped = true
                return
            }
            let visible = bad.offset > 0 && bad.offset < l.firstLength
            let shown = visible ? FileScanner.text(l, upTo: bad.offset) : nil
            let column = visible ? Bytes.column(b, byteOffset: bad.offset) : nil
            let what: String
            let hint: String
            if b[bad.offset] == 0x0D {
                what = "a carriage return without a line feed"
                hint = "end every line with CRLF (or LF)"
            } else if bad.binary {
                what = "binary data (byte \(byte)) in a text line"
                hint = "remove the stray byte; .ics files are UTF-8 text"
            } else {
                what = "invalid UTF-8 (byte \(byte))"
                hint = "save the calendar as UTF-8"
            }
            report(.error, line: l.line, column: column, what, source: shown, hint: hint)
            markBroken()
            return
        }
        for j in l.joined {
            let lone = Bytes.string(UnsafeBufferPointer(rebasing: b[j.range]))
            report(
                .warning, line: j.line,
                "line \(j.line) does not start with a space but continues the property on line \(l.line); "
                    + "it was joined to it", source: lone,
                hint: "a continuation line must start with a space (some exporters drop it); add one to keep the file valid")
        }
        guard let prop = PropertyLine(b) else {
            report(
                .error, line: l.line, "not a content line (no ':' between a name and a value)",
                source: FileScanner.text(l),
                hint: sawFirst
                    ? "each line must read NAME:VALUE; a continuation line must start with a space"
                    : "an iCalendar file starts with BEGIN:VCALENDAR")
            markBroken()
            if !sawFirst { stopped = true }
            return
        }
        let isBegin = prop.name == "BEGIN", isEnd = prop.name == "END"
        let component = (isBegin || isEnd) ? componentName(b, prop) : ""
        if !sawFirst {
            sawFirst = true
            guard isBegin, component == "VCALENDAR" else {
                report(
                    .error, line: l.line, "not an iCalendar file: the first line is not BEGIN:VCALENDAR",
                    source: FileScanner.text(l), hint: "an iCalendar file starts with BEGIN:VCALENDAR")
                stopped = true
                return
            }
        }
        if isBegin {
            begin(component, l)
        } else if isEnd {
            end(component, l)
        } else if stack.isEmpty {
            report(
                .error, line: l.line, "a property outside BEGIN:VCALENDAR ... END:VCALENDAR",
                source: FileScanner.text(l), hint: "move the line inside the calendar or delete it")
        } else if event != nil {
            event!.append(l)
            if !prop.paramsRange.isEmpty, let tz = prop.parameter("TZID", b), !event!.tzids.contains(tz) {
                event!.tzids.append(tz)
            }
        } else if zone != nil {
            zone!.append(l)
            if prop.name == "TZID", stack.count == zone!.depth, zone!.zoneID == nil {
                zone!.zoneID = prop.value(b).trimmingSpaces
            }
        }
    }

    private func componentName(_ b: UnsafeBufferPointer<UInt8>, _ p: PropertyLine) -> String {
        p.value(b).trimmingSpaces.uppercased()
    }

    private func begin(_ name: String, _ l: ContentLine) {
        if name == "VEVENT" || name == "VCALENDAR" || name == "VTIMEZONE",
            let open = stack.lastIndex(where: { $0.name == name })
        {
            // The same component opened again before the first one ended: its END is missing.
            unwind(to: open, before: l, reason: "before the BEGIN:\(name) at line \(l.line)")
        }
        if name == "VEVENT" { reader.eventCount += 1 }
        let parentIsCalendar = stack.last?.name == "VCALENDAR"
        stack.append((name, l.line))
        if event != nil || zone != nil {
            event?.append(l)
            zone?.append(l)
            return
        }
        if name == "VEVENT" {
            if !parentIsCalendar {
                report(
                    .error, line: l.line, "BEGIN:VEVENT outside a VCALENDAR", source: FileScanner.text(l),
                    hint: "put events between BEGIN:VCALENDAR and END:VCALENDAR")
            }
            event = Block(beginLine: l.line, depth: stack.count)
            event!.broken = !parentIsCalendar
            event!.append(l)
        } else if name == "VTIMEZONE", parentIsCalendar {
            zone = Block(beginLine: l.line, depth: stack.count)
            zone!.append(l)
        }
    }

    private func end(_ name: String, _ l: ContentLine) {
        guard let idx = stack.lastIndex(where: { $0.name == name }) else {
            report(
                .error, line: l.line, "END:\(name) without a matching BEGIN:\(name)", source: FileScanner.text(l),
                hint: "delete the line or add the missing BEGIN:\(name)")
            markBroken()
            return
        }
        if idx < stack.count - 1 { unwind(to: idx + 1, before: l, reason: "before the END:\(name) at line \(l.line)") }
        event?.append(l)
        zone?.append(l)
        stack.removeLast()
        closeBlocks(atDepth: stack.count + 1)
    }

    /// Reports every component from `index` upward as unterminated and closes it.
    private func unwind(to index: Int, before l: ContentLine, reason: String) {
        while stack.count > index {
            let open = stack.removeLast()
            report(
                .error, line: open.line, "BEGIN:\(open.name) has no END:\(open.name) \(reason)",
                source: "BEGIN:\(open.name)", hint: "add END:\(open.name) where the \(open.name) ends")
            markBroken()
            closeBlocks(atDepth: stack.count + 1)
        }
    }

    private func closeBlocks(atDepth depth: Int) {
        if let e = event, e.depth == depth {
            event = nil
            deliver(e)
        }
        if let z = zone, z.depth == depth {
            zone = nil
            if z.broken { return }
            guard let id = z.zoneID, !id.isEmpty else {
                report(
                    .error, line: z.beginLine, "VTIMEZONE has no TZID", source: "BEGIN:VTIMEZONE",
                    hint: "add TZID:<name> inside the VTIMEZONE")
                return
            }
            reader.zones.add(id: id, block: z)
        }
    }

    private func deliver(_ e: Block) {
        guard !e.broken else { return }
        // An event using a TZID that is neither defined above nor a system zone waits for the
        // end of the file: its VTIMEZONE may come later.
        if e.tzids.contains(where: { !reader.zones.isKnown($0) }) {
            deferred.append(e)
            return
        }
        reader.process(e)
    }

    /// End of file: unterminated components, deferred events, overrides.
    func finish() {
        if !sawFirst && !stopped {
            report(
                .error, line: nil, "the file is empty",
                hint: "an iCalendar file starts with BEGIN:VCALENDAR and ends with END:VCALENDAR")
        }
        if !stopped, !stack.isEmpty {
            while let open = stack.popLast() {
                report(
                    .error, line: open.line, "BEGIN:\(open.name) has no END:\(open.name): the file ends first",
                    source: "BEGIN:\(open.name)", hint: "the file looks truncated; add END:\(open.name) or download it again")
            }
        }
        event = nil
        zone = nil
        for e in deferred { reader.process(e) }
        deferred = []
        reader.finish()
        diagnostics += reader.diagnostics
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
