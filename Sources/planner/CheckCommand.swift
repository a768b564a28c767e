import ArgumentParser
import Foundation
import PlannerCore
import PlannerDrafts
import PlannerExport
import PlannerIO

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
        if let profile {
            let read = ProfilePhones.read(profile)
            report(read.diagnostics)
            if read.failed { throw ExitCode(65) }
            phones += read.phones
        }

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
                print(CheckReport.smsText(count))
                report(CheckReport.diagnostics(findings, path: "<sms>", locator: TextLocator(sms)))
            }
            if findings.contains(where: { $0.severity == .high }) { throw ExitCode(65) }
            return
        }

        guard let file else { return }
        let text: String
        do {
            text = try TextFile.read(file, missingHint: "Check the path, e.g. --file draft.txt.")
        } catch {
            report(error.diagnostics)
            throw ExitCode(65)
        }
        let readability = Readability.check(text)
        let findings = Confidentiality.check(text, practicePhones: phones)
        if format == .json {
            print(CheckReport.fileJSON(readability, findings))
        } else {
            print(CheckReport.fileText(readability, path: file))
            report(CheckReport.diagnostics(findings, path: file, locator: TextLocator(text)))
        }
        if findings.contains(where: { $0.severity == .high }) { throw ExitCode(65) }
    }

    // MARK: - A whole plan

    /// Checks every draft of a plan again, as the planning run did: exit 65 when any has a
    /// high-severity finding no allow decision covers.
    func checkPlan(_ path: String, phones: [String]) throws {
        let results = PlanRecheck.check(try readPlanFile(path), phones: phones, gateway: gateway)
        if format == .json {
            print(CheckReport.planJSON(results))
        } else {
            print(CheckReport.planText(results))
            report(CheckReport.planDiagnostics(results, path: path))
        }
        if results.contains(where: \.blocked) { throw ExitCode(65) }
    }
}

extension SMSGateway: ExpressibleByArgument {}
