/// A recorded clinical sign-off of a plan item (`planner decide approve ITEM`).
public struct ItemApproval: Sendable, Hashable, Codable {
    /// Who signed it off (the decision's author), when recorded.
    public var by: String?
    public var note: String?

    public init(by: String? = nil, note: String? = nil) {
        self.by = by
        self.note = note
    }
}
