import PlannerCore

/// plan.json (a contract, see README "Output formats and stability"): keys in a fixed order,
/// maps sorted by key, money written from whole pence as `12.34`, hours from hundredths with at
/// most two decimals, two-space indentation, LF line endings and a final newline. The bytes
/// depend only on the plan. `decode` reads the same shape back (PlanJSON+Decoding.swift).
public enum PlanJSON {
    public static func render(_ plan: Plan) -> String {
        JSONWriter.indented(value(plan)) + "\n"
    }

    static func value(_ plan: Plan) -> JSONValue {
        let c = plan.constraints
        var top = object([
            (
                "practice",
                object(
                    [("name", .string(plan.practiceName)), ("odsCode", .string(plan.odsCode))]
                        + (plan.practicePhone.map { [("phone", JSONValue.string($0))] } ?? []))
            ),
            ("from", .string(plan.from.iso)),
            ("to", .string(plan.to.iso)),
            (
                "constraints",
                object([
                    ("hoursPerWeek", .number(Format.hours(centiHours: c.commsCentiHoursPerWeek))),
                    ("clinicianHoursPerWeek", .number(Format.hours(centiHours: c.clinicianCentiHoursPerWeek))),
                    ("campaignsPerWeek", .number(String(c.campaignsPerWeek))),
                    ("minDaysBetweenContacts", .number(String(c.minDaysBetweenContacts))),
                    (
                        "workingHours",
                        object([
                            ("start", .string(c.workingHoursStart.description)),
                            ("end", .string(c.workingHoursEnd.description)),
                        ])
                    ),
                    ("quietDates", .array(c.quietDates.map(dated))),
                    ("bankHolidays", .array(c.bankHolidays.map(dated))),
                    ("olderShareForDirectContact", .number(share(c.olderShareForDirectContact))),
                    (
                        "groupOver75Share",
                        object(
                            c.groupOver75Shares.sorted { $0.group < $1.group }.map {
                                ($0.group, .number(share($0.share)))
                            })
                    ),
                ])
            ),
            ("items", .array(plan.items.map(item))),
            (
                "totals",
                object([
                    (
                        "channels",
                        object(
                            plan.totals.channels.sorted { $0.channel < $1.channel }.map { t in
                                (
                                    t.channel.rawValue,
                                    object([
                                        ("cost", .number(Format.pounds(pence: t.costPence))),
                                        ("budget", t.budgetPence.map { .number(Format.pounds(pence: $0)) } ?? .null),
                                        ("items", .number(String(t.items))),
                                    ])
                                )
                            })
                    ),
                    (
                        "effortHoursByWeek",
                        object(
                            plan.totals.effortByWeek.sorted { $0.week < $1.week }.map {
                                ($0.week, .number(Format.hours(centiHours: $0.centiHours)))
                            })
                    ),
                    (
                        "clinicianHoursByWeek",
                        object(
                            plan.totals.clinicianByWeek.sorted { $0.week < $1.week }.map {
                                ($0.week, .number(Format.hours(centiHours: $0.centiHours)))
                            })
                    ),
                ])
            ),
            ("groupsWithoutContact", .array(plan.groupsWithoutContact.sorted().map { .string($0) })),
            (
                "warnings",
                .array(
                    plan.warnings.sorted().map {
                        object([
                            ("code", .string($0.code.rawValue)), ("message", .string($0.message)),
                            ("campaigns", .strings($0.campaignIDs.map(\.rawValue))),
                            ("items", .strings($0.itemIDs.map(\.rawValue))),
                        ])
                    })
            ),
        ])
        // Only when an input file had errors (issue 12), so that complete plans keep their bytes.
        if !plan.inputErrors.isEmpty, case .object(var members) = top {
            members.append(
                JSONMember(
                    "inputErrors",
                    .array(
                        plan.inputErrors.sorted().map {
                            object([
                                ("file", .string($0.file)), ("line", $0.line.map { .number(String($0)) } ?? .null),
                                ("message", .string($0.message)),
                            ])
                        })))
            top = .object(members)
        }
        return top
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
            ("cost", .number(Format.pounds(pence: i.costPence))),
            ("effortHours", .number(Format.hours(centiHours: i.effortCentiHours))),
            (
                "prepTasks",
                .array(
                    i.prepTasks.map {
                        object([
                            ("task", .string($0.task)), ("due", .string($0.due.iso)),
                            ("hours", .number(Format.hours(centiHours: $0.centiHours))),
                        ])
                    })
            ),
            ("why", .array(i.why.map { .string($0) })),
        ]
        // Written only when the practice set a text (issue 6); readers tolerate extra keys.
        if let text = i.text { fields.append(("text", .string(text))) }
        // Written only once an approve decision signed the item off (issue 15).
        if let a = i.approval {
            fields.append(("approval", object([("by", .nullable(a.by)), ("note", .nullable(a.note))])))
        }
        // Planning for people (issue 10): who exactly receives a text or letter, its waves and
        // the bookings it should bring; written only when the planner set them.
        if let audience = i.audience { fields.append(("audience", .array(audience.map(audienceLine)))) }
        if let waves = i.waves {
            fields.append(
                ("waves", .array(waves.map { object([("date", .string($0.date.iso)), ("recipients", .int($0.recipients))]) })))
        }
        if let n = i.expectedResponses { fields.append(("expectedResponses", .int(n))) }
        if let l = i.limit { fields.append(("limit", object([("count", .int(l.count)), ("order", .string(l.order))]))) }
        // Issue 13: the ready-to-send words and their checks; a poster for online-only campaigns.
        if let d = i.draft { fields.append(("draft", draft(d))) }
        if let d = i.poster { fields.append(("poster", draft(d))) }
        return object(fields)
    }

    /// A draft: its words, its checks, and why it is blocked when it is.
    static func draft(_ d: PlanDraft) -> JSONValue {
        let c = d.checks
        var checks: [(String, JSONValue)] = [
            ("passes", .bool(c.passes)),
            ("readingAge", .number(Format.decimal(c.readingAge, places: 1))),
            ("fleschReadingEase", .number(Format.decimal(c.fleschReadingEase, places: 1))),
        ]
        if let sms = c.sms {
            checks.append(
                (
                    "sms",
                    object([
                        ("gateway", .string(sms.gateway.rawValue)), ("encoding", .string(sms.encoding.rawValue)),
                        ("characters", .int(sms.characters)), ("fragments", .int(sms.fragments)),
                    ])
                ))
        }
        checks.append(
            (
                "findings",
                .array(
                    c.findings.map {
                        object([
                            ("kind", .string($0.kind.rawValue)), ("severity", .string($0.severity.rawValue)),
                            ("line", .int($0.line)), ("column", .int($0.column)), ("text", .string($0.text)),
                            ("hint", .string($0.hint)),
                        ])
                    })
            ))
        checks.append(("allowed", .strings(c.allowed.map(\.rawValue))))
        checks.append(("problems", .strings(c.problems)))
        var fields: [(String, JSONValue)] = [("text", .string(d.text)), ("checks", object(checks))]
        if let why = d.blocked { fields.append(("blocked", .string(why))) }
        return object(fields)
    }

    /// One audience line: the search a practice types into its clinical system.
    static func audienceLine(_ r: AudienceRule) -> JSONValue {
        object([
            ("group", .string(r.group)), ("sex", r.sex.map { .string($0.rawValue) } ?? .null),
            ("ageFrom", .int(r.ageFrom)), ("ageTo", r.ageTo.map { .int($0) } ?? .null),
            ("ageOn", r.ageOn.map { .string($0.iso) } ?? .null), ("exclude", .strings(r.exclude)),
            ("toParent", .bool(r.toParent)),
        ])
    }

    static func dated(_ d: NonSendingDate) -> JSONValue {
        object([("date", .string(d.date.iso)), ("reason", .string(d.reason))])
    }

    /// A share with two decimals: 0.3125 -> 0.31.
    static func share(_ x: Double) -> String { Format.decimal(x, places: 2) }

    /// An object from (key, value) pairs, in their order.
    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(members.map { JSONMember($0.0, $0.1) }) }
}
