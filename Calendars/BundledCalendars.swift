import Foundation

/// The calendars shipped with the planner (this folder), as package resources so that
/// `planner` works from any working directory.
public enum BundledCalendars {
    /// `uk-health-awareness.ics`: the default awareness-day input.
    public static var awarenessCalendar: URL? {
        Bundle.module.url(forResource: "uk-health-awareness", withExtension: "ics")
    }

    /// `nhs-programmes.ics`: national vaccination and screening programmes (flu, COVID-19, RSV,
    /// shingles, screening, NHS Health Check, ...), with their eligibility.
    public static var programmesCalendar: URL? {
        Bundle.module.url(forResource: "nhs-programmes", withExtension: "ics")
    }

    /// The `bank-holidays/` folder (gov.uk-shaped feeds for the three UK divisions).
    /// Not awareness days: read as non-sending days.
    public static var bankHolidaysFolder: URL? {
        Bundle.module.url(forResource: "bank-holidays", withExtension: nil)
    }
}
