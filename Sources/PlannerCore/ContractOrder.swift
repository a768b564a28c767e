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
}

extension CleanOccurrence {
    public var contractKey: ContractOrderKey { occurrence.contractKey }
}
