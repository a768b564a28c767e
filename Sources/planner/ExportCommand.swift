import ArgumentParser
import Foundation
import ICalKit
import PlannerCore
import PlannerExport
import PlannerIO

/// `planner export`: regenerates the practice's files from a plan.json alone.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the calendar, CSV and Markdown files of a plan.",
        discussion: """
            Reads plan.json and writes, into the output folder: calendar.ics (every item and prep task, for Google, \
            Outlook and CalDAV calendars), tasks.ics (the prep tasks as to-dos), plan.csv, google-calendar.csv, \
            outlook-calendar.csv, social-<platform>.csv for each platform of the profile (with --profile) and plan.md \
            for the practice meeting. A re-export updates the calendar entries it wrote before (kept in \
            .export-state.json) instead of duplicating them. DTSTAMP comes from SOURCE_DATE_EPOCH when set, else the clock.
            """)

    @Option(name: .long, help: ArgumentHelp("The plan to export (plan.json).", valueName: "file"))
    var plan: String

    @Option(name: .long, help: "Which files: ics, csv, md or all.")
    var format: ExportFormatOption = .all

    @Option(name: .long, help: ArgumentHelp("Output folder (default: the folder of --plan).", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Also write one calendar per channel (calendar-sms.ics, ...).")
    var perChannel = false

    @OptionGroup var input: CalendarInputOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The practice profile, for its social platforms (one social-<platform>.csv each).", valueName: "file"))
    var profile: String?

    func run() throws {
        let planValue = try readPlanFile(plan)
        let folder = out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: plan).deletingLastPathComponent()
        let practice = try profile.map { try loadProfile($0) }
        let platforms = practice?.channels.social.map(\.platform) ?? []
        // The weekly digest emails too, when the profile has a digest section.
        let digest = try profile.flatMap { path in try practice.flatMap { try digestOptions(for: $0, profilePath: path) } }
        let source = input.source
        let taxonomy: Taxonomy
        do {
            taxonomy = try source.taxonomy()
        } catch {
            report(error.diagnostics)
            throw ExitCode(65)
        }
        let names = ExportOptions.names(from: taxonomy)
        // The days' web pages (the URL of each calendar entry), from the calendars the plan was made from.
        let window = DateWindow(from: planValue.from, to: planValue.to)
        let days = source.cleanedDays(window: window).days
        var options = ExportOptions(
            stamp: try exportStamp(), socialPlatforms: platforms, names: names, dayURLs: ExportOptions.dayURLs(from: days),
            perChannel: perChannel, formats: format.formats)
        options.digest = digest
        let written: [String]
        do {
            written = try PlanExports.write(planValue, to: folder, options: options)
        } catch {
            printError(
                "\(folder.path): error: could not write the exports: \(error.localizedDescription)\n"
                    + "hint: check that the folder can be written; the previous exports are unchanged\n")
            throw ExitCode(73)
        }
        print("Exports of \(planValue.practiceName), \(planValue.from.iso) to \(planValue.to.adding(days: -1).iso), written to \(folder.relativePath):")
        for name in written where !name.hasPrefix(".") { print("  \(name)") }
    }
}

enum ExportFormatOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    case ics, csv, md, all

    var formats: ExportFormats {
        switch self {
        case .ics: return ExportFormats(ics: true, csv: false, markdown: false)
        case .csv: return ExportFormats(ics: false, csv: true, markdown: false)
        case .md: return ExportFormats(ics: false, csv: false, markdown: true)
        case .all: return .all
        }
    }
}

/// DTSTAMP for new and changed calendar entries: SOURCE_DATE_EPOCH when set, else the clock.
func exportStamp(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UTCStamp {
    if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
        guard let s = Int(epoch) else { throw ValidationError("SOURCE_DATE_EPOCH \"\(epoch)\" is not a number of seconds") }
        return UTCStamp(secondsSinceEpoch: s)
    }
    return UTCStamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
}
