/// One occurrence of a calendar event inside the requested window, as written in the
/// calendar (the raw view). Produced by ICalKit's reader; everything downstream
/// (cleaning, matching, planning) starts from these.
public struct Occurrence: Sendable, Hashable, Codable {
    /// The event's UID, or nil when it has none.
    public var uid: String?
    /// SUMMARY, unescaped, as written.
    public var title: String
    public var start: EventTime
    /// Exclusive end.
    public var end: EventTime
    /// "UTC" for Z times, the TZID as written, or nil for floating and all-day.
    public var timezone: String?
    public var categories: [String]
    /// STATUS as written (upper-cased), e.g. "CONFIRMED", "TENTATIVE"; nil when absent.
    public var status: String?
    /// The BEGIN:VEVENT line that produced this occurrence (the override's, for a moved instance).
    public var source: SourceLocation
    /// DESCRIPTION, unescaped, as written (may contain HTML).
    public var description: String?
    public var url: String?
    /// Explicit `X-GP-GROUPS` ids (comma-separated in the file); nil when the property is absent.
    public var explicitGroups: [String]?
    /// Explicit `X-GP-SERVICES` ids; nil when the property is absent.
    public var explicitServices: [String]?
    /// The `X-GP-ELIGIBILITY` value as written (docs/eligibility.md); nil when absent.
    public var eligibility: String? = nil
    /// `X-GP-HASHTAG` as written ("#TimeToTalkDay" or "TimeToTalkDay"); nil when absent. Social
    /// drafts use it, else a hashtag made from the title (issue 13).
    public var hashtag: String? = nil

    public init(
        uid: String?, title: String, start: EventTime, end: EventTime, timezone: String?,
        categories: [String] = [], status: String? = nil, source: SourceLocation,
        description: String? = nil, url: String? = nil,
        explicitGroups: [String]? = nil, explicitServices: [String]? = nil, eligibility: String? = nil,
        hashtag: String? = nil
    ) {
        self.uid = uid
        self.title = title
        self.start = start
        self.end = end
        self.timezone = timezone
        self.categories = categories
        self.status = status
        self.source = source
        self.description = description
        self.url = url
        self.explicitGroups = explicitGroups
        self.explicitServices = explicitServices
        self.eligibility = eligibility
        self.hashtag = hashtag
    }

    public var allDay: Bool { start.isDate }

    /// The order of `days --format json`: emitted start string, then uid, then source.
    public static func contractOrder(_ a: Occurrence, _ b: Occurrence) -> Bool { a.contractKey < b.contractKey }
}
