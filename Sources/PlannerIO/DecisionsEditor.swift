import Foundation
import PlannerCore

/// Edits a decisions file the way a careful person would: the new decision is appended as text,
/// or written over the lines of the decision it replaces (same kind and id), so every other
/// byte of the file (comments, blank lines, order, quoting) stays as it was. The YAML is never
/// re-serialised.
public enum DecisionsEditor {
    public struct Outcome: Sendable {
        /// The whole new file.
        public var text: String
        /// Lines (1-based) of the decision that was replaced, nil when the decision was appended.
        public var replacedLines: ClosedRange<Int>?
    }

    /// The file with `decision` added or replaced, validated; or every problem found (in the
    /// current file, or in the result).
    public static func edit(_ text: String, path: String, with decision: ManagerDecision) -> Result<Outcome, DiagnosticList> {
        let current = DecisionsFile.parse(text, path: path)
        if current.hasErrors { return .failure(DiagnosticList(current.diagnostics)) }
        if current.isFlowStyle {
            return .failure(
                DiagnosticList([
                    Diagnostic(
                        .error, SourceLocation(path: path),
                        "The decisions file is written as a one-line [...] list, which planner decide cannot edit line by line.",
                        hint: "Write one decision per \"- \" entry (see docs/decisions.md), or edit the file by hand.")
                ]))
        }
        var lines = text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        let crlf = lines.first.map { $0.last == 13 } ?? false
        let block = render(decision, indent: current.itemIndent).map { Array(($0 + (crlf ? "\r" : "")).utf8) }
        var replaced: ClosedRange<Int>?
        if let old = current.entries.first(where: { sameSlot($0.decision, decision) }) {
            lines.replaceSubrange((old.firstLine - 1)...(old.lastLine - 1), with: block)
            replaced = old.firstLine...old.lastLine
        } else {
            // Text ending in "\n" splits into a last empty line: insert before it.
            if lines.last == [] {
                lines.insert(contentsOf: block, at: lines.count - 1)
            } else if lines == [[]] {
                lines = block + [[]]
            } else {
                lines += block + [[]]
            }
        }
        var bytes: [UInt8] = []
        for (k, l) in lines.enumerated() {
            bytes += l
            if k + 1 < lines.count { bytes.append(10) }
        }
        let result = String(decoding: bytes, as: UTF8.self)
        let check = DecisionsFile.parse(result, path: path)
        if check.hasErrors { return .failure(DiagnosticList(check.diagnostics)) }
        return .success(Outcome(text: result, replacedLines: replaced))
    }

    /// Replaced rather than added: the same item and kind, or a skip/pin of the same campaign
    /// (a pin replaces a skip, and the other way round).
    static func sameSlot(_ a: ManagerDecision, _ b: ManagerDecision) -> Bool {
        guard a.id == b.id else { return false }
        switch (a.action, b.action) {
        case (.skip, .skip), (.skip, .pin), (.pin, .skip), (.pin, .pin): return true
        case (.allow(let x), .allow(let y)): return x == y
        default: return a.kind == b.kind
        }
    }

    /// The decision as YAML lines (no line ends), the list item at `indent`.
    public static func render(_ d: ManagerDecision, indent: String = "") -> [String] {
        var lines = ["\(indent)- \(d.kind): \(d.id)"]
        let inner = indent + "  "
        switch d.action {
        case .skip, .pin, .approve: break
        case .move(let date): lines.append("\(inner)to: \(date.iso)")
        case .swap(let channel): lines.append("\(inner)to: \(channel.rawValue)")
        case .text(let message): lines.append("\(inner)message: \(quoted(message))")
        case .allow(let kind): lines.append("\(inner)finding: \(kind.rawValue)")
        }
        if let note = d.note { lines.append("\(inner)note: \(quoted(note))") }
        if let author = d.author { lines.append("\(inner)author: \(quoted(author))") }
        return lines
    }

    /// A YAML double-quoted scalar: backslash, quote and control characters escaped.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: false)
                    out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Diagnostics as an `Error`, for `Result`.
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
