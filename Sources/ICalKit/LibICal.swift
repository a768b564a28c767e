internal import CLibical
import Foundation

/// Process-wide libical set-up and facts about the linked library.
///
/// libical's global settings are not thread-safe (its icalerror.h marks them "NOT THREAD SAFE";
/// libical/libical#673), so they are applied once, here, before any parsing.
public enum LibICal {
    /// The libical version string, e.g. "3.0". Wraps the `ICAL_VERSION` macro.
    public static var version: String { ICAL_VERSION }

    /// Runs the one-time set-up: errors non-fatal, built-in zone list warmed on one thread
    /// (works around the first-use race, libical/libical#1029).
    public static func setUp() { _ = once }

    private static let once: Void = {
        icalerror_set_errors_are_fatal(0)
        _ = icaltimezone_get_builtin_timezones()
    }()

    /// The one lock that serialises every libical call of this module (libical's parser and
    /// component trees are not thread-safe, libical/libical#673).
    private static let lock = NSLock()

    /// Runs `body` with the libical lock held (after `setUp`).
    static func withLock<T>(_ body: () -> T) -> T {
        setUp()
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Whether libical can load `name` from the system zoneinfo (needs the tzdata package).
    /// Wraps `icaltimezone_get_builtin_timezone`.
    public static func hasZone(_ name: String) -> Bool {
        withLock { icaltimezone_get_builtin_timezone(name) != nil }
    }

    /// The UTC offset in seconds of zone `name` at the given wall-clock time, or nil for an unknown zone.
    /// Wraps `icaltimezone_get_utc_offset`.
    public static func utcOffset(zone name: String, at local: (year: Int, month: Int, day: Int, hour: Int, minute: Int))
        -> Int?
    {
        return withLock { () -> Int? in
        guard let zone = icaltimezone_get_builtin_timezone(name) else { return nil }
        var t = icaltime_null_time()
        t.year = Int32(local.year)
        t.month = Int32(local.month)
        t.day = Int32(local.day)
        t.hour = Int32(local.hour)
        t.minute = Int32(local.minute)
        var isDaylight: Int32 = 0
        return Int(icaltimezone_get_utc_offset(zone, &t, &isDaylight))
        }
    }
}
