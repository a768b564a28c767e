/// A wall-clock time of day, `HH:MM`: working hours in the profile, send times in the plan.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int = 0) {
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` (24-hour, 00:00 to 23:59); nil otherwise.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }

    /// `HH:MM`.
    public var description: String { "\(hour.zeroPadded(to: 2)):\(minute.zeroPadded(to: 2))" }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
}
