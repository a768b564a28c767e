import Foundation
import PlannerTestSupport
import Testing

/// `planner digest` end to end (issue 15): every message of both sample plans read by python's
/// email package and python `ical`; golden text and HTML bodies; a practice's own template; and
/// sending through a real SMTP server (aiosmtpd) on 127.0.0.1: plain, STARTTLS and implicit TLS
/// with a self-signed certificate given by --ca-file, AUTH, a refused login, a server that is
/// down, and a week that was already sent.
@Suite struct DigestTests {
    static let profiles = ["urban-young", "coastal-older"]
    /// 2027-01-15T08:00:00Z: the Date header of every message.
    static let stamp = "1800000000"
    static let week = "2027-W03"

    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("digest-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Plans 2027-Q1 for a sample profile into `dir` (which writes digest/*.eml with the exports).
    static func plan(_ profile: String = "urban-young", into dir: URL, profilePath: String? = nil) throws {
        let p = try runPlanner(
            ["plan", "--profile", profilePath ?? "Profiles/\(profile).yaml", "--quarter", "2027-Q1", "--out", dir.path],
            environment: ["SOURCE_DATE_EPOCH": stamp])
        #expect(p.status == 0, "\(p.stderr)")
    }

    static func digest(_ dir: URL, _ extra: [String], env: [String: String] = [:], profile: String = "Profiles/urban-young.yaml")
        throws -> CommandResult
    {
        var environment = ["SOURCE_DATE_EPOCH": stamp]
        for (k, v) in env { environment[k] = v }
        return try runPlanner(["digest", "--out", dir.path, "--profile", profile] + extra, environment: environment)
    }

    static func golden(_ name: String) -> URL {
        TestPaths.packageRoot.appendingPathComponent("Tests/PlannerCLITests/Fixtures/digest").appendingPathComponent(name)
    }

    // MARK: - The messages

    @Test(.enabled(if: Tools.python, "python3 with ical is missing (make test installs it)"), arguments: profiles)
    func everyMessageParsesWithoutDefectsAndItsCalendarIsStrictICal(_ profile: String) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan(profile, into: dir)
        let result = try Tools.runJSON(["tools/test/check_eml.py", dir.appendingPathComponent("digest").path])
        // 2027-Q1 touches 14 ISO weeks: 2026-W53 (1 January is a Friday) to 2027-W13.
        #expect(result.count == 14, "\(result.keys.sorted())")
        #expect(result["2026-W53.eml"] != nil && result["2027-W13.eml"] != nil)
        let calendar = try String(contentsOf: dir.appendingPathComponent("calendar.ics"), encoding: .utf8)
        // Unfolded (RFC 5545 §3.1): long UIDs continue on the next line after a space.
        let lines = calendar.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        let calendarUIDs = Set(lines.filter { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) })
        var events = 0
        for (name, value) in result {
            let r = try #require(value as? [String: Any])
            #expect((r["defects"] as? [String]) == [], "\(name): \(r["defects"] ?? "")")
            let types = r["types"] as? [String] ?? []
            #expect(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar"], "\(name)")
            #expect(r["calendar_error"] is NSNull, "\(name): \(r["calendar_error"] ?? "")")
            let uids = r["calendar_uids"] as? [String] ?? []
            #expect(Set(uids).isSubset(of: calendarUIDs), "\(name): UIDs not in calendar.ics")
            events += uids.count
            #expect((r["longest_line"] as? Int ?? 999) <= 78, "\(name)")
            #expect(r["bare_lf"] as? Int == 0, "\(name)")
            #expect((r["subject"] as? String ?? "").hasPrefix("Week of "), "\(name)")
            #expect((r["text"] as? String ?? "").contains("GOING OUT THIS WEEK"), "\(name)")
            #expect(!(r["html"] as? String ?? "").lowercased().contains("<script"), "\(name)")
            #expect(!(r["html"] as? String ?? "").lowercased().contains("<img"), "\(name)")
        }
        #expect(events > 14)
    }

    /// Two processes (different hash seeds) write byte-identical messages; another "now" changes
    /// only the Date header, so the Message-ID stays the same for the same plan and week.
    @Test func sameInputsGiveSameMessagesAndMessageIDs() throws {
        let a = try Self.tempDir(), b = try Self.tempDir()
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        try Self.plan(into: a)
        try Self.plan(into: b)
        let names = try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent("digest").path).sorted()
        #expect(names.count == 14)
        for n in names {
            let x = try Data(contentsOf: a.appendingPathComponent("digest/\(n)"))
            let y = try Data(contentsOf: b.appendingPathComponent("digest/\(n)"))
            #expect(x == y, "\(n)")
        }
        let later = try runPlanner(
            ["digest", "--out", a.path, "--profile", "Profiles/urban-young.yaml", "--week", Self.week],
            environment: ["SOURCE_DATE_EPOCH": "1800086400"])
        let before = try String(contentsOf: b.appendingPathComponent("digest/\(Self.week).eml"), encoding: .utf8)
        func header(_ name: String, _ text: String) -> String? {
            text.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }
        }
        #expect(header("Date", later.stdout) == "Date: Sat, 16 Jan 2027 08:00:00 +0000")
        #expect(header("Message-ID", later.stdout) == header("Message-ID", before))
        #expect(header("Message-ID", before) != nil)
    }

    /// Names outside ASCII go into the headers as RFC 2047 encoded words that python decodes back.
    @Test(.enabled(if: Tools.python, "python3 with ical is missing (make test installs it)"))
    func nonASCIINamesAreEncodedWords() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = try Self.copyProfile(into: dir)
        var text = try String(contentsOf: profile, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "from: \"Wharfside Awareness Planner <planner@wharfside.example.org>\"",
            with: "from: \"Zoë’s planner – Wharfside <planner@wharfside.example.org>\"")
        try text.write(to: profile, atomically: true, encoding: .utf8)
        try Self.plan(into: dir, profilePath: profile.path)
        let eml = try String(contentsOf: dir.appendingPathComponent("digest/\(Self.week).eml"), encoding: .utf8)
        #expect(eml.hasPrefix("From: =?utf-8?B?"))
        #expect(eml.utf8.allSatisfy { $0 < 0x80 })
        let result = try Tools.runJSON(["tools/test/check_eml.py", dir.appendingPathComponent("digest").path])
        let r = try #require(result["\(Self.week).eml"] as? [String: Any])
        #expect((r["defects"] as? [String]) == [])
        #expect(r["from_name"] as? String == "Zoë’s planner – Wharfside")
    }

    @Test func goldenTextAndHTMLBodiesOfOneWeek() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan(into: dir)
        for (format, ext) in [("text", "txt"), ("html", "html")] {
            let r = try Self.digest(dir, ["--week", Self.week, "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            assertGolden(r.stdout, matches: Self.golden("urban-young-\(Self.week).\(ext)"))
        }
        // Unfolded (RFC 5322 §2.2.3): headers are folded before 76 characters.
        let eml = try String(contentsOf: dir.appendingPathComponent("digest/\(Self.week).eml"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n ", with: " ")
        // One clinical sign-off per campaign (issue 11): 3 campaigns wait, not 11 items.
        #expect(eml.contains("\r\nSubject: Week of 18 Jan: 3 items go out, 3 drafts to sign off (2 overdue)\r\n"))
        #expect(eml.contains("\r\nDate: Fri, 15 Jan 2027 08:00:00 +0000\r\n"))
        // The message `plan` wrote and the one `digest` wrote are the same bytes (same plan, week and now).
        let planned = try Data(contentsOf: dir.appendingPathComponent("digest/\(Self.week).eml"))
        let printed = try Self.digest(dir, ["--week", Self.week])
        #expect(Data(printed.stdout.utf8) == planned)
    }

    @Test func anApprovalTakesTheItemOffTheWaitingList() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = try Self.copyProfile(into: dir)
        try Self.plan(into: dir, profilePath: profile.path)
        let before = try Self.digest(dir, ["--week", Self.week, "--format", "text"], profile: profile.path)
        let item = "breast-screening-2027-02-01-letter-1"
        #expect(before.stdout.contains("planner decide approve \(item)"), "\(before.stdout)")
        let d = try runPlanner(
            ["decide", "approve", item, "--author", "Dr Tom Reed", "--profile", profile.path, "--out", dir.path])
        #expect(d.status == 0, "\(d.stderr)")
        try Self.plan(into: dir, profilePath: profile.path)
        let after = try Self.digest(dir, ["--week", Self.week, "--format", "text"], profile: profile.path)
        #expect(!after.stdout.contains("planner decide approve \(item)"))
        #expect(after.stdout.contains("Signed off by Dr Tom Reed"))
        let plan = try String(contentsOf: dir.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(plan.contains("\"approval\": {\n        \"by\": \"Dr Tom Reed\",\n        \"note\": null\n      },"))
    }

    /// A copy of the urban-young profile (and its decisions file) in `dir`, so that tests may edit it.
    static func copyProfile(into dir: URL, extra: String = "") throws -> URL {
        let root = TestPaths.packageRoot.appendingPathComponent("Profiles")
        let text = try String(contentsOf: root.appendingPathComponent("urban-young.yaml"), encoding: .utf8)
        let url = dir.appendingPathComponent("urban-young.yaml")
        try (text + extra).write(to: url, atomically: true, encoding: .utf8)
        let decisions = root.appendingPathComponent("urban-young.decisions.yaml")
        if FileManager.default.fileExists(atPath: decisions.path) {
            try FileManager.default.copyItem(at: decisions, to: dir.appendingPathComponent("urban-young.decisions.yaml"))
        }
        return url
    }

    @Test func aTemplateInTheProfilesFolderIsUsed() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = try Self.copyProfile(into: dir, extra: "\ntemplates: practice-templates\n")
        let folder = dir.appendingPathComponent("practice-templates")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "Our week {{week}}:{{#goingOut}} [{{channel}}: {{title}}]{{/goingOut}} & done\n"
            .write(to: folder.appendingPathComponent("digest-text.mustache"), atomically: true, encoding: .utf8)
        try Self.plan(into: dir, profilePath: profile.path)
        let text = try Self.digest(dir, ["--week", Self.week, "--format", "text"], profile: profile.path)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == "Our week 2027-W03: [Social media: Brew Monday] [Website: Brew Monday] [Social media: NHS Health Check] & done\n")
        // No HTML template there: the bundled one is used.
        let html = try Self.digest(dir, ["--week", Self.week, "--format", "html"], profile: profile.path)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        // A template that cannot be read stops the command at its line and column.
        try "Fine line\n{{#goingOut}}\n{{title}}\n"
            .write(to: folder.appendingPathComponent("digest-text.mustache"), atomically: true, encoding: .utf8)
        let broken = try Self.digest(dir, ["--week", Self.week], profile: profile.path)
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("practice-templates/digest-text.mustache:"), "\(broken.stderr)")
        #expect(broken.stderr.contains(": error: the template cannot be read"), "\(broken.stderr)")
        #expect(broken.stderr.contains("hint: "))
    }

    @Test func aWeekOutsideThePlanOrAProfileWithoutADigestIsBadInput() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan(into: dir)
        let outside = try Self.digest(dir, ["--week", "2027-W30"])
        #expect(outside.status == 65)
        #expect(outside.stderr.contains("error: week 2027-W30 is not in the plan, which covers 2026-W53 to 2027-W13"), "\(outside.stderr)")
        let noDigest = try Self.copyProfile(into: dir)
        var text = try String(contentsOf: noDigest, encoding: .utf8)
        text = String(text[..<text.range(of: "\ndigest:")!.lowerBound]) + "\n"
        try text.write(to: noDigest, atomically: true, encoding: .utf8)
        let r = try Self.digest(dir, ["--week", Self.week], profile: noDigest.path)
        #expect(r.status == 65)
        #expect(r.stderr.contains("error: the profile has no digest section"), "\(r.stderr)")
    }

    // MARK: - Sending

    enum TLS: String, CaseIterable, Sendable { case none, starttls, implicit }

    /// Each way of connecting, with and without a login; the received message is the .eml.
    @Test(.enabled(if: Tools.smtp, Tools.smtpMissing), arguments: TLS.allCases, [false, true])
    func sendsTheWeekAndNotAgain(_ tls: TLS, _ login: Bool) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try SMTPSink(in: dir, tls: tls, login: login ? ("digest", "correct horse 7") : nil)
        defer { server.stop() }
        try Self.plan(into: dir)
        var args = ["--week", Self.week, "--send", "--smtp", "\(tls == .implicit ? "smtps" : "smtp")://127.0.0.1:\(server.port)"]
        if tls == .starttls { args.append("--starttls") }
        if tls != .none { args += ["--ca-file", server.cert.path] }
        var env: [String: String] = [:]
        if login {
            args += ["--user", "digest"]
            env["PLANNER_SMTP_PASSWORD"] = "correct horse 7"
        }
        let r = try Self.digest(dir, args, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Sent \(Self.week) to priya.shah@wharfside.example.org"), "\(r.stdout)")
        #expect(!r.stdout.contains("correct horse") && !r.stderr.contains("correct horse"))
        let received = try server.messages()
        try #require(received.count == 1)
        let eml = try Data(contentsOf: dir.appendingPathComponent("digest/\(Self.week).eml"))
        #expect(SMTPSink.withoutServerHeaders(received[0]) == SMTPSink.lf(eml))
        #expect(String(decoding: received[0], as: UTF8.self).contains("X-RcptTo: priya.shah@wharfside.example.org"))
        let sent = try String(contentsOf: dir.appendingPathComponent("digest/sent.tsv"), encoding: .utf8)
        #expect(sent.hasPrefix("week\tmessage-id\tsent-at\n\(Self.week)\t<digest.\(Self.week)."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("digest/outbox").path).isEmpty)
        // A second run sends nothing.
        let again = try Self.digest(dir, args, env: env)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("\(Self.week) was sent at 20270115T080000Z"), "\(again.stdout)")
        #expect(try server.messages().count == 1)
    }

    @Test(.enabled(if: Tools.smtp, Tools.smtpMissing))
    func aRefusedLoginKeepsTheMessageAndTheNextRunSendsIt() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try SMTPSink(in: dir, tls: .starttls, login: ("digest", "right-one"))
        defer { server.stop() }
        try Self.plan(into: dir)
        let wrong = dir.appendingPathComponent("wrong-password")
        try "not-the-right-one\n".write(to: wrong, atomically: true, encoding: .utf8)
        let args = [
            "--week", Self.week, "--send", "--smtp", "smtp://127.0.0.1:\(server.port)", "--starttls", "--ca-file",
            server.cert.path, "--user", "digest", "--password-file",
        ]
        let r = try Self.digest(dir, args + [wrong.path])
        #expect(r.status == 69)
        #expect(r.stderr.contains("error: could not send \(Self.week) through smtp://127.0.0.1:\(server.port) (STARTTLS, user digest)"), "\(r.stderr)")
        #expect(r.stderr.contains("the server replied \"535"), "\(r.stderr)")
        #expect(r.stderr.contains("digest/outbox/\(Self.week).eml"), "\(r.stderr)")
        #expect(!r.stderr.contains("not-the-right-one") && !r.stdout.contains("not-the-right-one"))
        #expect(try server.messages().isEmpty)
        let kept = dir.appendingPathComponent("digest/outbox/\(Self.week).eml")
        #expect(FileManager.default.fileExists(atPath: kept.path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("digest/sent.tsv").path))

        let right = dir.appendingPathComponent("right-password")
        try "right-one\n".write(to: right, atomically: true, encoding: .utf8)
        let ok = try Self.digest(dir, args + [right.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let received = try server.messages()
        try #require(received.count == 1)
        let eml = try Data(contentsOf: dir.appendingPathComponent("digest/\(Self.week).eml"))
        #expect(SMTPSink.withoutServerHeaders(received[0]) == SMTPSink.lf(eml))
        #expect(!FileManager.default.fileExists(atPath: kept.path))
    }

    @Test(.enabled(if: Tools.smtp, Tools.smtpMissing))
    func aServerThatIsDownKeepsTheMessageAndTheNextRunSendsIt() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.plan(into: dir)
        // A port nobody listens on: a server's, after it stopped.
        let gone = try SMTPSink(in: dir.appendingPathComponent("gone"), tls: .none, login: nil)
        gone.stop()
        let down = try Self.digest(dir, ["--week", Self.week, "--send", "--smtp", "smtp://127.0.0.1:\(gone.port)"])
        #expect(down.status == 69)
        #expect(down.stderr.contains("Couldn't connect"), "\(down.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("digest/outbox/\(Self.week).eml").path))

        let server = try SMTPSink(in: dir.appendingPathComponent("up"), tls: .none, login: nil)
        defer { server.stop() }
        // The next run is for the following week: it sends the kept week first, then its own.
        let next = try Self.digest(dir, ["--week", "2027-W04", "--send", "--smtp", "smtp://127.0.0.1:\(server.port)"])
        #expect(next.status == 0, "\(next.stderr)")
        let received = try server.messages()
        #expect(received.count == 2)
        let subjects = received.map { String(decoding: $0, as: UTF8.self) }.map { $0.contains("Subject: Week of 18 Jan") }
        #expect(subjects.contains(true))
        let sent = try String(contentsOf: dir.appendingPathComponent("digest/sent.tsv"), encoding: .utf8)
        #expect(sent.contains("\n2027-W03\t") && sent.contains("\n2027-W04\t"))
    }

    @Test(.enabled(if: Tools.smtp, Tools.smtpMissing))
    func anUntrustedCertificateIsRefused() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try SMTPSink(in: dir, tls: .implicit, login: nil)
        defer { server.stop() }
        try Self.plan(into: dir)
        // No --ca-file: the self-signed certificate is not trusted, so nothing is sent.
        let r = try Self.digest(dir, ["--week", Self.week, "--send", "--smtp", "smtps://127.0.0.1:\(server.port)"])
        #expect(r.status == 69)
        #expect(r.stderr.lowercased().contains("certificate"), "\(r.stderr)")
        #expect(try server.messages().isEmpty)
    }

    @Test func aPasswordIsNeverAnArgument() throws {
        let r = try runPlanner(["digest", "--send", "--smtp", "smtp://127.0.0.1:1", "--user", "u", "--password", "x"])
        #expect(r.status == 64)
    }
}

extension Tools {
    static let smtp = works(["python3", "-c", "import aiosmtpd"]) && works(["openssl", "version"])
    static let smtpMissing: Comment = "python3 with aiosmtpd, or the openssl CLI, is missing (make test installs them)"
}

/// tools/test/smtp_server.py on 127.0.0.1 and a free port, stopped by its process id.
final class SMTPSink {
    let process = Process()
    let port: Int
    let maildir: URL
    let cert: URL

    init(in dir: URL, tls: DigestTests.TLS, login: (user: String, password: String)?) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        maildir = dir.appendingPathComponent("maildir")
        cert = dir.appendingPathComponent("server-cert.pem")
        var args = ["python3", "tools/test/smtp_server.py", maildir.path, "--tls", tls.rawValue]
        args += ["--cert", cert.path, "--key", dir.appendingPathComponent("server-key.pem").path]
        if let login {
            let file = dir.appendingPathComponent("server-password")
            try (login.password + "\n").write(to: file, atomically: true, encoding: .utf8)
            args += ["--auth", login.user, "--password-file", file.path]
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = args
        process.currentDirectoryURL = TestPaths.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard text.hasPrefix("READY "), let p = Int(text.dropFirst(6).prefix { $0.isNumber }) else {
            process.terminate()
            process.waitUntilExit()
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the SMTP server did not start: \(text)"])
        }
        port = p
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The messages received, oldest first.
    func messages() throws -> [Data] {
        let new = maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: new.path)) ?? []
        return try names.sorted().map { try Data(contentsOf: new.appendingPathComponent($0)) }
    }

    static func lf(_ d: Data) -> Data {
        Data(String(decoding: d, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
    }

    /// A received message with LF line ends and without the headers the server adds.
    static func withoutServerHeaders(_ d: Data) -> Data {
        let lines = String(decoding: lf(d), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Substring] = []
        var inHeader = true
        for l in lines {
            if inHeader && l.isEmpty { inHeader = false }
            if inHeader && (l.hasPrefix("X-Peer:") || l.hasPrefix("X-MailFrom:") || l.hasPrefix("X-RcptTo:")) { continue }
            out.append(l)
        }
        return Data(out.joined(separator: "\n").utf8)
    }
}
