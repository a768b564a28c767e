/// Who sends and receives the weekly digest email (the profile's `digest` section).
public struct DigestSettings: Sendable, Hashable, Codable {
    public var from: MailAddress
    /// At least one.
    public var to: [MailAddress]
    public var replyTo: MailAddress?

    public init(from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
    }
}

/// A mailbox: `Priya Shah <priya.shah@example.org>` or just the address.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String?
    /// `local@domain`, ASCII (RFC 5321 without quoted local parts).
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Reads `Name <local@domain>`, `"Name" <local@domain>` or `local@domain`; nil when it is
    /// not one of those or the address is not a plain ASCII `local@domain.tld`.
    public init?(parsing text: String) {
        func trimmed(_ s: Substring) -> String {
            String(s.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
        }
        let t = trimmed(Substring(text))
        var name: String?
        var address = t
        if t.hasSuffix(">"), let open = t.lastIndex(of: "<") {
            address = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            var n = trimmed(t[..<open])
            if n.count >= 2, n.hasPrefix("\""), n.hasSuffix("\"") { n = String(n.dropFirst().dropLast()) }
            name = n.isEmpty ? nil : n
        }
        guard Self.isPlainAddress(address) else { return nil }
        if let name, name.contains(where: { $0 == "\"" || $0 == "\\" || $0 == "\n" || $0 == "\r" || $0 == "<" || $0 == ">" }) {
            return nil
        }
        self.init(name: name, address: address)
    }

    /// `local@domain.tld` with letters, digits and `.!#$%&'*+/=?^_`{|}~-` in the local part and
    /// letters, digits, `-` and dots in the domain.
    public static func isPlainAddress(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, parts[1].contains("."), s.count <= 254 else {
            return false
        }
        let localOK = parts[0].unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ".!#$%&'*+/=?^_`{|}~-".unicodeScalars.contains($0))
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.allSatisfy { l in
            !l.isEmpty && !l.hasPrefix("-") && !l.hasSuffix("-")
                && l.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
        return localOK && domainOK && !parts[0].hasPrefix(".") && !parts[0].hasSuffix(".") && !parts[0].contains("..")
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// The roles the plan's prep tasks name, and the people the practice's `team` section gives them.
public enum TeamRole: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Drafts, schedules and sends (the practice's communications lead).
    case commsLead
    /// Signs off what patients are told (a GP or nurse).
    case clinicalSignOff
    /// Runs the patient searches in the clinical system for texts and letters.
    case patientSearches

    /// "comms lead", "clinical sign-off", "patient searches".
    public var words: String {
        switch self {
        case .commsLead: return "comms lead"
        case .clinicalSignOff: return "clinical sign-off"
        case .patientSearches: return "patient searches"
        }
    }

    public static func < (a: TeamRole, b: TeamRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A person named for a role in the profile's `team` section.
public struct TeamMember: Sendable, Hashable, Codable {
    public var role: TeamRole
    public var name: String

    public init(role: TeamRole, name: String) {
        self.role = role
        self.name = name
    }
}

extension PrepTask {
    /// The role that does the task, from the words the planner writes for it
    /// (`PlanBuilder.prepTasks`): the clinical sign-off, the patient search (texts), and
    /// everything else (drafting, printing, scheduling) for the comms lead.
    public var role: TeamRole {
        if task.hasPrefix("Clinical sign-off") { return .clinicalSignOff }
        if task.hasPrefix("Run the patient search") { return .patientSearches }
        return .commsLead
    }

    /// Whether the task is the clinical sign-off an `approve` decision records.
    public var isSignOff: Bool { role == .clinicalSignOff }
}

extension PracticeProfile {
    /// Who does `role`: the team member named for it; patient searches fall back to the comms lead.
    public func person(for role: TeamRole) -> String? {
        if let m = team.first(where: { $0.role == role }) { return m.name }
        if role == .patientSearches { return team.first { $0.role == .commsLead }?.name }
        return nil
    }
}
