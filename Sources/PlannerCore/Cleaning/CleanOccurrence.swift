/// One occurrence in the cleaned view: the raw `Occurrence` fields (after the
/// foreign-midnight fix), plus a title without its year, a plain-text description,
/// and, when the same day came from several sources, every source and the merged uids.
public struct CleanOccurrence: Sendable, Hashable, Codable {
    /// The uid of the first source by (path, line).
    public var uid: String?
    /// SUMMARY as written (of the first source).
    public var title: String
    public var start: EventTime
    /// Exclusive end.
    public var end: EventTime
    /// "UTC", a TZID, or nil for floating and all-day (also nil after the foreign-midnight fix).
    public var timezone: String?
    /// Categories of all merged sources, first source first, duplicates (case-insensitive) removed.
    public var categories: [String]
    public var status: String?
    /// The first source by (path, line).
    public var source: SourceLocation
    /// DESCRIPTION as written (the first source that has one).
    public var description: String?
    public var url: String?
    public var explicitGroups: [String]?
    public var explicitServices: [String]?

    /// The title with its year removed and HTML entities decoded ("Stoptober 2027" -> "Stoptober").
    public var normalizedTitle: String
    /// DESCRIPTION as plain text (tags, shortcodes and entities resolved); nil when there is none.
    public var plainDescription: String?
    /// Every source merged into this occurrence, sorted by (path, line).
    public var sources: [SourceLocation]
    /// The uids of the other occurrences merged into this one, in source order, without
    /// repeats and without `uid` itself; empty when nothing was merged.
    public var mergedUids: [String]

    public var allDay: Bool { start.isDate }

    /// Builds the cleaned fields for one occurrence (no merging).
    public init(_ o: Occurrence) {
        uid = o.uid
        title = o.title
        start = o.start
        end = o.end
        timezone = o.timezone
        categories = o.categories
        status = o.status
        source = o.source
        description = o.description
        url = o.url
        explicitGroups = o.explicitGroups
        explicitServices = o.explicitServices
        normalizedTitle = TextCleaning.normalizedTitle(o.title)
        let plain = o.description.map(TextCleaning.plainText(fromHTML:))
        plainDescription = (plain?.isEmpty ?? true) ? nil : plain
        sources = [o.source]
        mergedUids = []
    }

    /// The raw occurrence fields (as cleaned), for code that works on `Occurrence`.
    public var occurrence: Occurrence {
        Occurrence(
            uid: uid, title: title, start: start, end: end, timezone: timezone, categories: categories,
            status: status, source: source, description: description, url: url,
            explicitGroups: explicitGroups, explicitServices: explicitServices)
    }

    /// The order of `days --format json`: emitted start string, then uid, then source.
    public static func contractOrder(_ a: CleanOccurrence, _ b: CleanOccurrence) -> Bool { a.contractKey < b.contractKey }
}
