import PlannerCore

/// The text `planner check` prints: the counts of a text message, the Plain English figures of a
/// draft, one line per draft of a plan, and the findings as `file:line:col:` diagnostics.
extension CheckReport {
    /// `--sms`: encoding, characters and fragments, then each character that forces UCS-2 or is
    /// changed before sending.
    public static func smsText(_ c: SMSCount) -> String {
        var lines = [
            "\(c.encoding.rawValue), \(counted(c.characters, "character", "characters")), "
                + "\(counted(c.fragments, "fragment", "fragments")) (\(c.gateway == .notify ? "GOV.UK Notify" : "raw gateway"))"
        ]
        for f in c.forcingCharacters {
            let instead = f.replacement.isEmpty ? "leave it out" : "write \"\(f.replacement)\""
            lines.append("  \"\(visible(f.character))\" forces UCS-2 (\(f.count)x): \(instead)")
        }
        for f in c.changedCharacters {
            lines.append("  \"\(visible(f.character))\" is sent as \"\(f.replacement)\" (\(f.count)x)")
        }
        return lines.joined(separator: "\n")
    }

    /// `--file`: the Plain English figures, then each long sentence, long paragraph and jargon term
    /// at its place in `path`.
    public static func fileText(_ r: ReadabilityReport, path: String) -> String {
        var lines = [
            "Flesch reading ease \(JSONWriter.number(rounded1(r.fleschReadingEase))), Flesch-Kincaid grade "
                + "\(JSONWriter.number(rounded1(r.fleschKincaidGrade))), reading age \(JSONWriter.number(rounded1(r.readingAge))) "
                + "(aim for 9 to 11)",
            "\(r.words) words, \(r.sentences) sentences, \(r.syllables) syllables",
        ]
        for s in r.longSentences {
            lines.append("\(path):\(s.line):\(s.column): long sentence (\(s.words) words; keep to 20): \(s.text)")
        }
        for p in r.longParagraphs {
            lines.append("\(path):\(p.line): long paragraph (\(p.sentences) sentences; keep to 3)")
        }
        for j in r.jargon {
            lines.append("\(path):\(j.line):\(j.column): \"\(j.term)\": write \"\(j.plain)\" first")
        }
        return lines.joined(separator: "\n")
    }

    /// `--plan`: a line per draft with its status and figures, its problems indented below it,
    /// then the counts.
    public static func planText(_ results: [PlanDraftResult]) -> String {
        var lines: [String] = []
        for r in results {
            let age = "reading age \(Format.decimal(r.checks.readingAge, places: 1))"
            let frags = r.checks.sms.map { ", " + counted($0.fragments, "fragment", "fragments") } ?? ""
            let status = r.blocked ? "BLOCKED" : r.checks.passes ? "passes" : "fails"
            lines.append("\(r.item) \(r.channel): \(status) (\(age)\(frags))")
            for p in r.checks.problems { lines.append("  \(p)") }
        }
        lines.append(
            "\(results.count) drafts checked: \(results.filter(\.checks.passes).count) pass, "
                + "\(results.filter { !$0.checks.passes }.count) fail a check, \(results.filter(\.blocked).count) blocked.")
        return lines.joined(separator: "\n")
    }

    /// The blocking findings of a plan's drafts, each an error at the plan file with the
    /// decision that lets it through when it is not personal data.
    public static func planDiagnostics(_ results: [PlanDraftResult], path: String) -> [Diagnostic] {
        results.flatMap { r in
            r.checks.blockingFindings.map { f in
                Diagnostic(
                    .error, SourceLocation(path: path),
                    "the \(r.channel) draft of \(r.item) has a \(describe(f.kind)) \"\(f.text)\" (line \(f.line), column \(f.column) of the draft)",
                    hint: f.hint + " If it is not personal data: planner decide allow \(r.item) \(f.kind.rawValue) --note \"why\".")
            }
        }
    }

    /// Findings in a text as diagnostics at their line and column of `path`.
    public static func diagnostics(_ findings: [ContentFinding], path: String, locator: TextLocator) -> [Diagnostic] {
        findings.map { f in
            Diagnostic(
                f.severity == .high ? .error : .warning, SourceLocation(path: path, line: f.line, column: f.column),
                "\(describe(f.kind)) \"\(f.text)\" (\(f.severity.rawValue) severity)",
                sourceLine: locator.line(f.line), hint: f.hint)
        }
    }

    static func describe(_ kind: FindingKind) -> String {
        switch kind {
        case .nhsNumber: return "possible NHS number"
        case .phone: return "phone number"
        case .postcode: return "postcode"
        case .dateOfBirth: return "possible date of birth"
        case .email: return "email address"
        case .name: return "possible patient name"
        }
    }

    /// Whitespace and format characters as U+XXXX, so an invisible character can be seen.
    static func visible(_ s: String) -> String {
        s.unicodeScalars.map { u -> String in
            guard u.properties.isWhitespace || u.properties.generalCategory == .format else { return String(u) }
            let hex = String(u.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined()
    }

    static func rounded1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
