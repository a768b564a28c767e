internal import CLibical

/// Raw libical handles stay internal (STYLE.md B2.1).
typealias RawComponent = OpaquePointer
typealias RawZone = OpaquePointer

/// Owns one root component (STYLE.md B2.2): `icalcomponent_free` in `deinit`.
final class ComponentBox {
    let raw: RawComponent
    init(_ raw: RawComponent) { self.raw = raw }
    deinit { icalcomponent_free(raw) }
}

// Component trees are not thread-safe even for reads: iterating properties keeps the
// iterator inside the component (libical icalcomponent.c; libical/libical#673).
@available(*, unavailable) extension ComponentBox: Sendable {}

/// The VTIMEZONEs of one file, parsed into one VCALENDAR root, plus libical's system zones.
final class ZoneRegistry {
    private var blocks: [(id: String, text: [UInt8])] = []
    private var root: ComponentBox?
    private var dirty = false
    private var cache: [String: RawZone?] = [:]

    /// Adds an in-file VTIMEZONE (the first definition of a TZID wins).
    func add(id: String, block: Block) {
        guard !blocks.contains(where: { $0.id == id }) else { return }
        blocks.append((id, block.text))
        dirty = true
        cache = [:]  // pointers into the old root die with it
    }

    func hasInFile(_ id: String) -> Bool { blocks.contains(where: { $0.id == id }) }

    /// Whether `id` resolves now (in-file or system zone).
    func isKnown(_ id: String) -> Bool { resolve(id) != nil }

    /// Wraps `icalcomponent_get_timezone` (in-file VTIMEZONE), then
    /// `icaltimezone_get_builtin_timezone` / `_from_tzid` (system zoneinfo).
    func resolve(_ id: String) -> RawZone? {
        if let hit = cache[id] { return hit }
        var zone: RawZone?
        if hasInFile(id) {
            rebuildIfNeeded()
            if let root { zone = icalcomponent_get_timezone(root.raw, id) }
        }
        if zone == nil { zone = icaltimezone_get_builtin_timezone(id) }
        if zone == nil, id.hasPrefix("/") { zone = icaltimezone_get_builtin_timezone_from_tzid(id) }
        if zone == nil, id.hasPrefix("/") {
            // A vendor-prefixed TZID ("/mozilla.org/20070129_1/America/New_York", RFC 5545
            // §3.2.19 globally unique form): try its trailing Olson name.
            var parts = id.split(separator: "/")
            while zone == nil, parts.count > 1 {
                parts.removeFirst()
                zone = icaltimezone_get_builtin_timezone(parts.joined(separator: "/"))
            }
        }
        cache[id] = zone
        return zone
    }

    private func rebuildIfNeeded() {
        guard dirty else { return }
        dirty = false
        root = nil
        var text: [UInt8] = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n".utf8)
        for b in blocks { text += b.text }
        text += Array("END:VCALENDAR\r\n".utf8)
        text.append(0)
        let parsed = text.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { icalparser_parse_string($0) }
        }
        if let parsed { root = ComponentBox(parsed) }
    }
}
