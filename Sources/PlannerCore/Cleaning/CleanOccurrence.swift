/// One occurrence in the cleaned view: the raw `Occurrence` (after the foreign-midnight fix),
/// plus a title without its year, a plain-text description, and, when the same day came from
/// several sources, every source and the merged uids.
///
/// The occurrence's own fields read through it (`day.start` is `day.occurrence.start`). After a
/// merge they are the first source's by (path, line), except that `categories` holds those of
/// all merged sources (first source first, case-insensitive duplicates removed) and
/// `description` the first source's that has one; `timezone` is nil after the foreign-midnight fix.
@dynamicMemberLookup
public struct CleanOccurrence: Sendable, Hashable, Codable {
    /// The raw occurrence fields, as cleaned.
    public var occurrence: Occurrence

    /// The title with its year removed and HTML entities decoded ("Stoptober 2027" -> "Stoptober").
    public var normalizedTitle: String
    /// DESCRIPTION as plain text (tags, shortcodes and entities resolved); nil when there is none.
    public var plainDescription: String?
    /// Every source merged into this occurrence, sorted by (path, line).
    public var sources: [SourceLocation]
    /// The uids of the other occurrences merged into this one, in source order, without
    /// repeats and without `uid` itself; empty when nothing was merged.
    public var mergedUids: [String]

    /// Builds the cleaned fields for one occurrence (no merging).
    public init(_ o: Occurrence) {
        occurrence = o
        normalizedTitle = TextCleaning.normalizedTitle(o.title)
        let plain = o.description.map(TextCleaning.plainText(fromHTML:))
        plainDescription = (plain?.isEmpty ?? true) ? nil : plain
        sources = [o.source]
        mergedUids = []
    }

    /// The occurrence's computed properties (such as `allDay`), read through it.
    public subscript<T>(dynamicMember field: KeyPath<Occurrence, T>) -> T { occurrence[keyPath: field] }

    /// The occurrence's fields, read and written through it.
    public subscript<T>(dynamicMember field: WritableKeyPath<Occurrence, T>) -> T {
        get { occurrence[keyPath: field] }
        set { occurrence[keyPath: field] = newValue }
    }

    /// The order of `days --format json`: emitted start string, then uid, then source.
    public static func contractOrder(_ a: CleanOccurrence, _ b: CleanOccurrence) -> Bool { a.contractKey < b.contractKey }
}
