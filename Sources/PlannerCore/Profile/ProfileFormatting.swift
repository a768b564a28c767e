/// "12,040": a whole number with comma thousands separators (locale-free, for messages).
public func groupedThousands(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

extension PracticeProfile {
    /// One line for `planner validate`: "Name (Y01234): 12,040 patients, 14 registers, ...".
    public var summaryLine: String {
        var parts = ["\(groupedThousands(listSize)) patients"]
        parts.append(counted(registers.count, "register", "registers"))
        parts.append(counted(cohorts.count, "cohort", "cohorts"))
        parts.append(counted(services.count, "service", "services"))
        var reach: [String] = []
        if channels.sms != nil { reach.append("sms") }
        if channels.letters != nil { reach.append("letters") }
        if channels.website != nil { reach.append("website") }
        reach += channels.social.map(\.platform.rawValue)
        parts.append("channels: " + (reach.isEmpty ? "none" : reach.joined(separator: ", ")))
        let head = odsCode.map { "\(name) (\($0))" } ?? name
        return "\(head): " + parts.joined(separator: ", ")
    }
}

/// "1 person", "12,037 people": a count with comma thousands separators and its noun.
public func counted(_ n: Int, _ one: String, _ many: String) -> String {
    "\(groupedThousands(n)) \(n == 1 ? one : many)"
}
