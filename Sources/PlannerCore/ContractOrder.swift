/// The order of the `days` listings and of everything read from calendars (a contract, see
/// README "Output formats and stability"): the start as written (`YYYY-MM-DD`, or
/// `YYYY-MM-DDTHH:MM:SS` in the event's own zone), then the uid (none first), then the source
/// (path, then line). Both views sort by this one key.
public struct ContractOrderKey: Sendable, Hashable, Comparable {
    public var start: String
    public var uid: String
    public var source: SourceLocation

    public init(start: EventTime, uid: String?, source: SourceLocation) {
        self.start = start.iso
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

    /// Sorts `occurrences` in contract order. The same order as `ContractOrderKey`, computed
    /// without building the start strings (the reader sorts up to a hundred thousand): the
    /// start's wall-clock key orders as its `YYYY-MM-DD[THH:MM:SS]` text does, and a date
    /// comes before a date-time at midnight of that day, as its shorter text does.
    public static func sortInContractOrder(_ occurrences: inout [Occurrence]) {
        occurrences.sort { a, b in
            let ka = a.start.key &* 2 &+ (a.start.isDate ? 0 : 1), kb = b.start.key &* 2 &+ (b.start.isDate ? 0 : 1)
            if ka != kb { return ka < kb }
            let ua = a.uid ?? "", ub = b.uid ?? ""
            if ua != ub { return ua < ub }
            return a.source < b.source
        }
    }
}

extension CleanOccurrence {
    public var contractKey: ContractOrderKey { occurrence.contractKey }
}
