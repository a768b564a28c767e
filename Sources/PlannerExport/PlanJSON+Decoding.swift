import PlannerCore

extension PlanJSON {
    /// Reads plan.json back into the `Plan` it was written from (exports, the digest and the
    /// next quarter start from a plan file): `render(decode(text))` is `text` for every plan this
    /// planner writes. Unknown keys are ignored, as the contract asks of readers. Every problem is
    /// reported at once, each as `path:line:col: error: ...` with the line and a caret.
    public static func decode(_ text: String, path: String) throws(JSONReadError) -> Plan {
        let root = try JSONReader.parse(text, path: path)
        var reader = PlanReader(text: SourceText(text), path: path)
        let plan = reader.plan(root)
        if !reader.diagnostics.isEmpty || plan == nil {
            throw JSONReadError(diagnostics: reader.diagnostics.sorted(by: Diagnostic.reportOrder))
        }
        return plan!
    }
}

/// Turns parsed plan.json into a `Plan`, collecting a diagnostic for every value it cannot use.
struct PlanReader {
    let text: SourceText
    let path: String
    var diagnostics: [Diagnostic] = []

    init(text: SourceText, path: String) {
        self.text = text
        self.path = path
    }

    static let hint = "plan.json is written by `planner plan`; re-plan rather than editing it by hand"

    mutating func fail(_ node: JSONNode, _ message: String, hint: String = PlanReader.hint) {
        diagnostics.append(text.diagnostic(path: path, offset: node.offset, message, hint: hint))
    }

    /// An object's members by key; nil (and a diagnostic) when `node` is not an object.
    struct Fields {
        var node: JSONNode
        var what: String
        var members: [(key: String, value: JSONNode)]
    }

    mutating func fields(_ node: JSONNode, _ what: String) -> Fields? {
        guard case .object(let members) = node.kind else {
            fail(node, "\(what) should be an object, not \(node.kindName)")
            return nil
        }
        return Fields(node: node, what: what, members: members)
    }

    mutating func field(_ f: Fields, _ key: String) -> JSONNode? {
        if let m = f.members.first(where: { $0.key == key }) { return m.value }
        fail(f.node, "\(f.what) has no \"\(key)\"")
        return nil
    }

    mutating func string(_ f: Fields, _ key: String) -> String? {
        guard let node = field(f, key) else { return nil }
        return string(node, "\"\(key)\"")
    }

    mutating func string(_ node: JSONNode, _ what: String) -> String? {
        guard case .string(let s) = node.kind else {
            fail(node, "\(what) should be a string, not \(node.kindName)")
            return nil
        }
        return s
    }

    mutating func strings(_ f: Fields, _ key: String) -> [String]? {
        guard let elements = array(f, key) else { return nil }
        let values = elements.map { string($0, "each of \"\(key)\"") }
        return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
    }

    mutating func array(_ f: Fields, _ key: String) -> [JSONNode]? {
        guard let node = field(f, key) else { return nil }
        guard case .array(let elements) = node.kind else {
            fail(node, "\"\(key)\" should be a list, not \(node.kindName)")
            return nil
        }
        return elements
    }

    mutating func int(_ f: Fields, _ key: String) -> Int? {
        guard let node = field(f, key) else { return nil }
        return int(node, "\"\(key)\"")
    }

    mutating func int(_ node: JSONNode, _ what: String) -> Int? {
        guard case .number(let n) = node.kind, let value = Int(n) else {
            fail(node, "\(what) should be a whole number")
            return nil
        }
        return value
    }

    mutating func optionalInt(_ f: Fields, _ key: String) -> Int?? {
        guard let node = field(f, key) else { return nil }
        if case .null = node.kind { return .some(nil) }
        return int(node, "\"\(key)\"").map { .some($0) }
    }

    /// A decimal with at most `places` decimals, in units of 10^-places: ("12.34", 2) -> 1234.
    mutating func scaled(_ node: JSONNode, _ what: String, places: Int, unit: String) -> Int? {
        guard case .number(let n) = node.kind else {
            fail(node, "\(what) should be a number of \(unit)")
            return nil
        }
        let negative = n.hasPrefix("-")
        let parts = n.dropFirst(negative ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), parts.count == 1 || parts[1].count <= places,
            let frac = parts.count == 2 ? Int(parts[1]) : 0
        else {
            fail(node, "\(what) should be a number of \(unit) with at most \(places) decimals, not \(n)")
            return nil
        }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        var fracScale = 1
        for _ in 0..<(places - (parts.count == 2 ? parts[1].count : 0)) { fracScale *= 10 }
        let value = whole * scale + frac * fracScale
        return negative ? -value : value
    }

    mutating func pence(_ f: Fields, _ key: String) -> Int? {
        guard let node = field(f, key) else { return nil }
        return scaled(node, "\"\(key)\"", places: 2, unit: "pounds")
    }

    mutating func centiHours(_ node: JSONNode, _ what: String) -> Int? {
        scaled(node, what, places: 2, unit: "hours")
    }

    mutating func share(_ node: JSONNode, _ what: String) -> Double? {
        guard case .number(let n) = node.kind, let x = Double(n) else {
            fail(node, "\(what) should be a number from 0 to 1")
            return nil
        }
        return x
    }

    mutating func date(_ f: Fields, _ key: String) -> CivilDate? {
        guard let node = field(f, key), let s = string(node, "\"\(key)\"") else { return nil }
        guard let d = CivilDate(iso: s) else {
            fail(node, "\"\(key)\" should be a date written YYYY-MM-DD, not \"\(s)\"")
            return nil
        }
        return d
    }

    mutating func time(_ node: JSONNode, _ what: String) -> ClockTime? {
        guard let s = string(node, what) else { return nil }
        let parts = s.split(separator: ":")
        guard s.count == 5, parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        else {
            fail(node, "\(what) should be a time written HH:MM, not \"\(s)\"")
            return nil
        }
        return ClockTime(hour: h, minute: m)
    }

    // MARK: - The plan

    mutating func plan(_ root: JSONNode) -> Plan? {
        guard let top = fields(root, "the plan") else { return nil }
        let practice = field(top, "practice").flatMap { fields($0, "\"practice\"") }
        let name = practice.flatMap { string($0, "name") }
        let ods = practice.flatMap { string($0, "odsCode") }
        let from = date(top, "from"), to = date(top, "to")
        let constraints = field(top, "constraints").flatMap { self.constraints($0) }
        let items = array(top, "items")?.map { item($0) }
        let totals = field(top, "totals").flatMap { self.totals($0) }
        let without = strings(top, "groupsWithoutContact")
        let warnings = array(top, "warnings")?.map { warning($0) }
        // Optional: written only when an input file had errors.
        var inputErrors: [InputError?] = []
        if let m = top.members.first(where: { $0.key == "inputErrors" }) {
            if case .array(let elements) = m.value.kind {
                inputErrors = elements.map { inputError($0) }
            } else {
                fail(m.value, "\"inputErrors\" should be a list, not \(m.value.kindName)")
                inputErrors = [nil]
            }
        }
        guard let name, let ods, let from, let to, let constraints, let items, !items.contains(where: { $0 == nil }),
            let totals, let without, let warnings, !warnings.contains(where: { $0 == nil }),
            !inputErrors.contains(where: { $0 == nil })
        else { return nil }
        var plan = Plan(
            practiceName: name, odsCode: ods, from: from, to: to, constraints: constraints, items: items.map { $0! },
            totals: totals, groupsWithoutContact: without, warnings: warnings.map { $0! })
        plan.inputErrors = inputErrors.map { $0! }
        if let m = practice?.members.first(where: { $0.key == "phone" }) { plan.practicePhone = string(m.value, "\"phone\"") }
        return plan
    }

    /// One of `inputErrors`: {file, line (a number or null), message}.
    mutating func inputError(_ node: JSONNode) -> InputError? {
        guard let f = fields(node, "an input error"), let file = string(f, "file"), let message = string(f, "message"),
            let lineNode = field(f, "line")
        else { return nil }
        if case .null = lineNode.kind { return InputError(file: file, line: nil, message: message) }
        guard let line = int(lineNode, "\"line\"") else { return nil }
        return InputError(file: file, line: line, message: message)
    }

    mutating func constraints(_ node: JSONNode) -> PlanConstraintsSummary? {
        guard let c = fields(node, "\"constraints\"") else { return nil }
        let hours = field(c, "hoursPerWeek").flatMap { centiHours($0, "\"hoursPerWeek\"") }
        let perWeek = int(c, "campaignsPerWeek")
        let gap = int(c, "minDaysBetweenContacts")
        let working = field(c, "workingHours").flatMap { fields($0, "\"workingHours\"") }
        let start = working.flatMap { w in field(w, "start").flatMap { time($0, "\"start\"") } }
        let end = working.flatMap { w in field(w, "end").flatMap { time($0, "\"end\"") } }
        let quiet = array(c, "quietDates")?.map { dated($0, kind: .quiet) }
        let holidays = array(c, "bankHolidays")?.map { dated($0, kind: .bankHoliday) }
        let older = field(c, "olderShareForDirectContact").flatMap { share($0, "\"olderShareForDirectContact\"") }
        var shares: [GroupShare]?
        if let node = field(c, "groupOver75Share"), let g = fields(node, "\"groupOver75Share\"") {
            let read = g.members.map { m in share(m.value, "\"\(m.key)\"").map { GroupShare(group: m.key, share: $0) } }
            shares = read.contains(where: { $0 == nil }) ? nil : read.map { $0! }
        }
        guard let hours, let perWeek, let gap, let start, let end, let quiet, !quiet.contains(where: { $0 == nil }),
            let holidays, !holidays.contains(where: { $0 == nil }), let older, let shares
        else { return nil }
        var summary = PlanConstraintsSummary(
            commsCentiHoursPerWeek: hours, campaignsPerWeek: perWeek, minDaysBetweenContacts: gap,
            workingHoursStart: start, workingHoursEnd: end, quietDates: quiet.map { $0! },
            bankHolidays: holidays.map { $0! }, groupOver75Shares: shares, olderShareForDirectContact: older)
        // Came with issue 11; a plan written before has none.
        if let node = c.members.first(where: { $0.key == "clinicianHoursPerWeek" })?.value {
            guard let h = centiHours(node, "\"clinicianHoursPerWeek\"") else { return nil }
            summary.clinicianCentiHoursPerWeek = h
        }
        return summary
    }

    mutating func dated(_ node: JSONNode, kind: NonSendingDate.Kind) -> NonSendingDate? {
        guard let f = fields(node, "a date kept free") else { return nil }
        guard let d = date(f, "date"), let reason = string(f, "reason") else { return nil }
        return NonSendingDate(date: d, kind: kind, reason: reason)
    }

    mutating func channel(_ node: JSONNode, _ what: String) -> PlanChannel? {
        guard let s = string(node, what) else { return nil }
        guard let c = PlanChannel(rawValue: s) else {
            let known = PlanChannel.allCases.map(\.rawValue).joined(separator: ", ")
            fail(
                node, "\(what) names a channel this planner does not know, \"\(s)\"",
                hint: "this planner knows \(known); a newer planner may have written the file")
            return nil
        }
        return c
    }

    mutating func item(_ node: JSONNode) -> PlanItem? {
        guard let f = fields(node, "an item") else { return nil }
        let id = string(f, "id"), campaign = string(f, "campaign"), uid = string(f, "sourceUid")
        let title = string(f, "title"), groups = strings(f, "groups"), services = strings(f, "services")
        let channel = field(f, "channel").flatMap { self.channel($0, "\"channel\"") }
        let day = date(f, "date")
        var time: ClockTime??
        if let node = field(f, "time") {
            if case .null = node.kind { time = .some(nil) } else { time = self.time(node, "\"time\"").map { .some($0) } }
        }
        let recipients = optionalInt(f, "recipients")
        let reach = int(f, "expectedReach")
        let cost = pence(f, "cost")
        let effort = field(f, "effortHours").flatMap { centiHours($0, "\"effortHours\"") }
        let prep = array(f, "prepTasks")?.map { prepTask($0) }
        let why = strings(f, "why")
        var text: String?
        if let m = f.members.first(where: { $0.key == "text" }) { text = string(m.value, "\"text\"") }
        guard let id, let campaign, let uid, let title, let groups, let services, let channel, let day, let time,
            let recipients, let reach, let cost, let effort, let prep, !prep.contains(where: { $0 == nil }), let why
        else { return nil }
        var item = PlanItem(
            id: id, campaign: campaign, sourceUid: uid, title: title, groups: groups, services: services,
            channel: channel, date: day, time: time, recipients: recipients, expectedReach: reach, costPence: cost,
            effortCentiHours: effort, prepTasks: prep.map { $0! }, why: why)
        item.text = text
        if let node = f.members.first(where: { $0.key == "audience" })?.value {
            guard case .array(let lines) = node.kind else {
                fail(node, "\"audience\" should be a list, not \(node.kindName)")
                return nil
            }
            let read = lines.map { audienceLine($0) }
            guard !read.contains(where: { $0 == nil }) else { return nil }
            item.audience = read.map { $0! }
        }
        if let node = f.members.first(where: { $0.key == "waves" })?.value {
            guard case .array(let rows) = node.kind else {
                fail(node, "\"waves\" should be a list, not \(node.kindName)")
                return nil
            }
            var waves: [PlanWave] = []
            for row in rows {
                guard let w = fields(row, "a wave"), let d = date(w, "date"), let n = int(w, "recipients") else { return nil }
                waves.append(PlanWave(date: d, recipients: n))
            }
            item.waves = waves
        }
        if let node = f.members.first(where: { $0.key == "expectedResponses" })?.value {
            guard let n = int(node, "\"expectedResponses\"") else { return nil }
            item.expectedResponses = n
        }
        if let node = f.members.first(where: { $0.key == "limit" })?.value {
            guard let l = fields(node, "\"limit\""), let n = int(l, "count"), let order = string(l, "order") else {
                return nil
            }
            item.limit = PlanLimit(count: n, order: order)
        }
        if let node = f.members.first(where: { $0.key == "approval" })?.value {
            guard let a = fields(node, "\"approval\"") else { return nil }
            func optional(_ key: String) -> String?? {
                guard let v = a.members.first(where: { $0.key == key })?.value, !v.isNull else { return .some(nil) }
                return string(v, "\"approval.\(key)\"").map { .some($0) }
            }
            guard let by = optional("by"), let note = optional("note") else { return nil }
            item.approval = ItemApproval(by: by, note: note)
        }
        if let node = f.members.first(where: { $0.key == "draft" })?.value {
            guard let d = draft(node, "\"draft\"") else { return nil }
            item.draft = d
        }
        if let node = f.members.first(where: { $0.key == "poster" })?.value {
            guard let d = draft(node, "\"poster\"") else { return nil }
            item.poster = d
        }
        return item
    }

    /// A draft (issue 13): its text, its checks and why it is blocked, if it is.
    mutating func draft(_ node: JSONNode, _ what: String) -> PlanDraft? {
        guard let f = fields(node, what), let text = string(f, "text"), let checksNode = field(f, "checks"),
            let c = fields(checksNode, "the checks of \(what)"), let ageNode = field(c, "readingAge"),
            let freNode = field(c, "fleschReadingEase"), let findingNodes = array(c, "findings"),
            let allowedNames = strings(c, "allowed"), let problems = strings(c, "problems")
        else { return nil }
        guard case .number(let ageText) = ageNode.kind, let age = Double(ageText) else {
            fail(ageNode, "\"readingAge\" should be a number")
            return nil
        }
        guard case .number(let freText) = freNode.kind, let fre = Double(freText) else {
            fail(freNode, "\"fleschReadingEase\" should be a number")
            return nil
        }
        var sms: PlanSMSCount?
        if let smsNode = c.members.first(where: { $0.key == "sms" })?.value {
            guard let s = fields(smsNode, "\"sms\""), let g = string(s, "gateway"), let e = string(s, "encoding"),
                let chars = int(s, "characters"), let frags = int(s, "fragments")
            else { return nil }
            guard let gateway = SMSGateway(rawValue: g), let encoding = SMSEncoding(rawValue: e) else {
                fail(smsNode, "\"sms\" has an unknown gateway \"\(g)\" or encoding \"\(e)\"")
                return nil
            }
            sms = PlanSMSCount(gateway: gateway, encoding: encoding, characters: chars, fragments: frags)
        }
        var findings: [ContentFinding] = []
        for n in findingNodes {
            guard let x = fields(n, "a finding"), let k = string(x, "kind"), let sev = string(x, "severity"),
                let line = int(x, "line"), let column = int(x, "column"), let t = string(x, "text"),
                let hint = string(x, "hint")
            else { return nil }
            guard let kind = FindingKind(rawValue: k), let severity = FindingSeverity(rawValue: sev) else {
                fail(n, "a finding has an unknown kind \"\(k)\" or severity \"\(sev)\"")
                return nil
            }
            findings.append(ContentFinding(kind: kind, severity: severity, line: line, column: column, text: t, hint: hint))
        }
        var allowed: [FindingKind] = []
        for name in allowedNames {
            guard let k = FindingKind(rawValue: name) else {
                fail(checksNode, "\"allowed\" names an unknown kind of finding \"\(name)\"")
                return nil
            }
            allowed.append(k)
        }
        var blocked: String?
        if let b = f.members.first(where: { $0.key == "blocked" })?.value {
            guard let why = string(b, "\"blocked\"") else { return nil }
            blocked = why
        }
        return PlanDraft(
            text: text,
            checks: PlanDraftChecks(
                readingAge: age, fleschReadingEase: fre, sms: sms, findings: findings, allowed: allowed, problems: problems),
            blocked: blocked)
    }

    mutating func audienceLine(_ node: JSONNode) -> AudienceRule? {
        guard let f = fields(node, "an audience line"), let group = string(f, "group"), let from = int(f, "ageFrom"),
            let exclude = strings(f, "exclude"), let parentNode = field(f, "toParent")
        else { return nil }
        var sex: Sex?
        if let s = field(f, "sex"), !s.isNull {
            guard let text = string(s, "\"sex\""), let read = Sex(rawValue: text) else {
                fail(s, "\"sex\" should be \"female\", \"male\" or null")
                return nil
            }
            sex = read
        }
        var to: Int?
        if let t = field(f, "ageTo"), !t.isNull {
            guard let n = int(t, "\"ageTo\"") else { return nil }
            to = n
        }
        var on: CivilDate?
        if let o = field(f, "ageOn"), !o.isNull {
            guard let text = string(o, "\"ageOn\""), let d = CivilDate(iso: text) else {
                fail(o, "\"ageOn\" should be a date written YYYY-MM-DD or null")
                return nil
            }
            on = d
        }
        guard case .bool(let toParent) = parentNode.kind else {
            fail(parentNode, "\"toParent\" should be true or false")
            return nil
        }
        return AudienceRule(group: group, sex: sex, ageFrom: from, ageTo: to, ageOn: on, exclude: exclude, toParent: toParent)
    }

    mutating func prepTask(_ node: JSONNode) -> PrepTask? {
        guard let f = fields(node, "a preparation task"), let task = string(f, "task"), let due = date(f, "due") else {
            return nil
        }
        // "hours" came with issue 11; a plan written before has none (0).
        var hours = 0
        if let node = f.members.first(where: { $0.key == "hours" })?.value {
            guard let h = centiHours(node, "\"hours\"") else { return nil }
            hours = h
        }
        return PrepTask(task: task, due: due, centiHours: hours)
    }

    mutating func totals(_ node: JSONNode) -> PlanTotals? {
        guard let t = fields(node, "\"totals\"") else { return nil }
        var channels: [PlanTotals.ChannelTotal]?
        if let node = field(t, "channels"), let c = fields(node, "\"channels\"") {
            var read: [PlanTotals.ChannelTotal?] = []
            for m in c.members {
                let keyNode = JSONNode(kind: .string(m.key), offset: m.value.offset)
                guard let channel = channel(keyNode, "a key of \"channels\""),
                    let f = fields(m.value, "\"\(m.key)\"")
                else {
                    read.append(nil)
                    continue
                }
                let cost = pence(f, "cost")
                var budget: Int??
                if let b = field(f, "budget") {
                    if case .null = b.kind { budget = .some(nil) } else {
                        budget = scaled(b, "\"budget\"", places: 2, unit: "pounds").map { .some($0) }
                    }
                }
                let items = int(f, "items")
                if let cost, let budget, let items {
                    read.append(PlanTotals.ChannelTotal(channel: channel, costPence: cost, budgetPence: budget, items: items))
                } else {
                    read.append(nil)
                }
            }
            channels = read.contains(where: { $0 == nil }) ? nil : read.map { $0! }
        }
        var weeks: [PlanTotals.WeekEffort]?
        if let node = field(t, "effortHoursByWeek"), let w = fields(node, "\"effortHoursByWeek\"") {
            let read = w.members.map { m in
                centiHours(m.value, "\"\(m.key)\"").map { PlanTotals.WeekEffort(week: m.key, centiHours: $0) }
            }
            weeks = read.contains(where: { $0 == nil }) ? nil : read.map { $0! }
        }
        guard let channels, let weeks else { return nil }
        // "clinicianHoursByWeek" came with issue 11; a plan written before has none.
        var clinician: [PlanTotals.WeekEffort] = []
        if let node = t.members.first(where: { $0.key == "clinicianHoursByWeek" })?.value {
            guard let w = fields(node, "\"clinicianHoursByWeek\"") else { return nil }
            let read = w.members.map { m in
                centiHours(m.value, "\"\(m.key)\"").map { PlanTotals.WeekEffort(week: m.key, centiHours: $0) }
            }
            if read.contains(where: { $0 == nil }) { return nil }
            clinician = read.map { $0! }
        }
        return PlanTotals(channels: channels, effortByWeek: weeks, clinicianByWeek: clinician)
    }

    mutating func warning(_ node: JSONNode) -> PlanWarning? {
        guard let f = fields(node, "a warning"), let code = string(f, "code"), let message = string(f, "message") else {
            return nil
        }
        guard let known = PlanWarning.Code(rawValue: code) else {
            fail(node, "\"code\" \"\(code)\" is not a warning code this planner knows (see docs/warnings.md)")
            return nil
        }
        // The campaigns and items a warning concerns (plan files written before they existed
        // have neither).
        var campaigns: [CampaignID] = []
        var items: [ItemID] = []
        if f.members.contains(where: { $0.key == "campaigns" }) {
            guard let ids = strings(f, "campaigns") else { return nil }
            campaigns = ids.compactMap(CampaignID.init(rawValue:))
        }
        if f.members.contains(where: { $0.key == "items" }) {
            guard let ids = strings(f, "items") else { return nil }
            items = ids.compactMap(ItemID.init(rawValue:))
        }
        return PlanWarning(code: known, message: message, campaignIDs: campaigns, itemIDs: items)
    }
}
