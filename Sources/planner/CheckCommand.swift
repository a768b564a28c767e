import ArgumentParser
import Foundation
import PlannerCore
import PlannerDrafts
import PlannerExport

/// `planner check`: counts a text message, or checks a text file for Plain English and personal data.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a text message, a draft or every draft of a plan: SMS fragments, Plain English and personal data.",
        discussion: """
            --sms counts a text message as the gateway would (characters, fragments, the characters that \
            force UCS-2) and looks for personal data in it. --file checks a draft: Flesch reading ease, \
            Flesch-Kincaid grade, reading age, long sentences and paragraphs, jargon and personal data. \
            --plan checks the draft of every item of a plan.json (and every poster) the way the plan was \
            made: reading age, text length, sender, phone route, code of conduct and personal data; an allow \
            decision recorded in the plan lets its kind of finding through. Exits with 65 when personal data of high severity is found (a valid NHS number, a mobile number, \
            a date of birth, a name), 0 otherwise. The practice's own number is not a finding: give it \
            with --practice-phone, or through the profile's phone field with --profile.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .long, help: ArgumentHelp("A text message to count and check.", valueName: "text"))
    var sms: String?

    @Option(name: .long, help: ArgumentHelp("A draft (plain text, UTF-8) to check.", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("A plan.json: checks the draft of every item (and every poster).", valueName: "file"))
    var plan: String?

    @Option(
        name: .long,
        help: "How texts are counted: notify (GOV.UK Notify, the default) or raw (a gateway that sends the text as written). With --plan, the default is the way the plan counted them."
    )
    var gateway: SMSGateway?

    @Option(name: .long, help: ArgumentHelp("A practice profile; only its phone field is read.", valueName: "file"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("The practice's own phone number (not a finding).", valueName: "number"))
    var practicePhone: [String] = []

    @Option(name: .long, help: "Output format.")
    var format: Format = .text

    func validate() throws {
        if [sms != nil, file != nil, plan != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give exactly one of --sms TEXT, --file F or --plan plan.json")
        }
    }

    func run() throws {
        var phones = practicePhone
        if let profile { phones += try Self.profilePhones(profile) }

        if let plan {
            try checkPlan(plan, phones: phones)
            return
        }
        let gateway = self.gateway ?? .notify
        if let sms {
            let count = SMSCounter.count(sms, gateway: gateway)
            let findings = Confidentiality.check(sms, practicePhones: phones)
            if format == .json {
                print(CheckReport.smsJSON(count, findings))
            } else {
                print(Self.smsText(count))
                report(Self.diagnostics(findings, path: "<sms>", locator: TextLocator(sms)))
            }
            if findings.contains(where: { $0.severity == .high }) { throw ExitCode(65) }
            return
        }

        guard let file else { return }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            let exists = FileManager.default.fileExists(atPath: file)
            report([
                Diagnostic(
                    .error, SourceLocation(path: file),
                    exists ? "The file could not be read." : "There is no file at this path.",
                    hint: exists ? "Check the file's permissions." : "Check the path, e.g. --file draft.txt.")
            ])
            throw ExitCode(65)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report([
                Diagnostic(
                    .error, SourceLocation(path: file), "The file is not UTF-8 text.",
                    hint: "Save the file as UTF-8 (plain text) and try again.")
            ])
            throw ExitCode(65)
        }
        let readability = Readability.check(text)
        let findings = Confidentiality.check(text, practicePhones: phones)
        if format == .json {
            print(CheckReport.fileJSON(readability, findings))
        } else {
            print(Self.fileText(readability, path: file))
            report(Self.diagnostics(findings, path: file, locator: TextLocator(text)))
        }
        if findings.contains(where: { $0.severity == .high }) { throw ExitCode(65) }
    }

    // MARK: - A whole plan

    /// Checks every draft of a plan again, as the planning run did: exit 65 when any has a
    /// high-severity finding no allow decision covers.
    func checkPlan(_ path: String, phones given: [String]) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            let exists = FileManager.default.fileExists(atPath: path)
            report([
                Diagnostic(
                    .error, SourceLocation(path: path), exists ? "The plan could not be read as UTF-8 text." : "There is no plan at this path.",
                    hint: exists ? "Check the file's permissions." : "Make one with planner plan; it writes Exports/plan.json.")
            ])
            throw ExitCode(65)
        }
        let plan: Plan
        do {
            plan = try PlanJSON.decode(text, path: path)
        } catch {
            report(error.diagnostics)
            throw ExitCode(65)
        }
        let phones = given + (plan.practicePhone.map { [$0] } ?? [])
        var results: [CheckReport.PlanDraftResult] = []
        var lines: [String] = []
        var diagnostics: [Diagnostic] = []
        for item in plan.items {
            for (isPoster, stored) in [(false, item.draft), (true, item.poster)] {
                guard let stored else { continue }
                let channel: DraftChannel = isPoster ? .poster : Self.draftChannel(item.channel)
                let input = DraftInput(
                    practiceName: plan.practiceName, practicePhone: phones.first ?? "", campaignTitle: item.title,
                    gateway: gateway ?? stored.checks.sms?.gateway ?? .notify)
                var checks = Drafter.check(stored.text, channel: channel, input: input, allowed: Set(stored.checks.allowed))
                // Every number the practice gave is its own, not only the first.
                checks.findings.removeAll { f in f.kind == .phone && phones.dropFirst().contains { Self.sameNumber($0, f.text) } }
                let summary = PlanDraftChecks(
                    readingAge: checks.readability.readingAge, fleschReadingEase: checks.readability.fleschReadingEase,
                    sms: checks.sms.map {
                        PlanSMSCount(gateway: $0.gateway, encoding: $0.encoding, characters: $0.characters, fragments: $0.fragments)
                    },
                    findings: checks.findings, allowed: stored.checks.allowed, problems: checks.problems)
                let blocked = !summary.blockingFindings.isEmpty
                results.append(.init(item: item.id, channel: channel.rawValue, checks: summary, blocked: blocked))
                let age = "reading age \(PlannerCore.Format.decimal(summary.readingAge, places: 1))"
                let frags = summary.sms.map { ", \($0.fragments) \($0.fragments == 1 ? "fragment" : "fragments")" } ?? ""
                let status = blocked ? "BLOCKED" : summary.passes ? "passes" : "fails"
                lines.append("\(item.id) \(channel.rawValue): \(status) (\(age)\(frags))")
                for p in summary.problems { lines.append("  \(p)") }
                for f in summary.blockingFindings {
                    diagnostics.append(
                        Diagnostic(
                            .error, SourceLocation(path: path),
                            "the \(channel.rawValue) draft of \(item.id) has a \(Self.describe(f.kind)) \"\(f.text)\" (line \(f.line), column \(f.column) of the draft)",
                            hint: f.hint + " If it is not personal data: planner decide allow \(item.id) \(f.kind.rawValue) --note \"why\"."))
                }
            }
        }
        let blocked = results.filter(\.blocked).count
        if format == .json {
            print(CheckReport.planJSON(results))
        } else {
            for l in lines { print(l) }
            print(
                "\(results.count) drafts checked: \(results.filter(\.checks.passes).count) pass, "
                    + "\(results.filter { !$0.checks.passes }.count) fail a check, \(blocked) blocked.")
            report(diagnostics)
        }
        if blocked > 0 { throw ExitCode(65) }
    }

    static func draftChannel(_ c: PlanChannel) -> DraftChannel {
        switch c {
        case .sms: return .sms
        case .letter: return .letter
        case .website: return .website
        case .social: return .social
        }
    }

    /// Two ways of writing one number: the same digits.
    static func sameNumber(_ a: String, _ b: String) -> Bool { a.filter(\.isNumber) == b.filter(\.isNumber) }

    // MARK: - The profile's phone field

    /// The profile's top-level `phone:` value (one number, or a list of numbers in brackets).
    /// Only that field is read; the rest of the profile is not checked here.
    static func profilePhones(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            report([
                Diagnostic(
                    .error, SourceLocation(path: path), "The profile could not be read.",
                    hint: "Check the path, e.g. --profile Profiles/urban-young.yaml.")
            ])
            throw ExitCode(65)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("phone:") else { continue }
            var value = String(line.dropFirst("phone:".count))
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("[") && value.hasSuffix("]") { value = String(value.dropFirst().dropLast()) }
            return value.split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
            }.filter { !$0.isEmpty }
        }
        printError("\(path): note: the profile has no phone field, so no number is treated as the practice's own; use --practice-phone.\n")
        return []
    }

    // MARK: - Output

    static func diagnostics(_ findings: [ContentFinding], path: String, locator: TextLocator) -> [Diagnostic] {
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

    static func visible(_ s: String) -> String {
        s.unicodeScalars.map { u -> String in
            u.properties.isWhitespace || u.properties.generalCategory == .format
                ? "U+" + String(u.value, radix: 16, uppercase: true).leftPadded(4) : String(u)
        }.joined()
    }

    static func smsText(_ c: SMSCount) -> String {
        var lines = [
            "\(c.encoding.rawValue), \(c.characters) \(c.characters == 1 ? "character" : "characters"), "
                + "\(c.fragments) \(c.fragments == 1 ? "fragment" : "fragments") (\(c.gateway == .notify ? "GOV.UK Notify" : "raw gateway"))"
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

    static func fileText(_ r: ReadabilityReport, path: String) -> String {
        var lines = [
            "Flesch reading ease \(JSONWriter.number(r.fleschReadingEase.rounded1)), Flesch-Kincaid grade \(JSONWriter.number(r.fleschKincaidGrade.rounded1)), "
                + "reading age \(JSONWriter.number(r.readingAge.rounded1)) (aim for 9 to 11)",
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

}

extension SMSGateway: ExpressibleByArgument {}

extension Double {
    /// Rounded to one decimal, for the text summary.
    fileprivate var rounded1: Double { (self * 10).rounded() / 10 }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
