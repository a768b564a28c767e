/// The cleaned view of a calendar: what matching and planning work from.
///
/// Three repairs on top of the raw occurrences (issue 2, "Cleaned view"):
/// 1. Titles lose their year and HTML entities; descriptions become plain text.
/// 2. An event timed at local midnight in a foreign zone (a zone other than the display
///    zone, e.g. `America/New_York` 00:00, which is 05:00 in London) becomes the all-day
///    date it means: `allDay` true, `timezone` nil; the end is the end's date when the end
///    is also at midnight, else the day after the end's date.
/// 3. The same day from several sources (same normalised title, compared case-insensitively,
///    and overlapping dates) becomes one occurrence that keeps the first source by
///    (path, line) and lists every source and the other uids.
public enum CleanedView {
    /// Builds the cleaned view, sorted like `Occurrence.contractOrder`.
    ///
    /// - Parameters:
    ///   - displayZone: the zone the plan is shown in (`--timezone`); midnight in any other
    ///     known zone is read as an all-day date.
    ///   - offset: the UTC offset in seconds of a zone at a wall-clock time, nil for a zone
    ///     the caller does not know (ICalKit provides `LibICal.utcOffset(zone:at:)`). Only
    ///     events in a known zone are repaired: an unknown TZID was already read in the
    ///     display zone by the reader, which warned about it.
    public static func build(
        _ occurrences: [Occurrence], displayZone: String = "Europe/London",
        offset: (String, LocalDateTime) -> Int?
    ) -> [CleanOccurrence] {
        let cleaned = occurrences.map { CleanOccurrence(fixingForeignMidnight($0, displayZone: displayZone, offset: offset)) }
        // Sort indices on keys computed once (the emitted start string is costly to rebuild
        // in every comparison).
        let merged = merge(cleaned)
        let keys = merged.map(\.contractKey)
        let order = merged.indices.sorted { keys[$0] < keys[$1] }
        return order.map { merged[$0] }
    }

    /// The occurrence with a foreign-zone midnight start turned into an all-day date.
    public static func fixingForeignMidnight(
        _ o: Occurrence, displayZone: String, offset: (String, LocalDateTime) -> Int?
    ) -> Occurrence {
        guard case .dateTime(let s) = o.start, let zone = o.timezone, zone != displayZone,
            s.hour == 0, s.minute == 0, s.second == 0
        else { return o }
        let known = zone == "UTC" || offset(zone, s) != nil
        guard known else { return o }
        var fixed = o
        fixed.start = .date(s.date)
        let endDate: CivilDate
        switch o.end {
        case .date(let d):
            endDate = d
        case .dateTime(let e):
            endDate = (e.hour == 0 && e.minute == 0 && e.second == 0) ? e.date : e.date.adding(days: 1)
        }
        fixed.end = .date(endDate > s.date ? endDate : s.date.adding(days: 1))
        fixed.timezone = nil
        return fixed
    }

    /// The civil days an occurrence touches, as a half-open range of day numbers.
    static func daySpan(_ o: CleanOccurrence) -> Range<Int> {
        let first = o.start.civilDate.daysSinceEpoch
        var last: Int
        switch o.end {
        case .date(let d):
            last = d.daysSinceEpoch
        case .dateTime(let e):
            last = e.date.daysSinceEpoch + ((e.hour, e.minute, e.second) == (0, 0, 0) ? 0 : 1)
        }
        if last <= first { last = first + 1 }
        return first..<last
    }

    /// The key two titles must share to be the same day: normalised title, lower-cased,
    /// curly apostrophes straightened, spaces collapsed.
    static func mergeKey(_ o: CleanOccurrence) -> String {
        String(TextCleaning.collapseSpaces(o.normalizedTitle.lowercased()).map { $0 == "’" || $0 == "‘" ? "'" : $0 })
    }

    private static func merge(_ items: [CleanOccurrence]) -> [CleanOccurrence] {
        // Source order decides which copy is kept.
        let ordered = items.sorted { a, b in
            if a.source != b.source { return a.source < b.source }
            if a.start.key != b.start.key { return a.start.key < b.start.key }
            return (a.uid ?? "") < (b.uid ?? "")
        }
        var result: [CleanOccurrence] = []
        var spans: [Range<Int>] = []
        var byKey: [String: [Int]] = [:]  // lookup only; output order comes from `result`
        // Entries created since the current source began hold that source, so no item of it can
        // join them: each lookup stops there (one source with thousands of instances of one
        // title would otherwise compare every pair).
        var runSource: SourceLocation?
        var runStart = 0
        for item in ordered {
            if item.source != runSource {
                runSource = item.source
                runStart = result.count
            }
            let key = mergeKey(item)
            let span = daySpan(item)
            if let target = byKey[key]?.lazy.prefix(while: { $0 < runStart })
                .first(where: { spans[$0].overlaps(span) && !result[$0].sources.contains(item.source) })
            {
                absorb(item, into: &result[target])
            } else {
                byKey[key, default: []].append(result.count)
                result.append(item)
                spans.append(span)
            }
        }
        return result
    }

    private static func absorb(_ other: CleanOccurrence, into base: inout CleanOccurrence) {
        base.sources.append(other.source)
        base.sources.sort()
        if let u = other.uid, u != base.uid, !base.mergedUids.contains(u) { base.mergedUids.append(u) }
        for c in other.categories where !base.categories.contains(where: { $0.lowercased() == c.lowercased() }) {
            base.categories.append(c)
        }
        if base.description == nil, let d = other.description {
            base.description = d
            base.plainDescription = other.plainDescription
        }
        if base.url == nil { base.url = other.url }
        if base.explicitGroups == nil { base.explicitGroups = other.explicitGroups }
        if base.explicitServices == nil { base.explicitServices = other.explicitServices }
        if base.eligibility == nil { base.eligibility = other.eligibility }
        if base.hashtag == nil { base.hashtag = other.hashtag }
    }
}
