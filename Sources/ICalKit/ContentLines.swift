internal import CLibical

/// Splitting raw bytes into iCalendar content lines (RFC 5545 §3.1), without libical.
///
/// libical reports problems without line numbers (STYLE.md, libical fact 1), so the reader
/// does its own first pass: physical lines are split on LF (a preceding CR is dropped),
/// folded continuation lines (starting with a space or a tab) are joined to the line
/// before, and each resulting content line keeps the number of its first physical line.
/// Input arrives in chunks of any size, so a file never has to be held in memory whole.
///
/// Some exporters (Confluence, for one) drop the leading space of a continuation line, so that
/// `ORGANIZER;CN=Danie` is followed by `l Latham;CUTYPE=...`. Such a line is joined to the
/// property before it, as other readers do, when it cannot be a property itself (no valid
/// name before a `:` or `;`) and the joined line is a property line; the scanner warns, naming
/// both lines. Otherwise the line stays on its own and is reported as an error.

/// One unfolded content line, valid only during the callback that receives it.
struct ContentLine {
    /// The unfolded bytes (no line ending).
    var bytes: UnsafeBufferPointer<UInt8>
    /// 1-based physical line number of the first physical line.
    var line: Int
    /// How many of `bytes` came from the first physical line (what a diagnostic prints).
    var firstLength: Int
    /// Physical lines that had lost their leading space and were joined on: their line
    /// number and where their bytes sit in `bytes`.
    var joined: [(line: Int, range: Range<Int>)] = []
}

/// Streaming unfolder: `feed` chunks, then `finish`. Calls `emit` once per content line.
struct LineUnfolder {
    private var physical: [UInt8] = []  // the physical line being assembled across chunks
    private var pending: [UInt8] = []  // the content line being assembled (unfolded)
    private var pendingLine = 0
    private var pendingFirstLength = 0
    private var pendingJoined: [(line: Int, range: Range<Int>)] = []
    private var hasPending = false
    private var physicalLineNumber = 0
    private var atStart = true

    init() {
        physical.reserveCapacity(256)
        pending.reserveCapacity(1024)
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (ContentLine) -> Void) {
        guard var base = chunk.baseAddress, chunk.count > 0 else { return }
        var remaining = chunk.count
        if atStart {
            // A byte-order mark may be split across chunks only in pathological reads; the
            // reader feeds at least 3 bytes first when the file has them.
            atStart = false
            if remaining >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
                base += 3
                remaining -= 3
            }
        }
        while remaining > 0 {
            if let nl = memchrByte(base, 0x0A, remaining) {
                let n = nl - base
                physical.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
                endPhysicalLine(emit)
                base = nl + 1
                remaining -= n + 1
            } else {
                physical.append(contentsOf: UnsafeBufferPointer(start: base, count: remaining))
                remaining = 0
            }
        }
    }

    mutating func finish(_ emit: (ContentLine) -> Void) {
        if !physical.isEmpty { endPhysicalLine(emit) }
        flush(emit)
    }

    private mutating func endPhysicalLine(_ emit: (ContentLine) -> Void) {
        physicalLineNumber += 1
        if physical.last == 0x0D { physical.removeLast() }
        if let first = physical.first, first == 0x20 || first == 0x09, hasPending {
            // Continuation: drop the single leading white-space character (RFC 5545 §3.1).
            physical.withUnsafeBufferPointer { p in
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: p[1...]))
            }
        } else if hasPending, lostItsSpace() {
            pendingJoined.append((physicalLineNumber, pending.count..<(pending.count + physical.count)))
            pending.append(contentsOf: physical)
        } else {
            flush(emit)
            swap(&pending, &physical)
            pendingLine = physicalLineNumber
            pendingFirstLength = pending.count
            hasPending = true
        }
        physical.removeAll(keepingCapacity: true)
    }

    private mutating func flush(_ emit: (ContentLine) -> Void) {
        guard hasPending else { return }
        hasPending = false
        let line = pendingLine, first = pendingFirstLength, joined = pendingJoined
        pending.withUnsafeBufferPointer { p in
            emit(ContentLine(bytes: p, line: line, firstLength: first, joined: joined))
        }
        pending.removeAll(keepingCapacity: true)
        pendingJoined.removeAll()
    }

    /// True when `physical` is a continuation line that lost its leading space: it cannot start
    /// a property itself, `pending` starts one (not BEGIN or END), and the two joined are a
    /// property line libical reads without error.
    private func lostItsSpace() -> Bool {
        guard !physical.isEmpty, !physical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return false }
        return physical.withUnsafeBufferPointer { lone in
            guard !Self.startsLikeProperty(lone) else { return false }
            return pending.withUnsafeBufferPointer { before in
                guard Self.startsLikeProperty(before), !Bytes.hasPrefixUpper(before, "BEGIN:"),
                    !Bytes.hasPrefixUpper(before, "END:")
                else { return false }
                let both = Array(before) + Array(lone)
                return both.withUnsafeBufferPointer { Self.isPropertyLine($0) } && Self.libicalAccepts(both)
            }
        }
    }

    /// True when libical reads `line` as a property whose value parses (no X-LIC-ERROR in its
    /// place). Wraps `icalproperty_new_from_string`. Called only for a line that lost its
    /// leading space, with the reader's libical lock already held (`CalendarReader.read`).
    static func libicalAccepts(_ line: [UInt8]) -> Bool {
        var text = line
        text.append(0)
        let property = text.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { icalproperty_new_from_string($0) }
        }
        guard let property else { return false }
        defer { icalproperty_free(property) }
        return icalproperty_isa(property) != ICAL_XLICERROR_PROPERTY
            && icalproperty_get_first_parameter(property, ICAL_XLICERRORTYPE_PARAMETER) == nil
    }

    /// True when `b` starts as a property does: a name of letters, digits and hyphens, then
    /// `;` or `:` (the rest may still be on the next line).
    static func startsLikeProperty(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < b.count, b[i] != Bytes.semicolon, b[i] != Bytes.colon {
            let c = b[i]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
            if !ok { return false }
            i += 1
        }
        return i > 0 && i < b.count
    }

    /// A property line: a name of letters, digits and hyphens (RFC 5545 iana-token or
    /// x-name), then parameters and a colon before the value.
    static func isPropertyLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = PropertyLine(b), p.paramsRange.lowerBound > 0 else { return false }
        for i in 0..<p.paramsRange.lowerBound {
            let c = b[i]
            let ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
            if !ok { return false }
        }
        return true
    }
}

@inline(__always)
private func memchrByte(_ p: UnsafePointer<UInt8>, _ byte: UInt8, _ count: Int) -> UnsafePointer<UInt8>? {
    var i = 0
    while i < count {
        if p[i] == byte { return p + i }
        i += 1
    }
    return nil
}

// MARK: - Byte helpers

enum Bytes {
    static let colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B, comma: UInt8 = 0x2C, equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C

    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { (b >= 0x61 && b <= 0x7A) ? b - 0x20 : b }

    /// Case-insensitive comparison of `bytes` with an upper-case ASCII literal.
    static func equalsUpper(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let l = literal.utf8Start
        for i in 0..<bytes.count where upper(bytes[i]) != l[i] { return false }
        return true
    }

    static func hasPrefixUpper(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let l = literal.utf8Start
        for i in 0..<n where upper(bytes[i]) != l[i] { return false }
        return true
    }

    /// The first position of a problem: a NUL byte, another C0 control other than tab, or
    /// invalid UTF-8. Returns (byte offset, is binary) or nil when the line is clean text.
    static func firstInvalid(_ b: UnsafeBufferPointer<UInt8>) -> (offset: Int, binary: Bool)? {
        var i = 0
        let n = b.count
        // Fast path: skip 8 bytes at a time while they are all printable ASCII (0x20...0x7E).
        if let base = b.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let below20 = (w &- 0x2020_2020_2020_2020) & ~w & high
                let is7F = ((w ^ 0x7F7F_7F7F_7F7F_7F7F) &- 0x0101_0101_0101_0101) & ~(w ^ 0x7F7F_7F7F_7F7F_7F7F) & high
                if (w & high) | below20 | is7F != 0 { break }
                i += 8
            }
        }
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c == 0 || (c < 0x20 && c != 0x09) || c == 0x7F { return (i, true) }
                i += 1
                continue
            }
            var need = 0
            var minValue: UInt32 = 0
            var v: UInt32 = 0
            if c & 0xE0 == 0xC0 {
                need = 1; v = UInt32(c & 0x1F); minValue = 0x80
            } else if c & 0xF0 == 0xE0 {
                need = 2; v = UInt32(c & 0x0F); minValue = 0x800
            } else if c & 0xF8 == 0xF0 {
                need = 3; v = UInt32(c & 0x07); minValue = 0x10000
            } else {
                return (i, false)
            }
            if i + need >= n { return (i, false) }
            for k in 1...need {
                let cc = b[i + k]
                if cc & 0xC0 != 0x80 { return (i, false) }
                v = (v << 6) | UInt32(cc & 0x3F)
            }
            if v < minValue || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return (i, false) }
            i += need + 1
        }
        return nil
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// `b` with ASCII letters upper-cased (other bytes kept), without Unicode case mapping.
    static func upperASCIIString(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: b.count) { out in
            for i in 0..<b.count { out[i] = upper(b[i]) }
            return b.count
        }
    }

    /// Number of characters (Unicode scalars' grapheme approximation) in the first `offset` bytes.
    static func column(_ b: UnsafeBufferPointer<UInt8>, byteOffset: Int) -> Int {
        String(decoding: UnsafeBufferPointer(rebasing: b[0..<min(byteOffset, b.count)]), as: UTF8.self).count + 1
    }
}
