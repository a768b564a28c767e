/// `PlanModel` written as a CPLEX LP file (HiGHS, CBC, SCIP and Gurobi read it), decoded back
/// from a solution's values. Every constraint family is its own function.
extension PlanModel {
    /// The MIP under construction: columns in creation order, rows in family order.
    struct LP {
        var columns: [String] = []
        var binary: Set<String> = []
        var objective: [(Double, String)] = []
        var rows: [(name: String, terms: [(Double, String)], sense: String, rhs: Double)] = []

        mutating func bin(_ name: String) -> String {
            if binary.insert(name).inserted { columns.append(name) }
            return name
        }

        mutating func row(_ name: String, _ terms: [(Double, String)], _ sense: String, _ rhs: Double) {
            rows.append((name, terms, sense, rhs))
        }
    }

    // MARK: - Names

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    static func cname(_ c: Int) -> String { "c" + pad(c, 3) }
    static func sname(_ k: Int) -> String { "s" + pad(k, 4) }
    static func chname(_ ch: PlanChannel) -> String { ch == .website ? "web" : ch.rawValue }
    static func dname(_ d: CivilDate) -> String { "d" + d.iso.replacingDashes }

    static func y(_ c: Int) -> String { "y_\(cname(c))" }
    static func u(_ c: Int, _ ch: PlanChannel) -> String { "u_\(cname(c))_\(chname(ch))" }
    static func d(_ k: Int, _ ch: PlanChannel) -> String { "d_\(sname(k))_\(chname(ch))" }
    static func z(_ k: Int, _ set: ChannelSet) -> String {
        "z_\(sname(k))_" + (set.isEmpty ? "none" : set.channels.map(chname).joined(separator: "_"))
    }
    static func x(_ it: Item, _ date: CivilDate) -> String {
        "x_\(cname(it.campaign))_\(chname(it.channel))_n\(it.number)_\(dname(date))"
    }
    static func w(_ k: Int, _ ch: PlanChannel, _ date: CivilDate) -> String { "w_\(sname(k))_\(chname(ch))_\(dname(date))" }
    static func g(_ it: Item, _ j: Int) -> String { "g_\(cname(it.campaign))_\(chname(it.channel))_j\(j)" }
    static func ww(_ k: Int, _ ch: PlanChannel, _ date: CivilDate, _ j: Int) -> String { w(k, ch, date) + "_j\(j)" }
    static func a(_ c: Int, _ monday: CivilDate) -> String { "a_\(cname(c))_w\(monday.iso.replacingDashes)" }
    static func v(_ c: Int) -> String { "v_\(cname(c))" }
    static let older = "older"

    var requiredItems: [Item] { items.filter(\.required) }

    func item(_ c: Int, _ ch: PlanChannel) -> Item? { items.first { $0.campaign == c && $0.channel == ch && $0.required } }

    // MARK: - The model

    func build() -> LP {
        var lp = LP()
        lp.columns.append(PlanModel.older)
        rowsChannels(&lp)
        rowsBudgets(&lp)
        rowsDates(&lp)
        rowsWaves(&lp)
        rowsHours(&lp)
        rowsWeeklyLimit(&lp)
        rowsContactGap(&lp)
        rowsPersonCap(&lp)
        rowsInvitation(&lp)
        rowsTinyBatch(&lp)
        return lp
    }

    /// Campaign runs on >= 2 channels; each segment takes one channel combination of its
    /// campaign's channels (the campaign's broadcast set, its own direct set); the objective.
    func rowsChannels(_ lp: inout LP) {
        var olderTerms: [(Double, String)] = [(1, PlanModel.older)]
        for (c, camp) in campaigns.enumerated() {
            let y = lp.bin(PlanModel.y(c))
            var uses: [(Double, String)] = []
            for ch in camp.available.channels {
                let u = lp.bin(PlanModel.u(c, ch))
                uses.append((1, u))
                lp.row("run_\(PlanModel.cname(c))_\(PlanModel.chname(ch))", [(1, u), (-1, y)], "<=", 0)
            }
            lp.row("two_\(PlanModel.cname(c))", uses + [(-2, y)], ">=", 0)
            let direct = camp.available.intersection(.direct)
            for k in segmentsOf(c) {
                let seg = segments[k]
                for ch in direct.channels { _ = lp.bin(PlanModel.d(k, ch)) }
                var one: [(Double, String)] = []
                for set in camp.available.subsets {
                    let z = lp.bin(PlanModel.z(k, set))
                    one.append((1, z))
                    let value = seg.weight * AllocationProblem.unionReach(seg.reach, set)
                    if value != 0 { lp.objective.append((value, z)) }
                    if seg.needsDirect && !set.intersection(.direct).isEmpty { olderTerms.append((-1, z)) }
                }
                lp.row("one_\(PlanModel.sname(k))", one, "=", 1)
                for ch in camp.available.channels {
                    let link = camp.available.subsets.filter { $0.has(ch) }.map { (1.0, PlanModel.z(k, $0)) }
                    let owner = ch.isDirect ? PlanModel.d(k, ch) : PlanModel.u(c, ch)
                    lp.row("set_\(PlanModel.sname(k))_\(PlanModel.chname(ch))", link + [(-1, owner)], "=", 0)
                    if ch.isDirect {
                        lp.row("dir_\(PlanModel.sname(k))_\(PlanModel.chname(ch))", [(1, owner), (-1, PlanModel.u(c, ch))], "<=", 0)
                    }
                }
            }
            for ch in direct.channels {
                let ds = segmentsOf(c).map { (-1.0, PlanModel.d($0, ch)) }
                lp.row("any_\(PlanModel.cname(c))_\(PlanModel.chname(ch))", [(1, PlanModel.u(c, ch))] + ds, "<=", 0)
            }
        }
        lp.row("older_count", olderTerms, "=", 0)
        lp.objective.insert((bigM, PlanModel.older), at: 0)
    }

    /// Money per direct channel.
    func rowsBudgets(_ lp: inout LP) {
        for ch in [PlanChannel.sms, .letter] {
            guard let budget = budgets[ch.order] else { continue }
            var terms: [(Double, String)] = []
            for (k, s) in segments.enumerated() where campaigns[s.campaign].available.has(ch) && s.cost[ch.order] > 0 {
                terms.append((Double(s.cost[ch.order]), PlanModel.d(k, ch)))
            }
            if !terms.isEmpty { lp.row("budget_\(PlanModel.chname(ch))", terms, "<=", Double(budget)) }
        }
    }

    /// One date per required item of every channel used.
    func rowsDates(_ lp: inout LP) {
        for it in requiredItems {
            let xs = it.dates.map { (1.0, lp.bin(PlanModel.x(it, $0))) }
            lp.row(
                "date_\(PlanModel.cname(it.campaign))_\(PlanModel.chname(it.channel))_n\(it.number)",
                xs + [(-1, PlanModel.u(it.campaign, it.channel))], "=", 0)
        }
    }

    /// True when wave `j` (1-based) of an item sent on `date` falls on a sending day in the window.
    func waveDayFits(_ date: CivilDate, _ j: Int) -> Bool {
        let d = date.adding(days: 7 * (j - 1))
        return d < window.to && calendar.isSendingDay(d)
    }

    /// Weekly waves of texts and letters to a capacity-limited service: g_j (wave j is sent)
    /// follows the recipients of the segments chosen exactly as `WavePlan.split` counts waves,
    /// and every wave falls on a sending day in the window.
    func rowsWaves(_ lp: inout LP) {
        for it in requiredItems where it.maxWaves > 1 {
            let rule = it.waves!
            let n = it.maxWaves
            let tag = "\(PlanModel.cname(it.campaign))_\(PlanModel.chname(it.channel))"
            for j in 2...n { _ = lp.bin(PlanModel.g(it, j)) }
            for j in 2..<n { lp.row("chain_\(tag)_j\(j + 1)", [(1, PlanModel.g(it, j + 1)), (-1, PlanModel.g(it, j))], "<=", 0) }
            let recipients = segmentsOf(it.campaign).compactMap { k -> (Double, String)? in
                let r = segments[k].recipients[it.channel.order]
                return r > 0 ? (Double(r), PlanModel.d(k, it.channel)) : nil
            }
            let per = Double(rule.perWave)
            // Enough waves: R <= perWave * waves, unless every wave is used (the last ones larger).
            var enough = recipients + (2...n).map { (-per, PlanModel.g(it, $0)) }
            enough.append((-Double(it.recipientsAtMost), PlanModel.g(it, n)))
            lp.row("waves_\(tag)", enough, "<=", per)
            // No more than needed: wave j only when R > perWave * (j - 1).
            for j in 2...n {
                lp.row("wave_\(tag)_j\(j)", recipients + [(-(per * Double(j - 1) + 1), PlanModel.g(it, j))], ">=", 0)
            }
            for date in it.dates {
                for j in 2...n where !waveDayFits(date, j) {
                    lp.row("waveday_\(PlanModel.x(it, date))_j\(j)", [(1, PlanModel.x(it, date)), (1, PlanModel.g(it, j))], "<=", 1)
                }
            }
        }
    }

    /// The weeks of the items' dates, in order, with the items' date variables in each.
    func byWeek() -> [(CivilDate, [(Item, CivilDate)])] {
        var weeks: [Int: [(Item, CivilDate)]] = [:]
        for it in requiredItems {
            for d in it.dates { weeks[d.mondayOfWeek.daysSinceEpoch, default: []].append((it, d)) }
        }
        return weeks.keys.sorted().map { (CivilDate(daysSinceEpoch: $0), weeks[$0]!) }
    }

    /// Staff hours per week.
    func rowsHours(_ lp: inout LP) {
        let cap = Double(Int((constraints.commsHoursPerWeek * 100).rounded()))
        for (monday, xs) in byWeek() {
            let terms = xs.map { (Double(centiHours[$0.0.channel.order]), PlanModel.x($0.0, $0.1)) }
            lp.row("hours_w\(monday.iso.replacingDashes)", terms, "<=", cap)
        }
    }

    /// Campaigns per week.
    func rowsWeeklyLimit(_ lp: inout LP) {
        for (monday, xs) in byWeek() {
            var active: [Int] = []
            for (it, d) in xs {
                let a = lp.bin(PlanModel.a(it.campaign, monday))
                if !active.contains(it.campaign) { active.append(it.campaign) }
                lp.row("act_\(PlanModel.x(it, d))", [(1, PlanModel.x(it, d)), (-1, a)], "<=", 0)
            }
            lp.row(
                "limit_w\(monday.iso.replacingDashes)", active.sorted().map { (1.0, PlanModel.a($0, monday)) }, "<=",
                Double(constraints.campaignsPerWeek))
        }
    }

    /// Cell classes: the cells (of people) that lie in exactly the same segments, as the list
    /// of those segments (which may take a direct channel), in a fixed order.
    func cellClasses() -> [[Int]] {
        var byBit: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() where !campaigns[s.campaign].available.intersection(.direct).isEmpty {
            for b in s.cells ?? [] { byBit[b, default: []].append(k) }
        }
        var seen: Set<[Int]> = []
        var out: [[Int]] = []
        for b in byBit.keys.sorted() where seen.insert(byBit[b]!).inserted { out.append(byBit[b]!) }
        return out
    }

    /// Two texts or letters that can reach the same person are at least the gap apart (every
    /// wave counted). w = x AND d: the item is sent on that date and the segment receives it.
    /// People: for each class of cells and each run of `gap` days, at most one item reaching the
    /// class has a wave in the run (two dates closer than the gap always share such a run).
    /// Group labels: pairs of segments of different campaigns with the same group.
    func rowsContactGap(_ lp: inout LP) {
        let gap = constraints.minDaysBetweenContacts
        guard gap > 0 else { return }
        var made: Set<String> = []
        func wvar(_ lp: inout LP, _ k: Int, _ it: Item, _ date: CivilDate) -> String {
            let name = PlanModel.w(k, it.channel, date)
            if made.insert(name).inserted {
                _ = lp.bin(name)
                lp.row("and_\(name)", [(1, PlanModel.x(it, date)), (1, PlanModel.d(k, it.channel)), (-1, name)], "<=", 1)
            }
            return name
        }
        for (q, cls) in cellClasses().enumerated() {
            var byStart: [Int: [String]] = [:]
            for k in cls {
                let c = segments[k].campaign
                for ch in campaigns[c].available.intersection(.direct).channels {
                    guard let it = item(c, ch) else { continue }
                    for date in it.dates {
                        let name = wvar(&lp, k, it, date)
                        // Each run of days counts the item once: by its earliest wave in the run
                        // (waves are sent first to last, so if any wave in the run is sent, that one is).
                        var first: [Int: String] = [:]
                        for j in 1...it.maxWaves where j == 1 || waveDayFits(date, j) {
                            var term = name
                            if j > 1 {
                                term = PlanModel.ww(k, it.channel, date, j)
                                if made.insert(term).inserted {
                                    _ = lp.bin(term)
                                    lp.row("and_\(term)", [(1, name), (1, PlanModel.g(it, j)), (-1, term)], "<=", 1)
                                }
                            }
                            let t = date.adding(days: 7 * (j - 1)).daysSinceEpoch
                            for s in (t - gap + 1)...t where first[s] == nil { first[s] = term }
                        }
                        for (s, term) in first { byStart[s, default: []].append(term) }
                    }
                }
            }
            var rows: Set<[String]> = []
            for s in byStart.keys.sorted() {
                let names = byStart[s]!.sorted()
                guard names.count >= 2, rows.insert(names).inserted else { continue }
                lp.row("gap_q\(PlanModel.pad(q, 3))_\(PlanModel.dname(CivilDate(daysSinceEpoch: s)))", names.map { (1.0, $0) }, "<=", 1)
            }
        }
        // Group labels (inputs without people).
        let labelled = segments.indices.filter {
            segments[$0].cells == nil && !campaigns[segments[$0].campaign].available.intersection(.direct).isEmpty
        }
        for (i, k1) in labelled.enumerated() {
            for k2 in labelled[(i + 1)...] {
                let (s1, s2) = (segments[k1], segments[k2])
                guard s1.campaign != s2.campaign, s1.group == s2.group else { continue }
                for ch1 in campaigns[s1.campaign].available.intersection(.direct).channels {
                    guard let i1 = item(s1.campaign, ch1) else { continue }
                    for ch2 in campaigns[s2.campaign].available.intersection(.direct).channels {
                        guard let i2 = item(s2.campaign, ch2) else { continue }
                        for t1 in i1.dates {
                            let close = i2.dates.filter { t2 in
                                abs(t1.days(to: t2)) < gap
                            }
                            guard !close.isEmpty else { continue }
                            let w1 = wvar(&lp, k1, i1, t1)
                            let terms = [(1.0, w1)] + close.map { (1.0, wvar(&lp, k2, i2, $0)) }
                            lp.row("gapg_\(w1)_\(PlanModel.sname(k2))_\(PlanModel.chname(ch2))", terms, "<=", 1)
                        }
                    }
                }
            }
        }
    }

    /// At most `maxDirectContactsPerPerson` texts and letters per person in the window (the
    /// segments of one campaign hold different people, so a class counts each item once).
    func rowsPersonCap(_ lp: inout LP) {
        let cap = constraints.maxDirectContactsPerPerson
        for (q, cls) in cellClasses().enumerated() {
            var terms: [(Double, String)] = []
            for k in cls {
                for ch in campaigns[segments[k].campaign].available.intersection(.direct).channels where item(segments[k].campaign, ch) != nil {
                    terms.append((1, PlanModel.d(k, ch)))
                }
            }
            if terms.count > cap { lp.row("cap_q\(PlanModel.pad(q, 3))", terms, "<=", Double(cap)) }
        }
    }

    /// One campaign a quarter invites to a service by text or letter.
    func rowsInvitation(_ lp: inout LP) {
        var byService: [String: [Int]] = [:]
        for (c, camp) in campaigns.enumerated() where !camp.available.intersection(.direct).isEmpty {
            if let s = camp.service { byService[s, default: []].append(c) }
        }
        for service in byService.keys.sorted() where byService[service]!.count > 1 {
            for c in byService[service]! {
                let v = lp.bin(PlanModel.v(c))
                for ch in campaigns[c].available.intersection(.direct).channels {
                    lp.row("inv_\(PlanModel.u(c, ch))", [(1, PlanModel.u(c, ch)), (-1, v)], "<=", 0)
                }
            }
            lp.row(
                "service_\(PlanModel.cname(byService[service]![0]))", byService[service]!.map { (1.0, PlanModel.v($0)) }, "<=", 1)
        }
    }

    /// A text or letter batch goes to at least `minRecipientsPerBatch` people, unless it serves
    /// the 75+ rule.
    func rowsTinyBatch(_ lp: inout LP) {
        let least = Double(constraints.minRecipientsPerBatch)
        guard least > 0 else { return }
        for (c, camp) in campaigns.enumerated() {
            for ch in camp.available.intersection(.direct).channels {
                var terms: [(Double, String)] = []
                for k in segmentsOf(c) {
                    let n = Double(segments[k].recipients[ch.order]) + (segments[k].needsDirect ? least : 0)
                    if n > 0 { terms.append((n, PlanModel.d(k, ch))) }
                }
                lp.row("batch_\(PlanModel.cname(c))_\(PlanModel.chname(ch))", terms + [(-least, PlanModel.u(c, ch))], ">=", 0)
            }
        }
    }

    // MARK: - Writing

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    static func terms(_ terms: [(Double, String)]) -> String {
        var out = ""
        for (i, (coef, name)) in terms.enumerated() {
            if i > 0 && i % 6 == 0 { out += "\n   " }
            let sign = coef < 0 ? "-" : "+"
            if i == 0 && coef >= 0 { out += " " } else { out += " \(sign) " }
            out += "\(number(abs(coef))) \(name)"
        }
        return out
    }

    /// The model in CPLEX LP format: maximise the planner's objective.
    public func lpText() -> String {
        let lp = build()
        var out = "\\ AwarenessPlanner quarter planning problem, \(window.from.iso) to \(window.to.iso) (exclusive)\n"
        out += "\\ objective = \(PlanModel.number(bigM)) * older + relevance-weighted expected unique reach\n"
        out += "Maximize\n obj:" + PlanModel.terms(lp.objective) + "\nSubject To\n"
        for r in lp.rows {
            let body = r.terms.isEmpty ? " 0 \(PlanModel.older)" : PlanModel.terms(r.terms)
            out += " \(r.name):\(body) \(r.sense) \(PlanModel.number(r.rhs))\n"
        }
        out += "Bounds\n 0 <= \(PlanModel.older) <= \(segments.count)\nBinaries\n"
        for name in lp.columns where name != PlanModel.older { out += " \(name)\n" }
        out += "End\n"
        return out
    }

    /// A JSON map from each variable to what it means (campaign id, channel, date, segment),
    /// plus the objective's weight and, when given, the planner's own objective and rule checks.
    public func sidecarJSON(
        planner: PlanObjective? = nil, plannerViolations: [PlanRules.Violation] = [], start: [String: Double] = [:]
    ) -> String {
        func q(_ s: String) -> String {
            var out = "\""
            for ch in s {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.append(ch)
            }
            return out + "\""
        }
        var out = "{\n  \"bigM\": \(PlanModel.number(bigM)),\n  \"olderColumn\": \"older\",\n"
        if let planner {
            out += "  \"planner\": {\"objective\": \(planner.value), \"olderServed\": \(planner.olderServed), "
                + "\"reach\": \(planner.reach), \"violations\": [" + plannerViolations.map { q($0.description) }.joined(separator: ", ")
                + "]},\n"
        }
        if !start.isEmpty {
            out += "  \"start\": {" + start.keys.sorted().filter { start[$0] != 0 }.map { "\(q($0)): \(PlanModel.number(start[$0]!))" }
                .joined(separator: ", ") + "},\n"
        }
        out += "  \"campaigns\": [" + campaigns.map { q($0.id) }.joined(separator: ", ") + "],\n"
        out += "  \"segments\": [\n"
        out += segments.enumerated().map { k, s in
            "    {\"name\": \(q(PlanModel.sname(k))), \"campaign\": \(q(campaigns[s.campaign].id)), \"group\": \(q(s.group)), "
                + "\"needsDirect\": \(s.needsDirect)}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"dates\": [\n"
        var rows: [String] = []
        for it in requiredItems {
            for d in it.dates {
                rows.append(
                    "    {\"name\": \(q(PlanModel.x(it, d))), \"campaign\": \(q(campaigns[it.campaign].id)), "
                        + "\"channel\": \(q(it.channel.rawValue)), \"item\": \(it.number), \"date\": \(q(d.iso))}")
            }
        }
        out += rows.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }

    /// What a schedule scores and which rules it breaks, as JSON (for a decoded MIP solution).
    public func checkJSON(_ schedule: PlanSchedule) -> String {
        let o = objective(schedule)
        let v = PlanRules.violations(schedule, model: self)
        let list = v.map { viol -> String in
            var out = "\""
            for ch in viol.description {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.append(ch)
            }
            return out + "\""
        }
        return "{\"objective\": \(o.value), \"olderServed\": \(o.olderServed), \"reach\": \(o.reach), "
            + "\"items\": \(schedule.items.count), \"violations\": [" + list.joined(separator: ", ") + "]}\n"
    }

    /// A solution's values (by variable name; missing names are 0) as a schedule.
    public func decode(_ values: [String: Double]) -> PlanSchedule {
        func on(_ name: String) -> Bool { (values[name] ?? 0) > 0.5 }
        var broadcast: [ChannelSet] = []
        for (c, camp) in campaigns.enumerated() {
            broadcast.append(ChannelSet(camp.available.intersection(.broadcast).channels.filter { on(PlanModel.u(c, $0)) }))
        }
        let direct = segments.enumerated().map { k, s in
            ChannelSet(campaigns[s.campaign].available.intersection(.direct).channels.filter { on(PlanModel.d(k, $0)) })
        }
        var placed: [PlanSchedule.Item] = []
        for it in requiredItems {
            if let d = it.dates.first(where: { on(PlanModel.x(it, $0)) }) {
                let waves = it.maxWaves > 1 ? 1 + (2...it.maxWaves).filter { on(PlanModel.g(it, $0)) }.count : 1
                placed.append(
                    .init(campaign: it.campaign, channel: it.channel, number: it.number, date: d, waveOffsets: (0..<waves).map { 7 * $0 }))
            }
        }
        return PlanSchedule(broadcast: broadcast, direct: direct, items: placed)
    }
}

extension String {
    /// "2027-03-04" -> "20270304" (for variable names).
    fileprivate var replacingDashes: String { String(filter { $0 != "-" }) }
}

extension PlanModel {
    /// `schedule` as values of the model's variables (the inverse of `decode`), so that a plan
    /// the planner made can be checked against every row of the model.
    public func encode(_ schedule: PlanSchedule) -> [String: Double] {
        var v: [String: Double] = [:]
        let used = channelsUsed(schedule)
        var older = 0
        for (c, camp) in campaigns.enumerated() {
            let runs = used[c].count >= 2
            v[PlanModel.y(c)] = runs ? 1 : 0
            for ch in camp.available.channels { v[PlanModel.u(c, ch)] = runs && used[c].has(ch) ? 1 : 0 }
            if let service = camp.service, !camp.available.intersection(.direct).isEmpty,
                campaigns.filter({ $0.service == service && !$0.available.intersection(.direct).isEmpty }).count > 1
            {
                v[PlanModel.v(c)] = runs && !used[c].intersection(.direct).isEmpty ? 1 : 0
            }
        }
        for (k, s) in segments.enumerated() {
            let runs = used[s.campaign].count >= 2
            let direct = runs ? schedule.direct[k] : []
            for ch in campaigns[s.campaign].available.intersection(.direct).channels { v[PlanModel.d(k, ch)] = direct.has(ch) ? 1 : 0 }
            let set = runs ? schedule.broadcast[s.campaign].union(direct) : []
            v[PlanModel.z(k, set)] = 1
            if s.needsDirect && !direct.isEmpty { older += 1 }
        }
        v[PlanModel.older] = Double(older)
        for it in schedule.items {
            guard let slot = items.first(where: { $0.campaign == it.campaign && $0.channel == it.channel && $0.number == it.number && $0.required })
            else { continue }
            v[PlanModel.x(slot, it.date)] = 1
            v[PlanModel.a(it.campaign, it.date.mondayOfWeek)] = 1
            if slot.maxWaves > 1 {
                for j in 2...slot.maxWaves { v[PlanModel.g(slot, j)] = j <= it.waveOffsets.count ? 1 : 0 }
            }
            if it.channel.isDirect {
                for k in segmentsOf(it.campaign) where schedule.direct[k].has(it.channel) {
                    v[PlanModel.w(k, it.channel, it.date)] = 1
                    for j in 1...max(1, it.waveOffsets.count) where j > 1 {
                        v[PlanModel.ww(k, it.channel, it.date, j)] = 1
                    }
                }
            }
        }
        return v
    }

    /// The rows of the model that `values` break (names), and the model's objective at `values`.
    public func rowCheck(_ values: [String: Double]) -> (broken: [String], objective: Double) {
        let lp = build()
        var broken: [String] = []
        for r in lp.rows {
            let lhs = r.terms.reduce(0.0) { $0 + $1.0 * (values[$1.1] ?? 0) }
            let tol = 1e-6 * max(1, abs(r.rhs))
            let ok: Bool
            switch r.sense {
            case "<=": ok = lhs <= r.rhs + tol
            case ">=": ok = lhs >= r.rhs - tol
            default: ok = abs(lhs - r.rhs) <= tol
            }
            if !ok { broken.append(r.name) }
        }
        for name in lp.columns where name != PlanModel.older {
            if let x = values[name], x != 0 && x != 1 { broken.append("integrality of \(name)") }
        }
        let known = Set(lp.columns)
        for name in values.keys.sorted() where !name.hasPrefix("w_") && !known.contains(name) && values[name] != 0 { broken.append("unknown variable \(name)") }
        return (broken, lp.objective.reduce(0.0) { $0 + $1.0 * (values[$1.1] ?? 0) })
    }
}
