import Foundation
import ICalKit
import PlannerCore

/// Helpers for the reader tests: fixtures, compact rendering, component reversal.
enum Fixture {
    static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("ics") }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relative)))
    }

    static func window(_ from: String, _ to: String) -> ReadOptions {
        ReadOptions(window: DateWindow(from: CivilDate(iso: from)!, to: CivilDate(iso: to)!))
    }

    /// Reads fixture `relative` as "name.ics" (its file name) so messages do not depend on the machine.
    static func read(_ relative: String, _ options: ReadOptions) throws -> ReadResult {
        let name = (relative as NSString).lastPathComponent
        return CalendarReader.read(bytes: try bytes(relative), path: name, options: options)
    }
}

/// One occurrence per line: `start end uid timezone @line title`.
func render(_ r: ReadResult, lines: Bool = true) -> [String] {
    r.occurrences.map { o in
        var s = "\(o.start.iso) \(o.end.iso) \(o.uid ?? "-") \(o.timezone ?? "-")"
        if lines { s += " @\(o.source.line ?? 0)" }
        return s + " " + o.title
    }
}

/// Diagnostics as printed (one string, newline-separated).
func renderDiagnostics(_ r: ReadResult) -> String {
    r.diagnostics.map(\.description).joined(separator: "\n")
}

/// Diagnostics without their line numbers (for order-independence checks).
func diagnosticsWithoutLines(_ r: ReadResult) -> [String] {
    r.diagnostics.map {
        let message = $0.message.replacingOccurrences(of: #"line \d+"#, with: "line N", options: .regularExpression)
        return "\($0.severity) \(message) | \($0.sourceLine ?? "") | \($0.hint ?? "")"
    }.sorted()
}

/// The same calendar with its top-level components (VEVENT, VTIMEZONE, ...) in reverse order.
/// Calendar properties stay first; folded continuation lines move with their line. Works on
/// bytes, so files with invalid UTF-8 keep their exact bytes.
enum ComponentOrder {
    static func reversed(_ text: String) -> String {
        String(decoding: reversed(Array(text.utf8)), as: UTF8.self)
    }

    static func reversed(_ bytes: [UInt8]) -> [UInt8] {
        // Physical lines, each keeping its own line ending.
        var physical: [[UInt8]] = []
        var cur: [UInt8] = []
        for b in bytes {
            cur.append(b)
            if b == 0x0A {
                physical.append(cur)
                cur = []
            }
        }
        if !cur.isEmpty { physical.append(cur) }
        var logical: [[UInt8]] = []
        for p in physical {
            if let f = p.first, f == 0x20 || f == 0x09, !logical.isEmpty {
                logical[logical.count - 1] += p
            } else {
                logical.append(p)
            }
        }
        func starts(_ l: [UInt8], _ prefix: String) -> Bool {
            var l = l[...]
            if l.starts(with: [0xEF, 0xBB, 0xBF]) { l = l.dropFirst(3) }
            let p = Array(prefix.utf8)
            guard l.count >= p.count else { return false }
            return zip(l.prefix(p.count), p).allSatisfy { a, b in (a >= 0x61 && a <= 0x7A ? a - 0x20 : a) == b }
        }
        var head: [[UInt8]] = []
        var blocks: [[[UInt8]]] = []
        var tail: [[UInt8]] = []
        var depth = 0
        var current: [[UInt8]] = []
        for l in logical {
            if starts(l, "BEGIN:") {
                depth += 1
                if depth == 1 { head.append(l); continue }
                current.append(l)
            } else if starts(l, "END:") {
                depth -= 1
                if depth <= 0 { tail.append(l); continue }
                current.append(l)
                if depth == 1 {
                    blocks.append(current)
                    current = []
                }
            } else if depth == 1 {
                head.append(l)
            } else if depth <= 0 {
                tail.append(l)
            } else {
                current.append(l)
            }
        }
        // A last line without its line ending stays last.
        return (head + blocks.reversed().flatMap { $0 } + current + tail).flatMap { $0 }
    }
}
