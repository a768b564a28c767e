import PlannerCore
import Yams

/// The profile's `team` and `digest` sections (docs/profile.md, docs/digest.md).
extension ProfileBuilder {
    /// `team:` one line per role: `commsLead: Priya Shah`.
    func readTeam(_ node: Node) -> [TeamMember] {
        let roles = TeamRole.allCases.map(\.rawValue)
        guard let fields = reader.mapping(node, "team", known: roles) else { return [] }
        return fields.compactMap { f -> TeamMember? in
            guard let role = TeamRole(rawValue: f.name), let name = reader.text(f.value, "team.\(f.name)") else { return nil }
            return TeamMember(role: role, name: name)
        }.sorted { $0.role < $1.role }
    }

    /// `digest:` with `from`, `to` (one address or a list) and an optional `replyTo`.
    func readDigest(_ node: Node) -> DigestSettings? {
        guard let fields = reader.mapping(node, "digest", known: ["from", "to", "replyTo"]) else { return nil }
        func field(_ name: String) -> ProfileReader.Field? { fields.first { $0.name == name } }
        guard let fromField = field("from") else {
            reader.error(
                at: node, "The digest section has no \"from\" address.",
                hint: "Add from: with the address the digest is sent from, e.g. from: \"Awareness Planner <planner@example.org>\".")
            return nil
        }
        guard let toField = field("to") else {
            reader.error(
                at: node, "The digest section has no \"to\" address.",
                hint: "Add to: with the address of the person who runs the plan, e.g. to: \"Priya Shah <priya.shah@example.org>\".")
            return nil
        }
        let from = address(fromField.value, "digest.from")
        var to: [MailAddress] = []
        var ok = true
        if case .sequence(let seq) = toField.value {
            if seq.isEmpty {
                reader.error(at: toField.value, "digest.to is an empty list.", hint: "Give at least one address.")
                ok = false
            }
            for (n, item) in seq.enumerated() {
                if let a = address(item, "digest.to[\(n + 1)]") { to.append(a) } else { ok = false }
            }
        } else if let a = address(toField.value, "digest.to") {
            to = [a]
        } else {
            ok = false
        }
        let replyTo = field("replyTo").flatMap { address($0.value, "digest.replyTo") }
        if field("replyTo") != nil && replyTo == nil { ok = false }
        guard let from, ok else { return nil }
        return DigestSettings(from: from, to: to, replyTo: replyTo)
    }

    private func address(_ node: Node, _ field: String) -> MailAddress? {
        guard let text = reader.text(node, field) else { return nil }
        guard let a = MailAddress(parsing: text) else {
            reader.error(
                at: node, "\(field) is \"\(text)\", which is not an email address.",
                hint: "Write Name <name@example.org> or just name@example.org, in quotes.")
            return nil
        }
        return a
    }
}
