/// The order of the `days` listings and of everything read from calendars (a contract, see
/// README "Output formats and stability"): the start as written (`YYYY-MM-DD`, or
/// `YYYY-MM-DDTHH:MM:SS` in the event's own zone), then the uid (none first), then the source
/// (path, then line). The one definition of that order: the reader, both views and every
/// listing sort by this key.
public struct ContractOrderKey: Sendable, Hashable, Comparable {
    /// The start's wall-clock key, doubled, plus 1 for a date-time: it orders as the start's
    /// text does (a date comes before a date-time at midnight of that day, as its shorter text
    /// does) without building the text, which the reader would do for up to 100,000 events.
    public var start: Int64
    public var uid: String
    public var source: SourceLocation

    public init(start: EventTime, uid: String?, source: SourceLocation) {
        self.start = start.key &* 2 &+ (start.isDate ? 0 : 1)
        self.uid = uid ?? ""
        self.source = source
    }

    public static func < (a: ContractOrderKey, b: ContractOrderKey) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.uid != b.uid { return a.uid < b.uid }
        return a.source < b.source
    }
}

extension Occurrence {
    public var contractKey: ContractOrderKey { ContractOrderKey(start: start, uid: uid, source: source) }

    /// Sorts `occurrences` in contract order.
    public static func sortInContractOrder(_ occurrences: inout [Occurrence]) {
        occurrences.sort { $0.contractKey < $1.contractKey }
    }
}

extension CleanOccurrence {
    public var contractKey: ContractOrderKey { occurrence.contractKey }
}
