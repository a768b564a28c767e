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
        let platforms = try profile.map { try loadProfile($0).channels.social.map(\.platform) } ?? []
        let names = ExportOptions.names(from: try input.loadTaxonomy())
        // The days' web pages (the URL of each calendar entry), from the calendars the plan was made from.
        let window = DateWindow(from: planValue.from, to: planValue.to)
        let (days, _) = input.cleanedDays(window: window)
        let options = ExportOptions(
            stamp: try exportStamp(), socialPlatforms: platforms, names: names, dayURLs: ExportOptions.dayURLs(from: days),
            perChannel: perChannel, formats: format.formats)
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

/// Reads plan.json. The one place to switch to `PlanJSON.decode` once the io branch has it; until
/// then it reads the plan.json contract (README, PlanJSON.swift) with Foundation's decoder.
/// Problems are printed as `file: error:` with a hint; exit 65.
func readPlanFile(_ path: String) throws -> Plan {
    guard let data = FileManager.default.contents(atPath: path) else {
        printError("\(path): error: cannot read the plan\nhint: give the plan.json that `planner plan` wrote\n")
        throw ExitCode(66)
    }
    do {
        return try PlanFileReader.plan(from: data)
    } catch {
        printError("\(path): error: this is not a plan.json the planner wrote (\(error))\nhint: write it again with `planner plan`\n")
        throw ExitCode(65)
    }
}

/// The plan.json shape (see PlanJSON.render), read back into a `Plan`.
enum PlanFileReader {
    struct Bad: Error, CustomStringConvertible { var description: String }

    struct File: Decodable {
        struct Practice: Decodable { var name: String; var odsCode: String }
        struct Dated: Decodable { var date: String; var reason: String }
        struct Working: Decodable { var start: String; var end: String }
        struct Constraints: Decodable {
            var hoursPerWeek: Double
            var campaignsPerWeek: Int
            var minDaysBetweenContacts: Int
            var workingHours: Working
            var quietDates: [Dated]
            var bankHolidays: [Dated]
            var olderShareForDirectContact: Double
            var groupOver75Share: [String: Double]
        }
        struct Task: Decodable { var task: String; var due: String }
        struct Item: Decodable {
            var id: String
            var campaign: String
            var sourceUid: String
            var title: String
            var groups: [String]
            var services: [String]
            var channel: String
            var date: String
            var time: String?
            var recipients: Int?
            var expectedReach: Int
            var cost: Double
            var effortHours: Double
            var prepTasks: [Task]
            var why: [String]
            var text: String?
        }
        struct ChannelTotal: Decodable { var cost: Double; var budget: Double?; var items: Int }
        struct Totals: Decodable {
            var channels: [String: ChannelTotal]
            var effortHoursByWeek: [String: Double]
        }
        struct Warning: Decodable { var code: String; var message: String }
        var practice: Practice
        var from: String
        var to: String
        var constraints: Constraints
        var items: [Item]
        var totals: Totals
        var groupsWithoutContact: [String]
        var warnings: [Warning]
    }

    static func plan(from data: Data) throws -> Plan {
        let f = try JSONDecoder().decode(File.self, from: data)
        func date(_ s: String) throws -> CivilDate {
            guard let d = CivilDate(iso: s) else { throw Bad(description: "\"\(s)\" is not a date (YYYY-MM-DD)") }
            return d
        }
        func time(_ s: String) throws -> PlanTime {
            let p = s.split(separator: ":")
            guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]) else { throw Bad(description: "\"\(s)\" is not a time (HH:MM)") }
            return PlanTime(hour: h, minute: m)
        }
        func channel(_ s: String) throws -> PlanChannel {
            guard let c = PlanChannel(rawValue: s) else { throw Bad(description: "\"\(s)\" is not a channel") }
            return c
        }
        /// Pounds or hours written with two decimals back to whole hundredths.
        func hundredths(_ x: Double) -> Int { Int((x * 100).rounded()) }
        let c = f.constraints
        let constraints = PlanConstraintsSummary(
            commsCentiHoursPerWeek: hundredths(c.hoursPerWeek), campaignsPerWeek: c.campaignsPerWeek,
            minDaysBetweenContacts: c.minDaysBetweenContacts, workingHoursStart: try time(c.workingHours.start),
            workingHoursEnd: try time(c.workingHours.end),
            quietDates: try c.quietDates.map { NonSendingDate(date: try date($0.date), kind: .quiet, reason: $0.reason) },
            bankHolidays: try c.bankHolidays.map { NonSendingDate(date: try date($0.date), kind: .bankHoliday, reason: $0.reason) },
            groupOver75Shares: c.groupOver75Share.keys.sorted().map { GroupShare(group: $0, share: c.groupOver75Share[$0]!) },
            olderShareForDirectContact: c.olderShareForDirectContact)
        let items = try f.items.map { i -> PlanItem in
            var item = PlanItem(
                id: i.id, campaign: i.campaign, sourceUid: i.sourceUid, title: i.title, groups: i.groups,
                services: i.services, channel: try channel(i.channel), date: try date(i.date),
                time: try i.time.map(time), recipients: i.recipients, expectedReach: i.expectedReach,
                costPence: hundredths(i.cost), effortCentiHours: hundredths(i.effortHours),
                prepTasks: try i.prepTasks.map { PrepTask(task: $0.task, due: try date($0.due)) }, why: i.why)
            item.text = i.text
            return item
        }
        let channels = try f.totals.channels.keys.map(channel).sorted().map { ch -> PlanTotals.ChannelTotal in
            let t = f.totals.channels[ch.rawValue]!
            return PlanTotals.ChannelTotal(
                channel: ch, costPence: hundredths(t.cost), budgetPence: t.budget.map(hundredths), items: t.items)
        }
        let weeks = f.totals.effortHoursByWeek.keys.sorted().map {
            PlanTotals.WeekEffort(week: $0, centiHours: hundredths(f.totals.effortHoursByWeek[$0]!))
        }
        return Plan(
            practiceName: f.practice.name, odsCode: f.practice.odsCode, from: try date(f.from), to: try date(f.to),
            constraints: constraints, items: items, totals: PlanTotals(channels: channels, effortByWeek: weeks),
            groupsWithoutContact: f.groupsWithoutContact,
            warnings: f.warnings.map { PlanWarning(code: $0.code, message: $0.message) }.sorted())
    }
}
