import Foundation
import PlannerTestSupport
import Testing

@Suite struct CheckCommandTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func smsJSONUnderNotify() throws {
        let text = String(repeating: "a", count: 150) + " it\u{2019}s done"  // 150 + 10 = 160 after tidying
        let r = try runPlanner(["check", "--sms", text, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(
            r.stdout == """
                {
                  "gateway": "notify",
                  "encoding": "GSM-7",
                  "characters": 160,
                  "fragments": 1,
                  "forcingCharacters": [],
                  "changedCharacters": [{"character": "\u{2019}", "replacement": "'", "count": 1}],
                  "findings": []
                }

                """)
    }

    @Test func smsJSONUnderARawGateway() throws {
        let text = String(repeating: "a", count: 150) + " it\u{2019}s done"
        let r = try runPlanner(["check", "--sms", text, "--gateway", "raw", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"encoding\": \"UCS-2\""))
        #expect(r.stdout.contains("\"characters\": 160"))
        #expect(r.stdout.contains("\"fragments\": 3"))
        #expect(r.stdout.contains("\"forcingCharacters\": [{\"character\": \"\u{2019}\", \"replacement\": \"'\", \"count\": 1}]"))
    }

    @Test func smsWithWelshCircumflexInText() throws {
        let r = try runPlanner(["check", "--sms", "Croeso! Dewch \u{00E2}'ch cerdyn."])
        #expect(r.status == 0)
        #expect(
            r.stdout == """
                UCS-2, 26 characters, 1 fragment (GOV.UK Notify)
                  "\u{00E2}" forces UCS-2 (1x): write "a"

                """)
    }

    @Test func smsWithAnNHSNumberExits65() throws {
        let r = try runPlanner(["check", "--sms", "Your NHS number is 943 476 5919"])
        #expect(r.status == 65)
        #expect(
            r.stderr == """
                <sms>:1:20: error: possible NHS number "943 476 5919" (high severity)
                Your NHS number is 943 476 5919
                                   ^
                hint: This is a valid NHS number: remove it. Never put a patient's NHS number in a message.

                """)
    }

    @Test func fileJSONWithFindings() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            Dear patient,

            Book your flu jab today. Call us on 020 7946 0123 or text 07700 900456.
            The invalid number 999 123 4567 is only an example.

            """
        try Data(text.utf8).write(to: dir.appendingPathComponent("draft.txt"))
        let r = try runPlanner(["check", "--file", "draft.txt", "--format", "json", "--practice-phone", "020 7946 0123"], in: dir)
        #expect(r.status == 65)  // the mobile number is high severity
        let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["fleschReadingEase"] is Double || json["fleschReadingEase"] is Int)
        #expect(json["readingAge"] != nil)
        #expect((json["longSentences"] as? [Any])?.isEmpty == true)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["kind"] as? String } == ["phone", "nhs-number"])
        #expect(findings.map { $0["severity"] as? String } == ["high", "medium"])
        #expect(findings.map { $0["line"] as? Int } == [3, 4])
        #expect(findings.map { $0["column"] as? Int } == [59, 20])
        #expect(findings.map { $0["text"] as? String } == ["07700 900456", "999 123 4567"])
        #expect(findings.allSatisfy { ($0["hint"] as? String)?.isEmpty == false })
        // Keys in a fixed order.
        let keys = ["fleschReadingEase", "fleschKincaidGrade", "readingAge", "longSentences", "findings"]
        let positions = keys.compactMap { r.stdout.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    @Test func aCleanDraftExits0() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Flu jabs are here. Book in the NHS App or call us on 020 7946 0123. Call 111 if you feel very unwell.\n"
        try Data(text.utf8).write(to: dir.appendingPathComponent("ok.txt"))
        let r = try runPlanner(["check", "--file", "ok.txt", "--practice-phone", "020 7946 0123"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdout.hasPrefix("Flesch reading ease "))
        #expect(r.stdout.contains("(aim for 9 to 11)"))
    }

    @Test func profilePhoneFieldIsThePracticesOwn() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("name: Test Practice\nphone: 0161 496 0000   # Ofcom drama range\n".utf8)
            .write(to: dir.appendingPathComponent("p.yaml"))
        let own = try runPlanner(["check", "--sms", "Call us on 0161 496 0000", "--profile", "p.yaml", "--format", "json"], in: dir)
        #expect(own.status == 0)
        #expect(own.stdout.contains("\"findings\": []"))
        let other = try runPlanner(["check", "--sms", "Call 0161 496 0001", "--profile", "p.yaml", "--format", "json"], in: dir)
        #expect(other.stdout.contains("\"kind\": \"phone\", \"severity\": \"medium\""))
        #expect(other.status == 0)  // medium severity only
    }

    @Test func profileWithoutPhoneFieldSaysSo() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("name: No Phone Surgery\n".utf8).write(to: dir.appendingPathComponent("p.yaml"))
        let r = try runPlanner(["check", "--sms", "Hello", "--profile", "p.yaml"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.contains("the profile has no phone field"))
    }

    @Test func exactlyOneInputIsAUsageError() throws {
        let none = try runPlanner(["check"])
        #expect(none.status == 64)
        #expect(none.stderr.contains("give exactly one of --sms TEXT, --file F or --plan plan.json"))
        let both = try runPlanner(["check", "--sms", "a", "--file", "b"])
        #expect(both.status == 64)
    }

    @Test func missingFileExits65() throws {
        let r = try runPlanner(["check", "--file", "no-such-draft.txt"])
        #expect(r.status == 65)
        #expect(
            r.stderr == """
                no-such-draft.txt: error: There is no file at this path.
                hint: Check the path, e.g. --file draft.txt.

                """)
    }

    @Test func sameOutputEveryRun() throws {
        let args = ["check", "--sms", "\u{201C}Hi\u{201D} \u{2014} it\u{2019}s \u{1F489} time", "--gateway", "raw", "--format", "json"]
        let a = try runPlanner(args), b = try runPlanner(args)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"forcingCharacters\": [{\"character\": \"\u{201C}\""))
    }

    @Test func fileJSONIsTheSameInEveryProcess() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            Dear Mr Jones, your hypertension review is due. Email j.jones@example.com, post to SW1A 1AA,
            call 07700 900789 or 020 7946 0555. Date of birth 01/02/1950. NHS 943 476 5919.
            """
        try Data(text.utf8).write(to: dir.appendingPathComponent("d.txt"))
        let runs = try (0..<3).map { _ in try runPlanner(["check", "--file", "d.txt", "--format", "json"], in: dir) }
        #expect(runs.allSatisfy { $0.stdout == runs[0].stdout && $0.status == 65 })
        for kind in ["name", "email", "postcode", "phone", "date-of-birth", "nhs-number"] {
            #expect(runs[0].stdout.contains("\"kind\": \"\(kind)\""), "\(kind)")
        }
        #expect(runs[0].stdout.contains("\"term\": \"hypertension\", \"plain\": \"high blood pressure\""))
    }

    /// `check --plan` (issue 13): every draft of a sample plan passes; a practice's own text with a
    /// mobile number is blocked (exit 65) until an allow decision lets it through.
    @Test func checkPlanPassesTheSampleAndBlocksPersonalData() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = TestPaths.packageRoot
        let profile = root.appendingPathComponent("Profiles/urban-young.yaml").path
        let out = dir.appendingPathComponent("out").path
        let planned = try runPlanner(["plan", "--profile", profile, "--from", "2027-01-01", "--to", "2027-03-31", "--out", out], in: root)
        #expect(planned.status == 0, "\(planned.stderr)")
        let planFile = out + "/plan.json"
        let ok = try runPlanner(["check", "--plan", planFile])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let last = try #require(ok.stdout.split(separator: "\n").last)
        let n = try #require(Int(last.prefix { $0.isNumber }))
        #expect(n > 50)
        #expect(last == "\(n) drafts checked: \(n) pass, 0 fail a check, 0 blocked.")

        let plan = try String(contentsOfFile: planFile, encoding: .utf8)
        let id = try #require(plan.range(of: #"nhs-health-check-2027-01-01-sms-1"#).map { String(plan[$0]) })
        let decisions = dir.appendingPathComponent("d.yaml")
        try Data("- text: \(id)\n  message: \"Wharfside Health Centre: text 07700 900123 to book.\"\n".utf8).write(to: decisions)
        let blocked = try runPlanner(
            ["plan", "--profile", profile, "--decisions", decisions.path, "--from", "2027-01-01", "--to", "2027-03-31", "--out", out], in: root)
        #expect(blocked.status == 0)
        #expect(blocked.stderr.contains("warning: the draft of \(id) is blocked. It may contain personal data: phone \"07700 900123\""))
        let bad = try runPlanner(["check", "--plan", planFile, "--format", "json"])
        #expect(bad.status == 65)
        #expect(bad.stdout.contains("\"blocked\": 1,"))
        let text = try runPlanner(["check", "--plan", planFile])
        #expect(text.stdout.contains("\(id) sms: BLOCKED"))
        #expect(text.stderr.contains("planner decide allow \(id) phone"))

        try Data(
            "- text: \(id)\n  message: \"Wharfside Health Centre: text 07700 900123 to book.\"\n- allow: \(id)\n  finding: phone\n  note: test line\n"
                .utf8
        ).write(to: decisions)
        _ = try runPlanner(
            ["plan", "--profile", profile, "--decisions", decisions.path, "--from", "2027-01-01", "--to", "2027-03-31", "--out", out], in: root)
        let allowed = try runPlanner(["check", "--plan", planFile])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }
}
