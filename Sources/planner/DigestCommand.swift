import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
import PlannerExport
import PlannerIO
import PlannerMail

/// `planner digest`: the weekly digest email of one week of the plan, printed or sent over SMTP.
struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print or send the weekly digest email of one week of the plan.",
        discussion: """
            Writes the week's message to digest/<week>.eml beside plan.json and prints it, or with --send submits \
            it over SMTP (libcurl): STARTTLS with --starttls on smtp://, implicit TLS with smtps://, the server's \
            certificate checked against the system's authorities or --ca-file. The password comes only from \
            --password-file or the PLANNER_SMTP_PASSWORD environment variable. A message that cannot be sent is \
            kept in digest/outbox/ (exit 69) and the next run sends it first; a week already sent (digest/sent.tsv) \
            is not sent again without --resend. From, To and Reply-To come from the profile's digest section. \
            See docs/digest.md.

            Examples:
              planner digest --week 2027-W03
              planner digest --today 2027-01-18 --send --smtp smtp://smtp.example.org:587 --starttls \\
                --user digest@example.org --password-file /etc/planner/smtp-password
            """)

    @Option(name: .long, help: ArgumentHelp("The ISO week, e.g. 2027-W03.", valueName: "YYYY-Www"))
    var week: String?

    @Option(name: .long, help: ArgumentHelp("The week holding this date (default: the week of now).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("The plan (default: plan.json in --out).", valueName: "file"))
    var plan: String?

    @Option(name: .long, help: ArgumentHelp("The output folder holding plan.json.", valueName: "dir"))
    var out: String = "Exports"

    @Option(
        name: .long,
        help: ArgumentHelp("The practice profile, for its digest and team sections (default: Profiles/urban-young.yaml).", valueName: "file"))
    var profile: String?

    @OptionGroup var input: CalendarInputOptions

    @Flag(name: .long, help: "Send the message (and any kept in the outbox) instead of printing it.")
    var send = false

    @Option(name: .long, help: ArgumentHelp("The SMTP server: smtp://HOST:PORT or smtps://HOST:PORT.", valueName: "url"))
    var smtp: String?

    @Flag(name: .long, help: "Upgrade an smtp:// connection with STARTTLS (required; port 587).")
    var starttls = false

    @Option(name: .long, help: ArgumentHelp("Trust the certificate authorities in this PEM file (a private CA).", valueName: "file"))
    var caFile: String?

    @Option(name: .long, help: ArgumentHelp("The SMTP login name.", valueName: "name"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("A file holding the SMTP password (or set PLANNER_SMTP_PASSWORD).", valueName: "file"))
    var passwordFile: String?

    @Flag(name: .long, help: "Send the week again even if it was sent before.")
    var resend = false

    @Option(name: .long, help: "What to print without --send: eml (the whole message), text or html (one body, decoded).")
    var format: DigestFormat = .eml

    func validate() throws {
        if week != nil && today != nil { throw ValidationError("give --week or --today, not both") }
        if let week, Digest.monday(ofWeek: week) == nil {
            throw ValidationError("--week \"\(week)\" is not an ISO week (use YYYY-Www, e.g. 2027-W03)")
        }
        if let today, CivilDate(iso: today).map(\.isValid) != true {
            throw ValidationError("--today \"\(today)\" is not a date (use YYYY-MM-DD)")
        }
        if send {
            guard let smtp else { throw ValidationError("--send needs --smtp smtp://HOST:PORT or smtps://HOST:PORT") }
            guard SMTPServer.isValidURL(smtp) else {
                throw ValidationError("--smtp \"\(smtp)\" is not an smtp:// or smtps:// URL with a host")
            }
            if starttls && smtp.lowercased().hasPrefix("smtps://") {
                throw ValidationError("--starttls is for smtp:// (port 587); smtps:// is already encrypted")
            }
            if passwordFile != nil && user == nil { throw ValidationError("--password-file needs --user") }
            if format != .eml { throw ValidationError("--format is for printing; --send sends the whole message") }
        } else if smtp != nil || starttls || user != nil || passwordFile != nil || caFile != nil || resend {
            throw ValidationError("--smtp, --starttls, --ca-file, --user, --password-file and --resend go with --send")
        }
    }

    func run() throws {
        let planPath = plan ?? URL(fileURLWithPath: out).appendingPathComponent("plan.json").path
        let planValue = try readPlanFile(planPath)
        let folder = URL(fileURLWithPath: planPath).deletingLastPathComponent()
        try requireDefaultProfile(named: profile)
        let profilePath = profile ?? defaultProfilePath
        let practice = try loadProfile(profilePath)
        guard let digest = try digestOptions(for: practice, profilePath: profilePath) else {
            printError(
                "\(profilePath): error: the profile has no digest section, so the digest has no sender or recipients\n"
                    + "hint: add digest: with from: and to: addresses (see docs/digest.md)\n")
            throw ExitCode(65)
        }
        let stamp = try exportStamp()
        let monday =
            week.flatMap(Digest.monday(ofWeek:)) ?? today.flatMap { CivilDate(iso: $0) }?.mondayOfWeek ?? stamp.date.mondayOfWeek
        let weeks = Digest.weeks(planValue)
        guard weeks.contains(monday) else {
            let range = "\(weeks.first?.isoWeekLabel ?? "?") to \(weeks.last?.isoWeekLabel ?? "?")"
            printError(
                "\(planPath): error: week \(monday.isoWeekLabel) is not in the plan, which covers \(range)\n"
                    + "hint: give --week with one of those weeks, or plan the quarter that holds it\n")
            throw ExitCode(65)
        }
        let source = input.source
        let names = (try? source.taxonomy()).map(ExportOptions.names(from:)) ?? [:]
        let days = source.cleanedDays(window: DateWindow(from: planValue.from, to: planValue.to)).days
        var options = ExportOptions(
            stamp: stamp, socialPlatforms: practice.channels.social.map(\.platform), names: names,
            dayURLs: ExportOptions.dayURLs(from: days))
        options.digest = digest
        let statePath = folder.appendingPathComponent(ExportState.fileName)
        let state = (try? String(contentsOf: statePath, encoding: .utf8)).flatMap(ExportState.parse)
        let events = Digest.calendarEvents(planValue, options: options, state: state)
        let message = Digest.message(planValue, monday: monday, options: options, digest: digest, events: events)
        let post = DigestPost(exportsFolder: folder)
        let emlURL = post.messageURL(week: message.week)
        do {
            try FileManager.default.createDirectory(at: post.folder, withIntermediateDirectories: true)
            try AtomicWrite.write(message.eml, to: emlURL)
        } catch {
            printError("\(emlURL.path): error: could not write the message: \(error.localizedDescription)\nhint: check that the folder can be written\n")
            throw ExitCode(73)
        }
        guard send, let smtp else {
            switch format {
            case .eml: print(message.eml, terminator: "")
            case .text: print(message.text, terminator: "")
            case .html: print(message.html, terminator: "")
            }
            return
        }
        let server = SMTPServer(url: smtp, startTLS: starttls, caFile: caFile, user: user, password: try password())
        try deliver(message, digest: digest, post: post, server: server, sentAt: stamp.description)
    }

    /// The password from --password-file (first line) or PLANNER_SMTP_PASSWORD; never an argument.
    func password() throws -> String? {
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile),
                let text = String(data: data, encoding: .utf8)
            else {
                printError("\(passwordFile): error: cannot read the password file\nhint: check the path and that this user can read it\n")
                throw ExitCode(66)
            }
            let first = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let password = first.hasSuffix("\r") ? String(first.dropLast()) : first
            guard !password.isEmpty else {
                printError("\(passwordFile): error: the password file is empty\nhint: put the password on its first line\n")
                throw ExitCode(65)
            }
            return password
        }
        if let env = ProcessInfo.processInfo.environment["PLANNER_SMTP_PASSWORD"], !env.isEmpty {
            guard user != nil else { throw ValidationError("PLANNER_SMTP_PASSWORD is set, so give --user with the login name") }
            return env
        }
        if let user {
            printError(
                "error: no password for \(user)\nhint: give --password-file FILE or set PLANNER_SMTP_PASSWORD; a password is never "
                    + "taken as an argument\n")
            throw ExitCode(64)
        }
        return nil
    }

    /// Queues the week (unless it was sent and --resend is not given), then sends the outbox.
    func deliver(_ message: Digest.Message, digest: DigestOptions, post: DigestPost, server: SMTPServer, sentAt: String) throws {
        if let earlier = post.sent().first(where: { $0.week == message.week }), !resend {
            print("\(message.week) was sent at \(earlier.sentAt) (\(earlier.messageID)); not sent again (give --resend to send it again).")
        } else {
            do {
                try post.enqueue(message.eml, week: message.week)
            } catch {
                printError("\(post.outbox.path): error: could not write the outbox: \(error.localizedDescription)\nhint: check that the folder can be written\n")
                throw ExitCode(73)
            }
        }
        let from = digest.settings.from.address
        let to = digest.settings.to.map(\.address)
        let outcomes = post.flush(sentAt: sentAt) { bytes, _ in
            try SMTPClient.send(bytes, from: from, to: to, via: server)
        }
        for o in outcomes {
            switch o {
            case .sent(let week):
                print("Sent \(week) to \(to.joined(separator: ", ")) through \(server).")
            case .failed(let week, let reason):
                let kept = post.waiting().map { "digest/outbox/\($0).eml" }.joined(separator: ", ")
                printError(
                    "error: could not send \(week) through \(server): \(reason)\n"
                        + "hint: the message is kept (\(kept.isEmpty ? "digest/outbox/" : kept)); the next `planner digest --send` "
                        + "sends it. Check the server, port, --starttls, --ca-file and the login.\n")
                throw ExitCode(69)
            }
        }
    }
}

/// The digest options of a profile (its `digest` and `team` sections and any templates of its
/// own), nil when it has no `digest` section. A templates folder or template that cannot be read
/// is reported (`file:line:col: error:`) and stops the command with exit 65.
func digestOptions(for practice: PracticeProfile, profilePath: String) throws -> DigestOptions? {
    guard let settings = practice.digest else { return nil }
    let found: DigestTemplateFiles.Found
    switch DigestTemplateFiles.read(for: practice, profilePath: profilePath) {
    case .success(let f): found = f
    case .failure(let f):
        report([f.diagnostic])
        throw ExitCode(65)
    }
    let templates = DigestTemplates(text: found.text, html: found.html)
    let problems = templates.problems()
    if !problems.isEmpty {
        for var p in problems {
            p.file = p.file == DigestTemplates.textFileName ? found.textPath ?? p.file : found.htmlPath ?? p.file
            printError("\(p)\nhint: fix the mustache tag there (see docs/digest.md for the values), or remove the file to use the bundled template\n")
        }
        throw ExitCode(65)
    }
    return DigestOptions(settings: settings, team: practice.team, templates: templates)
}

enum DigestFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case eml, text, html
}
