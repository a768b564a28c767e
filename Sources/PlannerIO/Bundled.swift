import BundledCalendars
import Foundation

/// Paths of the resources the planner ships with.
public enum Bundled {
    public static var awarenessCalendar: URL? { BundledCalendars.awarenessCalendar }
    public static var programmesCalendar: URL? { BundledCalendars.programmesCalendar }
    public static var bankHolidaysFolder: URL? { BundledCalendars.bankHolidaysFolder }
    public static var taxonomy: URL? { Bundle.module.url(forResource: "taxonomy", withExtension: "yaml") }
}
