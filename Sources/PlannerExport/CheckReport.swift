import PlannerCore

/// The JSON `planner check` prints for a text message (`--sms`) or a draft (`--file`).
public enum CheckReport {
    /// `--sms`: gateway, encoding, billable characters, fragments, the characters that force
    /// UCS-2 or are changed before sending, and any personal-data findings.
    public static func smsJSON(_ c: SMSCount, _ findings: [ContentFinding]) -> String {
        layout(
            [
                JSONMember("gateway", .string(c.gateway.rawValue)),
                JSONMember("encoding", .string(c.encoding.rawValue)),
                JSONMember("characters", .int(c.characters)),
                JSONMember("fragments", .int(c.fragments)),
                JSONMember("forcingCharacters", notes(c.forcingCharacters)),
                JSONMember("changedCharacters", notes(c.changedCharacters)),
                JSONMember("findings", self.findings(findings)),
            ])
    }

    /// `--file`: the Plain English figures, long sentences and paragraphs, jargon and findings.
    public static func fileJSON(_ r: ReadabilityReport, _ findings: [ContentFinding]) -> String {
        layout(
            [
                JSONMember("fleschReadingEase", .number(JSONWriter.number(r.fleschReadingEase))),
                JSONMember("fleschKincaidGrade", .number(JSONWriter.number(r.fleschKincaidGrade))),
                JSONMember("readingAge", .number(JSONWriter.number(r.readingAge))),
                JSONMember("words", .int(r.words)),
                JSONMember("sentences", .int(r.sentences)),
                JSONMember("syllables", .int(r.syllables)),
                JSONMember(
                    "longSentences",
                    .array(
                        r.longSentences.map {
                            .object([
                                JSONMember("line", .int($0.line)), JSONMember("column", .int($0.column)),
                                JSONMember("words", .int($0.words)), JSONMember("text", .string($0.text)),
                            ])
                        })),
                JSONMember(
                    "longParagraphs",
                    .array(
                        r.longParagraphs.map {
                            .object([JSONMember("line", .int($0.line)), JSONMember("sentences", .int($0.sentences))])
                        })),
                JSONMember(
                    "jargon",
                    .array(
                        r.jargon.map {
                            .object([
                                JSONMember("line", .int($0.line)), JSONMember("column", .int($0.column)),
                                JSONMember("term", .string($0.term)), JSONMember("plain", .string($0.plain)),
                            ])
                        })),
                JSONMember("findings", self.findings(findings)),
            ])
    }

    /// One member per line; values inline, except the findings, one per line.
    static func layout(_ members: [JSONMember]) -> String {
        var out = "{\n"
        for (i, m) in members.enumerated() {
            out += "  " + JSONWriter.quoted(m.key) + ": "
            if m.key == "findings", case .array(let rows) = m.value, !rows.isEmpty {
                out += "[\n" + rows.map { "    " + JSONWriter.inline($0) }.joined(separator: ",\n") + "\n  ]"
            } else {
                out += JSONWriter.inline(m.value)
            }
            out += i == members.count - 1 ? "\n" : ",\n"
        }
        return out + "}"
    }

    static func notes(_ notes: [SMSCharacterNote]) -> JSONValue {
        .array(
            notes.map {
                .object([
                    JSONMember("character", .string($0.character)),
                    JSONMember("replacement", .string($0.replacement)), JSONMember("count", .int($0.count)),
                ])
            })
    }

    static func findings(_ findings: [ContentFinding]) -> JSONValue {
        .array(
            findings.map {
                .object([
                    JSONMember("kind", .string($0.kind.rawValue)), JSONMember("severity", .string($0.severity.rawValue)),
                    JSONMember("line", .int($0.line)), JSONMember("column", .int($0.column)),
                    JSONMember("text", .string($0.text)), JSONMember("hint", .string($0.hint)),
                ])
            })
    }

    /// `--plan`: the counts, then one line per draft (in plan order) with its checks.
    public static func planJSON(_ results: [PlanDraftResult]) -> String {
        let rows: [JSONValue] = results.map { r in
            var m = [
                JSONMember("item", .string(r.item)), JSONMember("channel", .string(r.channel)),
                JSONMember("passes", .bool(r.checks.passes)), JSONMember("blocked", .bool(r.blocked)),
                JSONMember("readingAge", .number(Format.decimal(r.checks.readingAge, places: 1))),
            ]
            if let sms = r.checks.sms {
                m.append(JSONMember("encoding", .string(sms.encoding.rawValue)))
                m.append(JSONMember("characters", .int(sms.characters)))
                m.append(JSONMember("fragments", .int(sms.fragments)))
            }
            m.append(JSONMember("findings", findings(r.checks.findings)))
            m.append(JSONMember("allowed", .strings(r.checks.allowed.map(\.rawValue))))
            m.append(JSONMember("problems", .strings(r.checks.problems)))
            return .object(m)
        }
        var out = "{\n"
        out += "  \"drafts\": \(results.count),\n"
        out += "  \"passing\": \(results.filter(\.checks.passes).count),\n"
        out += "  \"blocked\": \(results.filter(\.blocked).count),\n"
        out += "  \"results\": [" + (rows.isEmpty ? "]" : "\n" + rows.map { "    " + JSONWriter.inline($0) }.joined(separator: ",\n") + "\n  ]")
        return out + "\n}"
    }
}
