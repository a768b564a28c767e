import Foundation
import PlannerCore
import PlannerExport
import ICalKit
import PlannerIO
import PlannerTestSupport
import Testing

/// Issue 13: every plan item carries its ready-to-send draft and the checks behind it; texts are
/// costed from their drafts' words; a practice's own templates, texts and allow decisions apply.
@Suite struct PlanDraftsTests {
    static let root = TestPaths.packageRoot
    static let profiles = ["coastal-older", "urban-young"]
    static let quarters = ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]
    static let codeOfConduct = "Please don't use this page to book, cancel or discuss your care. Call us or use the NHS App."

    static func path(_ profile: String) -> String { root.appendingPathComponent("Profiles/\(profile).yaml").path }

    static func plan(_ profile: String, _ quarter: String, decisions: String? = nil) throws -> (Plan, PracticeProfile) {
        let window = try #require(DateWindow(quarter: quarter))
        let outcome = PlanningRun(profilePath: path(profile), decisionsPath: decisions, window: window).run()
        let result = try #require(outcome.result, "\(profile) \(quarter) stopped at \(String(describing: outcome.stoppedAt))")
        return (result.plan, try #require(outcome.practice))
    }

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-drafts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Acceptance (issue 13, item 5): every draft of both samples, all four 2027 quarters,
    /// passes its own checks, with no exception.
    @Test(arguments: profiles, quarters) func everyDraftOfTheSamplesPassesItsChecks(_ profile: String, _ quarter: String) throws {
        let (plan, practice) = try Self.plan(profile, quarter)
        let phone = try #require(practice.phone)
        var drafts = 0
        for item in plan.items {
            let draft = try #require(item.draft, "\(item.id) has no draft")
            for (what, d) in [("draft", draft), ("poster", item.poster)].compactMap({ p in p.1.map { (p.0, $0) } }) {
                drafts += 1
                let c = d.checks
                let label = "\(item.id) \(what):\n\(d.text)"
                #expect(c.problems.isEmpty, "\(label)\n\(c.problems)")
                #expect(c.readingAge <= 11, "\(label)")
                #expect(c.findings.isEmpty, "\(label)\n\(c.findings)")
                #expect(d.blocked == nil, "\(label)")
                #expect(!d.text.contains("bit.ly") && !d.text.contains("http://"), "\(label)")
                if what == "poster" {
                    #expect(d.text.contains(phone), "\(label)")
                    continue
                }
                switch item.channel {
                case .sms:
                    let sms = try #require(c.sms)
                    #expect(sms.fragments <= 2, "\(label)")
                    #expect(d.text.hasPrefix(practice.name + ": "), "\(label)")
                    #expect(d.text.contains("www.nhs.uk/") || d.text.contains(".nhs.uk/") || d.text.contains("gov.uk/"), "\(label)")
                case .letter:
                    #expect(d.text.contains(practice.name) && d.text.contains(phone), "\(label)")
                case .social:
                    #expect(d.text.hasSuffix(Self.codeOfConduct), "\(label)")
                    #expect(d.text.contains("\n#"), "\(label)")
                case .website:
                    #expect(d.text.contains("https://"), "\(label)")
                }
            }
        }
        #expect(drafts >= plan.items.count)
        #expect(!plan.warnings.contains { $0.code == .draftBlocked || $0.code == .draftFailsChecks })
    }

    /// Issue 13, item 3: each text's cost is its recipients x its draft's fragments x the price,
    /// and the SMS total in plan.json is the sum of those.
    @Test(arguments: profiles, quarters) func smsCostsComeFromTheDrafts(_ profile: String, _ quarter: String) throws {
        let (plan, practice) = try Self.plan(profile, quarter)
        let milli = Int(((practice.channels.sms?.pricePerFragmentPence ?? 2.4) * 1000).rounded())
        var sum = 0
        for item in plan.items where item.channel == .sms {
            let fragments = try #require(item.draft?.checks.sms?.fragments)
            let recipients = try #require(item.recipients)
            #expect(item.costPence == (recipients * fragments * milli + 999) / 1000, "\(item.id)")
            sum += item.costPence
        }
        let total = try #require(plan.totals.channels.first { $0.channel == .sms })
        #expect(total.costPence == sum)
        let json = PlanJSON.render(plan)
        #expect(json.contains("\"sms\": {\n        \"cost\": \(Format.pounds(pence: sum))"))
    }

    /// Two-fragment drafts cost twice a one-fragment one: the allocation sees the words.
    @Test func theAllocationUsesEachDraftsFragments() throws {
        var oneAndTwo = Set<Int>()
        for p in Self.profiles {
            for q in Self.quarters {
                let (plan, _) = try Self.plan(p, q)
                for item in plan.items where item.channel == .sms { oneAndTwo.insert(item.draft!.checks.sms!.fragments) }
            }
        }
        #expect(oneAndTwo == [1, 2])
    }

    @Test func planJSONReadsBackTheDrafts() throws {
        let (plan, _) = try Self.plan("coastal-older", "2027-Q1")
        let bytes = PlanJSON.render(plan)
        #expect(bytes.contains("\"draft\": {"))
        #expect(bytes.contains("\"poster\": {"))
        let decoded = try PlanJSON.decode(bytes, path: "plan.json")
        #expect(PlanJSON.render(decoded) == bytes)
        #expect(decoded.items == plan.items)
    }

    /// A practice's own template, from the folder its profile names in `templates:`.
    @Test func aPracticeTemplateIsUsed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var profile = try String(contentsOfFile: Self.path("urban-young"), encoding: .utf8)
        profile = profile.replacingOccurrences(of: "decisionsFile:", with: "# decisionsFile:")
        profile += "\ntemplates: our-words\n"
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("our-words"), withIntermediateDirectories: true)
        try Data("{{practiceName}}: our own words. {{action}} {{smsLink}}".utf8)
            .write(to: dir.appendingPathComponent("our-words/sms.mustache"))
        let path = dir.appendingPathComponent("practice.yaml").path
        try Data(profile.utf8).write(to: URL(fileURLWithPath: path))
        let outcome = PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q1")!).run()
        let plan = try #require(outcome.result).plan
        let texts = plan.items.filter { $0.channel == .sms }.compactMap(\.draft?.text)
        #expect(!texts.isEmpty)
        #expect(texts.allSatisfy { $0.hasPrefix("Wharfside Health Centre: our own words. ") })
        // Other channels keep the bundled wording.
        #expect(plan.items.filter { $0.channel == .website }.allSatisfy { $0.draft!.text.contains("Not online? Call us on") })

        // A template that does not parse stops the run, naming the file.
        try Data("{{#open}} never closed".utf8).write(to: dir.appendingPathComponent("our-words/letter.mustache"))
        let broken = PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q1")!).run()
        #expect(broken.stoppedAt == .templates)
        #expect(broken.templateDiagnostics.first?.location.path.hasSuffix("our-words/letter.mustache") == true)
    }

    /// A `text` decision replaces the draft, is checked the same way, and its words set the cost.
    /// Personal data in it blocks it unless an `allow` decision lets that kind through.
    @Test func aTextDecisionIsCheckedAndAllowDecisionsUnblockIt() throws {
        let (plan, _) = try Self.plan("urban-young", "2027-Q1")
        let sms = try #require(plan.items.first { $0.channel == .sms })
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long =
            "Wharfside Health Centre: call Dr Jones on 07700 900123 about your results."
            + String(repeating: " Please do.", count: 30)
        let decisions = dir.appendingPathComponent("d.yaml")
        try Data("- text: \(sms.id)\n  message: \"\(long)\"\n".utf8).write(to: decisions)
        let (own, _) = try Self.plan("urban-young", "2027-Q1", decisions: decisions.path)
        let item = try #require(own.items.first { $0.id == sms.id })
        let draft = try #require(item.draft)
        #expect(draft.text == long)
        #expect(draft.checks.sms!.fragments == 3)
        #expect(draft.checks.findings.map(\.kind).contains(.phone))
        #expect(draft.checks.problems.contains { $0.contains("3 messages") })
        #expect(draft.blocked?.contains("07700 900123") == true)
        #expect(own.warnings.contains { $0.code == .draftBlocked && $0.message.contains(sms.id) })
        // Three fragments now: the batch costs three times the price per person.
        let milli = 2400
        #expect(item.costPence == (item.recipients! * 3 * milli + 999) / 1000)
        #expect(PlanJSON.render(own).contains("\"blocked\": \"It may contain personal data"))
        // The exports leave the blocked words out and say why; the other drafts are in them.
        let csv = CSVExports.plan(own, options: ExportOptions(stamp: UTCStamp(date: CivilDate(year: 2026, month: 12, day: 1), hour: 9, minute: 0, second: 0)))
        #expect(!csv.contains("call Dr Jones"))
        #expect(csv.contains("[Not exported: the words are blocked. It may contain personal data: "))
        let md = PlanMarkdown.render(own, options: ExportOptions(stamp: UTCStamp(date: CivilDate(year: 2026, month: 12, day: 1), hour: 9, minute: 0, second: 0)))
        #expect(!md.contains("call Dr Jones"))
        #expect(md.contains(own.items.first { $0.channel == .website }!.draft!.text.split(separator: "\n")[0]))

        let kinds = draft.checks.blockingFindings.map(\.kind.rawValue)
        var allow = "- text: \(sms.id)\n  message: \"\(long)\"\n"
        for k in Set(kinds).sorted() { allow += "- allow: \(sms.id)\n  finding: \(k)\n  note: test number\n" }
        try Data(allow.utf8).write(to: decisions)
        let (allowed, _) = try Self.plan("urban-young", "2027-Q1", decisions: decisions.path)
        let after = try #require(allowed.items.first { $0.id == sms.id }?.draft)
        #expect(after.blocked == nil)
        #expect(Set(after.checks.allowed.map(\.rawValue)) == Set(kinds))
        #expect(!allowed.warnings.contains { $0.code == .draftBlocked })
    }

    @Test func anAllowDecisionNeedsAFindingKindAndANote() {
        let bad = DecisionsFile.parse("- allow: heart-month-2027-02-01-sms-1\n  finding: phon\n  note: x\n", path: "d.yaml")
        #expect(bad.diagnostics.contains { $0.message.contains("\"phon\" is not a kind of finding") })
        let noNote = DecisionsFile.parse("- allow: heart-month-2027-02-01-sms-1\n  finding: phone\n", path: "d.yaml")
        #expect(noNote.diagnostics.contains { $0.message.contains("has no \"note\"") })
        let good = DecisionsFile.parse(
            "- allow: heart-month-2027-02-01-sms-1\n  finding: phone\n  note: the pharmacy's number\n", path: "d.yaml")
        #expect(good.diagnostics.isEmpty)
        #expect(good.entries.map(\.decision.action) == [.allow(.phone)])
    }

    /// `smsGateway: raw` counts a curly apostrophe as UCS-2; Notify straightens it first.
    @Test func theProfilesGatewayCountsTheTexts() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var profile = try String(contentsOfFile: Self.path("coastal-older"), encoding: .utf8)
        profile = profile.replacingOccurrences(of: "decisionsFile:", with: "# decisionsFile:")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("t"), withIntermediateDirectories: true)
        try Data("{{practiceName}}: it\u{2019}s {{title}}. {{action}} {{smsLink}}".utf8)
            .write(to: dir.appendingPathComponent("t/sms.mustache"))
        for gateway in ["notify", "raw"] {
            let path = dir.appendingPathComponent("\(gateway).yaml").path
            try Data((profile + "\ntemplates: t\nsmsGateway: \(gateway)\n").utf8).write(to: URL(fileURLWithPath: path))
            let plan = try #require(PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q1")!).run().result).plan
            let counts = plan.items.filter { $0.channel == .sms }.compactMap(\.draft?.checks.sms)
            #expect(!counts.isEmpty)
            #expect(counts.allSatisfy { $0.encoding == (gateway == "raw" ? .ucs2 : .gsm7) }, "\(gateway)")
        }
    }

    @Test func aPhoneThatIsNotAUKNumberIsAnError() throws {
        var profile = try String(contentsOfFile: Self.path("urban-young"), encoding: .utf8)
        profile = profile.replacingOccurrences(of: "phone: \"01632 960732\"", with: "phone: \"call us\"")
        let result = ProfileLoader.validate(yaml: profile, path: "p.yaml", isKnownZone: { _ in true })
        #expect(result.errors.contains { $0.message.contains("phone \"call us\" is not a UK phone number") })
    }
}
