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
    static func f(_ c: Int, _ date: CivilDate) -> String { "f_\(cname(c))_\(dname(date))" }
    static func nm(_ c: Int) -> String { "nm_\(cname(c))" }
    static func lam(_ c: Int, _ i: Int) -> String { "lam_\(cname(c))_r\(pad(i, 3))" }
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
        rowsClinician(&lp)
        rowsWeeklyLimit(&lp)
        rowsContactGap(&lp)
        rowsPersonCap(&lp)
        rowsQuarterLimits(&lp)
        rowsInvitation(&lp)
        rowsTinyBatch(&lp)
        rowsTextOrLetter(&lp)
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
                // Texts only to people with a mobile number on record, the 75+ letter only to
                // those without one (the people issue's mobile split).
                for ch in direct.channels where !seg.takes.has(ch) {
                    lp.row("takes_\(PlanModel.sname(k))_\(PlanModel.chname(ch))", [(1, PlanModel.d(k, ch))], "<=", 0)
                }
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
    /// and every wave falls on a sending day in the window. A text whose campaign also sends
    /// the letter leaves the letter's busiest week free (`PlanBuilder.capacityLeft`): its rows
    /// hold for the rule with the letter when u_letter = 1, for the full clinic when 0 (big-M);
    /// exact when every letter the campaign may send leaves the text the same capacity (one
    /// letter segment, as the 75+ no-mobile letter), else with the campaign's most letters.
    /// The recipients stay within what the waves can book (`WavePlan.limit`).
    func rowsWaves(_ lp: inout LP) {
        for it in requiredItems where it.maxWaves > 1 || it.waves?.letter != nil {
            let base = it.waves!
            let n = it.maxWaves
            let tag = "\(PlanModel.cname(it.campaign))_\(PlanModel.chname(it.channel))"
            let recipients = segmentsOf(it.campaign).compactMap { k -> (Double, String)? in
                let r = segments[k].recipients[it.channel.order]
                return r > 0 && segments[k].takes.has(it.channel) ? (Double(r), PlanModel.d(k, it.channel)) : nil
            }
            // The regimes: (rule, guard) with the row relaxed unless the guard's value holds.
            var regimes: [(WaveRule, String?, Bool)] = [(base, nil, true)]
            let byLetters = textRegimes(it)
            if !byLetters.isEmpty {
                let c = it.campaign
                let ul = PlanModel.u(c, .letter)
                regimes = [(base.leaving(letters: 0), ul, false)]
                // lam_i: the letters sent lie in regime i's range [lo, hi] (one when the letter
                // is used), so the text takes regime i's rule.
                let letters = segmentsOf(c).compactMap { k -> (Double, String)? in
                    let r = segments[k].recipients[PlanChannel.letter.order]
                    return r > 0 ? (Double(r), PlanModel.d(k, .letter)) : nil
                }
                let most = Double(it.lettersAtMost)
                var lams: [(Double, String)] = []
                for (i, regime) in byLetters.enumerated() {
                    let lam = lp.bin(PlanModel.lam(c, i))
                    lams.append((1, lam))
                    if regime.lo > 0 { lp.row("lamlo_\(lam)", letters + [(-Double(regime.lo), lam)], ">=", 0) }
                    if regime.hi < it.lettersAtMost { lp.row("lamhi_\(lam)", letters + [(most, lam)], "<=", Double(regime.hi) + most) }
                    regimes.append((regime.rule, lam, true))
                }
                // One regime when the text and the letter both go (none without the letter).
                lp.row("lam_\(PlanModel.cname(c))", lams + [(-1, ul)], "<=", 0)
                lp.row("lamon_\(PlanModel.cname(c))", lams + [(-1, ul), (-1, PlanModel.u(c, .sms))], ">=", -1)
            }
            let bigM = Double(it.recipientsAtMost) + Double(regimes.map(\.0.perWave).max()! * n) + 1
            // Adds `terms <= rhs` (or >=) relaxed by bigM unless guard == value.
            func relaxed(_ name: String, _ terms: [(Double, String)], _ sense: String, _ rhs: Double, _ g: String?, _ value: Bool) {
                guard let g else { return lp.row(name, terms, sense, rhs) }
                let sign: Double = sense == "<=" ? -1 : 1
                // <=: terms <= rhs + M*(guard off); off = (1-u) when value, u when not.
                if value {
                    lp.row(name, terms + [(-sign * bigM, g)], sense, rhs - sign * bigM)
                } else {
                    lp.row(name, terms + [(sign * bigM, g)], sense, rhs)
                }
            }
            if n > 1 {
                for j in 2...n { _ = lp.bin(PlanModel.g(it, j)) }
                for j in 2..<n { lp.row("chain_\(tag)_j\(j + 1)", [(1, PlanModel.g(it, j + 1)), (-1, PlanModel.g(it, j))], "<=", 0) }
            }
            for (r, (rule, g, value)) in regimes.enumerated() {
                let suffix = regimes.count > 1 ? "_r\(r)" : ""
                let per = Double(rule.perWave)
                let ruleWaves = min(n, max(1, min((it.recipientsAtMost + rule.perWave - 1) / rule.perWave, rule.maxWeeks)))
                if n > 1 {
                    // Enough waves: R <= perWave * waves, unless every wave is used (the last ones larger).
                    var enough = recipients + (2...n).map { (-per, PlanModel.g(it, $0)) }
                    enough.append((-Double(it.recipientsAtMost), PlanModel.g(it, ruleWaves)))
                    relaxed("waves_\(tag)\(suffix)", enough, "<=", per, g, value)
                    // No more than needed: wave j only when R > perWave * (j - 1), and no more than
                    // the rule's own weeks.
                    for j in 2...n {
                        if j > ruleWaves {
                            relaxed("wave_\(tag)_j\(j)\(suffix)", [(1, PlanModel.g(it, j))], "<=", 0, g, value)
                        } else {
                            relaxed("wave_\(tag)_j\(j)\(suffix)", recipients + [(-(per * Double(j - 1) + 1), PlanModel.g(it, j))], ">=", 0, g, value)
                        }
                    }
                }
                relaxed("book_\(tag)\(suffix)", recipients, "<=", Double(rule.limit), g, value)
            }
            if n > 1 {
                for date in it.dates {
                    for j in 2...n where !waveDayFits(date, j) {
                        lp.row("waveday_\(PlanModel.x(it, date))_j\(j)", [(1, PlanModel.x(it, date)), (1, PlanModel.g(it, j))], "<=", 1)
                    }
                }
            }
        }
    }

    /// A text's wave rules by the letters its campaign sends (`PlanBuilder.capacityLeft`): for
    /// each run of reachable letter counts (sums of the letter segments' recipients, each
    /// segment in or out) that leave the text the same rule, the rule and the run's range.
    /// Empty when the text has no letter to leave room for.
    func textRegimes(_ it: Item) -> [(rule: WaveRule, lo: Int, hi: Int)] {
        guard let base = it.waves, base.letter != nil, it.channel == .sms, campaigns[it.campaign].available.has(.letter),
            it.lettersAtMost > 0
        else { return [] }
        var sums: Set<Int> = [0]
        for k in segmentsOf(it.campaign) {
            let r = segments[k].recipients[PlanChannel.letter.order]
            if r > 0 { sums.formUnion(sums.map { $0 + r }) }
        }
        var out: [(rule: WaveRule, lo: Int, hi: Int)] = []
        for l in sums.sorted() {
            let rule = base.leaving(letters: l)
            if let last = out.last, last.rule == rule {
                out[out.count - 1].hi = l
            } else {
                out.append((rule, l, l))
            }
        }
        return out
    }

    /// The weeks of the items' dates, in order, with the items' date variables in each.
    func byWeek() -> [(CivilDate, [(Item, CivilDate)])] {
        var weeks: [Int: [(Item, CivilDate)]] = [:]
        for it in requiredItems {
            for d in it.dates { weeks[d.mondayOfWeek.daysSinceEpoch, default: []].append((it, d)) }
        }
        return weeks.keys.sorted().map { (CivilDate(daysSinceEpoch: $0), weeks[$0]!) }
    }

    /// Staff hours by prep week (issue 11, item 2): each of an item's prep tasks (drafting,
    /// print and post, the patient search, scheduling, replying on the day) books its hours in
    /// the week it is due, which may be before the window; the previous plan's hours in the same
    /// weeks count too.
    func rowsHours(_ lp: inout LP) {
        let cap = Int((constraints.commsHoursPerWeek * 100).rounded())
        var weeks: [Int: [(Double, String)]] = [:]
        for it in requiredItems {
            for d in it.dates {
                let tasks = PrepWork.tasks(it.channel, date: d, effort: effort, calendar: calendar)
                for (w, centi) in PrepWork.staffCentiByWeek(tasks) { weeks[w, default: []].append((Double(centi), PlanModel.x(it, d))) }
            }
        }
        for w in weeks.keys.sorted() {
            let left = max(0, cap - (previous.staffCentiByWeek[w] ?? 0))
            lp.row("hours_w\(CivilDate(daysSinceEpoch: w).iso.replacingDashes)", weeks[w]!, "<=", Double(left))
        }
    }

    /// One clinical sign-off per campaign (issue 11, item 2), due by the earliest sign-off date
    /// of its items (`PrepWork.signOff`), within `staff.clinicianHoursPerWeek` in its week beside
    /// the previous plan's sign-offs. f = 1 on exactly the earliest: one f for a running
    /// campaign, none later than an item's own sign-off date, and each on a date some placed
    /// item needs.
    func rowsClinician(_ lp: inout LP) {
        let cap = Int((constraints.clinicianHoursPerWeek * 100).rounded())
        let centi = effort.signOffCentiHours
        guard centi > 0 else { return }
        var weeks: [Int: [(Double, String)]] = [:]
        for c in campaigns.indices {
            let its = requiredItems.filter { $0.campaign == c }
            var byDue: [Int: [String]] = [:]
            var dueOf: [String: Int] = [:]
            for it in its {
                for d in it.dates {
                    let due = PrepWork.signOff(it.channel, date: d, effort: effort, calendar: calendar).due.daysSinceEpoch
                    byDue[due, default: []].append(PlanModel.x(it, d))
                    dueOf[PlanModel.x(it, d)] = due
                }
            }
            guard !byDue.isEmpty else { continue }
            let dues = byDue.keys.sorted()
            var one: [(Double, String)] = []
            for t in dues {
                let name = lp.bin(PlanModel.f(c, CivilDate(daysSinceEpoch: t)))
                one.append((1, name))
                lp.row("sofrom_\(name)", [(1, name)] + byDue[t]!.map { (-1.0, $0) }, "<=", 0)
                weeks[CivilDate(daysSinceEpoch: t).mondayOfWeek.daysSinceEpoch, default: []].append((Double(centi), name))
            }
            lp.row("signoff_\(PlanModel.cname(c))", one + [(-1, PlanModel.y(c))], "=", 0)
            for it in its {
                for d in it.dates {
                    let x = PlanModel.x(it, d)
                    let by = dues.filter { $0 <= dueOf[x]! }.map { (-1.0, PlanModel.f(c, CivilDate(daysSinceEpoch: $0))) }
                    lp.row("soby_\(x)", [(1, x)] + by, "<=", 0)
                }
            }
        }
        for w in weeks.keys.sorted() {
            let left = max(0, cap - (previous.clinicianCentiByWeek[w] ?? 0))
            lp.row("clinician_w\(CivilDate(daysSinceEpoch: w).iso.replacingDashes)", weeks[w]!, "<=", Double(left))
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
            // The previous plan's campaigns in the week take their places first.
            let taken = previous.campaignsByWeek[monday.daysSinceEpoch] ?? 0
            lp.row(
                "limit_w\(monday.iso.replacingDashes)", active.sorted().map { (1.0, PlanModel.a($0, monday)) }, "<=",
                Double(max(0, constraints.campaignsPerWeek - taken)))
        }
    }

    /// Cell classes: the cells (of people) that lie in exactly the same segments (which may
    /// take a direct channel) and the same previous plan's contacts, as the list of those
    /// segments and the list of those contacts, in a fixed order. The cells are the planner's
    /// own person classes (`PeopleCells`).
    func cellClasses() -> [(segments: [Int], previous: [Int])] {
        var byBit: [Int: [Int]] = [:]
        for (k, s) in segments.enumerated() where !campaigns[s.campaign].available.intersection(.direct).isEmpty {
            for b in s.cells ?? [] { byBit[b, default: []].append(k) }
        }
        for (p, contact) in previous.personContacts.enumerated() {
            for b in contact.cells where byBit[b] != nil { byBit[b]!.append(-1 - p) }
        }
        var seen: Set<[Int]> = []
        var out: [(segments: [Int], previous: [Int])] = []
        for b in byBit.keys.sorted() where seen.insert(byBit[b]!).inserted {
            let sig = byBit[b]!
            out.append((sig.filter { $0 >= 0 }, sig.filter { $0 < 0 }.map { -1 - $0 }))
        }
        return out
    }

    /// w = x AND d: item `it` is sent on `date` and segment `k` receives it.
    func wvar(_ lp: inout LP, _ k: Int, _ it: Item, _ date: CivilDate) -> String {
        let name = PlanModel.w(k, it.channel, date)
        if !lp.binary.contains(name) {
            _ = lp.bin(name)
            lp.row("and_\(name)", [(1, PlanModel.x(it, date)), (1, PlanModel.d(k, it.channel)), (-1, name)], "<=", 1)
        }
        return name
    }

    /// True when campaign `c`'s letter may go only to people with no mobile number on record
    /// (it has such a segment) or also to others (it has a segment of another kind that takes it).
    func letterKinds(_ c: Int) -> (withoutMobile: [Int], others: [Int]) {
        let ks = segmentsOf(c).filter { segments[$0].takes.has(.letter) && campaigns[c].available.has(.letter) }
        return (ks.filter { segments[$0].withoutMobile }, ks.filter { !segments[$0].withoutMobile })
    }

    /// Two texts or letters that can reach the same person are at least the gap apart (every
    /// wave counted), as the scheduler keeps it: an item reaches the cells of the segments that
    /// take it; a letter to no-mobile segments only never reaches anyone a text reaches, any
    /// other pair of texts and letters may. For each class of cells and each run of `gap` days:
    /// (i) texts plus letters that go to someone with a mobile (nm = 1) at most one, (ii) letters
    /// at most one, less the previous plan's contacts to the class in the run (two dates closer
    /// than the gap always share such a run).
    /// Group labels: pairs of segments of different campaigns with the same group.
    func rowsContactGap(_ lp: inout LP) {
        let gap = constraints.minDaysBetweenContacts
        guard gap > 0 else { return }
        // nm_c: campaign c's letter goes to a segment other than the no-mobile one.
        for c in campaigns.indices {
            let kinds = letterKinds(c)
            guard !kinds.withoutMobile.isEmpty, !kinds.others.isEmpty else { continue }
            let nm = lp.bin(PlanModel.nm(c))
            for k in kinds.others { lp.row("nmof_\(PlanModel.sname(k))", [(1, PlanModel.d(k, .letter)), (-1, nm)], "<=", 0) }
        }
        var rows: Set<String> = []
        for (q, cls) in cellClasses().enumerated() {
            var texts: [Int: [String]] = [:]
            var letters: [Int: [String]] = [:]
            var mobileLetters: [Int: [String]] = [:]
            for k in cls.segments {
                let c = segments[k].campaign
                let kinds = letterKinds(c)
                for ch in campaigns[c].available.intersection(.direct).intersection(segments[k].takes).channels {
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
                                if !lp.binary.contains(term) {
                                    _ = lp.bin(term)
                                    lp.row("and_\(term)", [(1, name), (1, PlanModel.g(it, j)), (-1, term)], "<=", 1)
                                }
                            }
                            let t = date.adding(days: 7 * (j - 1)).daysSinceEpoch
                            for s in (t - gap + 1)...t where first[s] == nil { first[s] = term }
                        }
                        // In order of the runs: the n columns are made here (never Dictionary order).
                        for s in first.keys.sorted() {
                            let term = first[s]!
                            if ch == .sms {
                                texts[s, default: []].append(term)
                                continue
                            }
                            letters[s, default: []].append(term)
                            if !segments[k].withoutMobile {
                                mobileLetters[s, default: []].append(term)
                            } else if !kinds.others.isEmpty {
                                // The no-mobile part of a letter that also goes to others: it
                                // counts against texts when nm is 1 (n >= term + nm - 1).
                                let n = "n_" + term
                                if !lp.binary.contains(n) {
                                    _ = lp.bin(n)
                                    lp.row("and_\(n)", [(1, term), (1, PlanModel.nm(c)), (-1, n)], "<=", 1)
                                }
                                mobileLetters[s, default: []].append(n)
                            }
                        }
                    }
                }
            }
            // The previous plan's texts and letters to the class, by run.
            var prevMobile: [Int: Int] = [:]
            var prevLetters: [Int: Int] = [:]
            for p in cls.previous {
                let contact = previous.personContacts[p]
                let t = contact.date.daysSinceEpoch
                for s in (t - gap + 1)...t {
                    if contact.kind != .letterWithoutMobile { prevMobile[s, default: 0] += 1 }
                    if contact.kind != .text { prevLetters[s, default: 0] += 1 }
                }
            }
            let starts = Set(texts.keys).union(letters.keys).sorted()
            for s in starts {
                let tag = "q\(PlanModel.pad(q, 3))_\(PlanModel.dname(CivilDate(daysSinceEpoch: s)))"
                let mobile = ((texts[s] ?? []) + (mobileLetters[s] ?? [])).sorted()
                let mobileRHS = max(0, 1 - (prevMobile[s] ?? 0))
                if !mobile.isEmpty && (mobile.count >= 2 || mobileRHS < 1) && rows.insert("m|\(mobileRHS)|" + mobile.joined(separator: ",")).inserted {
                    lp.row("gap_\(tag)", mobile.map { (1.0, $0) }, "<=", Double(mobileRHS))
                }
                let lets = (letters[s] ?? []).sorted()
                let lettersRHS = max(0, 1 - (prevLetters[s] ?? 0))
                if !lets.isEmpty && (lets.count >= 2 || lettersRHS < 1) && rows.insert("l|\(lettersRHS)|" + lets.joined(separator: ",")).inserted {
                    lp.row("gapl_\(tag)", lets.map { (1.0, $0) }, "<=", Double(lettersRHS))
                }
            }
        }
        // Group labels (inputs without people).
        let labelled = segments.indices.filter {
            segments[$0].cells == nil && !campaigns[segments[$0].campaign].available.intersection(.direct).isEmpty
        }
        for (i, k1) in labelled.enumerated() {
            let s1 = segments[k1]
            // Not within the gap of the previous plan's texts and letters to the group.
            for ch in campaigns[s1.campaign].available.intersection(.direct).channels {
                guard let it = item(s1.campaign, ch) else { continue }
                for t in it.dates where previous.groupContacts.contains(where: { $0.group == s1.group && abs($0.date.days(to: t)) < gap }) {
                    lp.row("gapp_\(wvar(&lp, k1, it, t))", [(1, PlanModel.w(k1, ch, t))], "<=", 0)
                }
            }
            for k2 in labelled[(i + 1)...] {
                let s2 = segments[k2]
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
            for k in cls.segments {
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

    /// Windows longer than a quarter (issue 11, item 5): each quarter's part of the window has
    /// its own SMS and letter budget and per-person cap (`PlanningConstraints.quarterLimits`); a
    /// text or letter counts in the quarter of its date (its first wave's).
    func rowsQuarterLimits(_ lp: inout LP) {
        for (q, limit) in constraints.quarterLimits.enumerated() {
            let inQ = { (d: CivilDate) in d >= limit.from && d < limit.to }
            for ch in [PlanChannel.sms, .letter] {
                guard let budget = limit.budget(ch) else { continue }
                var terms: [(Double, String)] = []
                for (k, s) in segments.enumerated() where s.takes.has(ch) && s.cost[ch.order] > 0 {
                    guard let it = item(s.campaign, ch) else { continue }
                    for d in it.dates where inQ(d) { terms.append((Double(s.cost[ch.order]), wvar(&lp, k, it, d))) }
                }
                if !terms.isEmpty { lp.row("qbudget_q\(q)_\(PlanModel.chname(ch))", terms, "<=", Double(budget)) }
            }
            for (p, cls) in cellClasses().enumerated() {
                var terms: [(Double, String)] = []
                for k in cls.segments {
                    let c = segments[k].campaign
                    for ch in campaigns[c].available.intersection(.direct).intersection(segments[k].takes).channels {
                        guard let it = item(c, ch) else { continue }
                        for d in it.dates where inQ(d) { terms.append((1, wvar(&lp, k, it, d))) }
                    }
                }
                if terms.count > limit.maxDirectContactsPerPerson {
                    lp.row("qcap_q\(q)_c\(PlanModel.pad(p, 3))", terms, "<=", Double(limit.maxDirectContactsPerPerson))
                }
            }
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

    /// Planning for people, each person gets a campaign's text or its letter, not both
    /// (`PlanBuilder.oneTextOrLetter`): a segment of an audience takes at most one of the two.
    func rowsTextOrLetter(_ lp: inout LP) {
        for (k, s) in segments.enumerated() where s.cells != nil && s.takes == .direct {
            guard campaigns[s.campaign].available.isSuperset(of: .direct) else { continue }
            lp.row("textorletter_\(PlanModel.sname(k))", [(1, PlanModel.d(k, .sms)), (1, PlanModel.d(k, .letter))], "<=", 1)
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

    /// What a schedule scores, which rules it breaks (`PlanRules`) and which of its items the
    /// planner's own scheduler refuses (`schedulerRefusals`), as JSON (for a decoded MIP solution).
    public func checkJSON(_ schedule: PlanSchedule) -> String {
        let o = objective(schedule)
        func quoted(_ text: String) -> String {
            var out = "\""
            for ch in text {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.append(ch)
            }
            return out + "\""
        }
        let v = PlanRules.violations(schedule, model: self).map { quoted($0.description) }
        let r = schedulerRefusals(schedule).map { quoted($0.description) }
        return "{\"objective\": \(o.value), \"olderServed\": \(o.olderServed), \"reach\": \(o.reach), "
            + "\"items\": \(schedule.items.count), \"violations\": [" + v.joined(separator: ", ") + "], "
            + "\"refusals\": [" + r.joined(separator: ", ") + "]}\n"
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
        // Letters that also go to people with a mobile, and each campaign's one sign-off.
        for c in campaigns.indices {
            let kinds = letterKinds(c)
            if !kinds.withoutMobile.isEmpty && !kinds.others.isEmpty {
                v[PlanModel.nm(c)] = kinds.others.contains { schedule.direct[$0].has(.letter) } && used[c].count >= 2 ? 1 : 0
            }
            let dues = schedule.items.filter { it in
                it.campaign == c && items.contains { $0.campaign == c && $0.channel == it.channel && $0.number == it.number && $0.required }
            }.map { PrepWork.signOff($0.channel, date: $0.date, effort: effort, calendar: calendar).due }
            if let first = dues.min() { v[PlanModel.f(c, first)] = 1 }
        }
        for it in schedule.items {
            guard let slot = items.first(where: { $0.campaign == it.campaign && $0.channel == it.channel && $0.number == it.number && $0.required })
            else { continue }
            v[PlanModel.x(slot, it.date)] = 1
            v[PlanModel.a(it.campaign, it.date.mondayOfWeek)] = 1
            if slot.maxWaves > 1 {
                for j in 2...slot.maxWaves { v[PlanModel.g(slot, j)] = j <= it.waveOffsets.count ? 1 : 0 }
            }
            let regimes = textRegimes(slot)
            if !regimes.isEmpty && used[it.campaign].has(.letter) {
                var letters = 0
                for k in segmentsOf(it.campaign) where schedule.direct[k].has(.letter) { letters += segments[k].recipients[PlanChannel.letter.order] }
                if let i = regimes.firstIndex(where: { $0.lo <= letters && letters <= $0.hi }) { v[PlanModel.lam(it.campaign, i)] = 1 }
            }
            if it.channel.isDirect {
                for k in segmentsOf(it.campaign) where schedule.direct[k].has(it.channel) {
                    let mobileToo = it.channel == .letter && segments[k].withoutMobile && v[PlanModel.nm(it.campaign)] == 1
                    v[PlanModel.w(k, it.channel, it.date)] = 1
                    if mobileToo { v["n_" + PlanModel.w(k, it.channel, it.date)] = 1 }
                    for j in 1...max(1, it.waveOffsets.count) where j > 1 {
                        v[PlanModel.ww(k, it.channel, it.date, j)] = 1
                        if mobileToo { v["n_" + PlanModel.ww(k, it.channel, it.date, j)] = 1 }
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
        for name in values.keys.sorted() where !name.hasPrefix("w_") && !name.hasPrefix("n_w_") && !known.contains(name) && values[name] != 0 { broken.append("unknown variable \(name)") }
        return (broken, lp.objective.reduce(0.0) { $0 + $1.0 * (values[$1.1] ?? 0) })
    }
}
