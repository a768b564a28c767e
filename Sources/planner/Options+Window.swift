import ArgumentParser
import Foundation
import PlannerCore

/// `--from/--to/--today`: the window a command works on.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First day of the window (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Day after the window (YYYY-MM-DD, exclusive).", valueName: "date"))
    var to: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Today's date (default: SOURCE_DATE_EPOCH, else the clock, in Europe/London).", valueName: "date"))
    var today: String?

    /// The window: --from/--to when given, else the quarter after today.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment, now: Date = Date()) throws
        -> DateWindow
    {
        switch (from, to) {
        case (let f?, let t?):
            guard let a = CivilDate(iso: f) else { throw ValidationError("--from \"\(f)\" is not a date (YYYY-MM-DD)") }
            guard let b = CivilDate(iso: t) else { throw ValidationError("--to \"\(t)\" is not a date (YYYY-MM-DD)") }
            guard a < b else { throw ValidationError("--from \(a.iso) must be before --to \(b.iso)") }
            return DateWindow(from: a, to: b)
        case (nil, nil):
            return DateWindow.nextQuarter(after: try todayDate(environment: environment, now: now))
        default:
            throw ValidationError("give --from and --to together (or neither for the next quarter)")
        }
    }

    /// --today, else SOURCE_DATE_EPOCH (seconds), else the clock; as a Europe/London date.
    func todayDate(environment: [String: String], now: Date) throws -> CivilDate {
        if let today {
            guard let d = CivilDate(iso: today) else {
                throw ValidationError("--today \"\(today)\" is not a date (YYYY-MM-DD)")
            }
            return d
        }
        var instant = now
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let s = Int(epoch) else {
                throw ValidationError("SOURCE_DATE_EPOCH \"\(epoch)\" is not a number of seconds")
            }
            instant = Date(timeIntervalSince1970: TimeInterval(s))
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!
        let c = cal.dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)
    }
}
