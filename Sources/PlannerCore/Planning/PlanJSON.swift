/// Writes plan.json (issue 5 item 5) by plain string building, so the bytes depend only on
/// the plan: keys in a fixed order, maps sorted by key, money printed from whole pence as
/// `12.34`, hours from hundredths with at most two decimals, two-space indentation, LF line
/// endings and a final newline.
public enum PlanJSON {
    public static func render(_ plan: Plan) -> String {
        var out = ""
        write(value(plan), indent: 0, into: &out)
        out.append("\n")
        return out
    }

    static func value(_ plan: Plan) -> JSONValue {
        let c = plan.constraints
        return .object([
            ("practice", .object([("name", .string(plan.practiceName)), ("odsCode", .string(plan.odsCode))])),
            ("from", .string(plan.from.iso)),
            ("to", .string(plan.to.iso)),
            (
                "constraints",
                .object([
                    ("hoursPerWeek", .number(Hours.text(c.commsCentiHoursPerWeek))),
                    ("campaignsPerWeek", .number(String(c.campaignsPerWeek))),
                    ("minDaysBetweenContacts", .number(String(c.minDaysBetweenContacts))),
                    (
                        "workingHours",
                        .object([
                            ("start", .string(c.workingHoursStart.description)),
                            ("end", .string(c.workingHoursEnd.description)),
                        ])
                    ),
                    ("quietDates", .array(c.quietDates.map(dated))),
                    ("bankHolidays", .array(c.bankHolidays.map(dated))),
                    ("olderShareForDirectContact", .number(share(c.olderShareForDirectContact))),
                    (
                        "groupOver75Share",
                        .object(
                            c.groupOver75Shares.sorted { $0.group < $1.group }.map {
                                ($0.group, .number(share($0.share)))
                            })
                    ),
                ])
            ),
            ("items", .array(plan.items.map(item))),
            (
                "totals",
                .object([
                    (
                        "channels",
                        .object(
                            plan.totals.channels.sorted { $0.channel < $1.channel }.map { t in
                                (
                                    t.channel.rawValue,
                                    .object([
                                        ("cost", .number(Money.pounds(t.costPence))),
                                        ("budget", t.budgetPence.map { .number(Money.pounds($0)) } ?? .null),
                                        ("items", .number(String(t.items))),
                                    ])
                                )
                            })
                    ),
                    (
                        "effortHoursByWeek",
                        .object(
                            plan.totals.effortByWeek.sorted { $0.week < $1.week }.map {
                                ($0.week, .number(Hours.text($0.centiHours)))
                            })
                    ),
                ])
            ),
            ("groupsWithoutContact", .array(plan.groupsWithoutContact.sorted().map { .string($0) })),
            (
                "warnings",
                .array(
                    plan.warnings.sorted().map {
                        .object([("code", .string($0.code.rawValue)), ("message", .string($0.message))])
                    })
            ),
        ])
    }

    static func item(_ i: PlanItem) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(i.id)),
            ("campaign", .string(i.campaign)),
            ("sourceUid", .string(i.sourceUid)),
            ("title", .string(i.title)),
            ("groups", .array(i.groups.map { .string($0) })),
            ("services", .array(i.services.map { .string($0) })),
            ("channel", .string(i.channel.rawValue)),
            ("date", .string(i.date.iso)),
            ("time", i.time.map { .string($0.description) } ?? .null),
            ("recipients", i.recipients.map { .number(String($0)) } ?? .null),
            ("expectedReach", .number(String(i.expectedReach))),
            ("cost", .number(Money.pounds(i.costPence))),
            ("effortHours", .number(Hours.text(i.effortCentiHours))),
            (
                "prepTasks",
                .array(i.prepTasks.map { .object([("task", .string($0.task)), ("due", .string($0.due.iso))]) })
            ),
            ("why", .array(i.why.map { .string($0) })),
        ]
        // Written only when the practice set a text (issue 6); readers tolerate extra keys.
        if let text = i.text { fields.append(("text", .string(text))) }
        return .object(fields)
    }

    static func dated(_ d: NonSendingDate) -> JSONValue {
        .object([("date", .string(d.date.iso)), ("reason", .string(d.reason))])
    }

    /// A share with two decimals: 0.3125 -> 0.31.
    static func share(_ x: Double) -> String { Fmt.fixed(x, 2) }

    static func write(_ v: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch v {
        case .null: out += "null"
        case .number(let n): out += n
        case .string(let s): out += quoted(s)
        case .array(let a):
            if a.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (k, e) in a.enumerated() {
                out += pad
                write(e, indent: indent + 1, into: &out)
                out += k + 1 < a.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let o):
            if o.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (k, (key, e)) in o.enumerated() {
                out += pad + quoted(key) + ": "
                write(e, indent: indent + 1, into: &out)
                out += k + 1 < o.count ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    /// A JSON string literal (RFC 8259): quote, backslash and control characters escaped,
    /// everything else written as UTF-8.
    public static func quoted(_ s: String) -> String {
        // Fast path (most strings): nothing to escape. 0xE2 leads U+2028 and U+2029 in UTF-8.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// A JSON value with ordered object keys.
indirect enum JSONValue {
    case null
    /// Already formatted (integers, fixed decimals).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
}
