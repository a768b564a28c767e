/// How much an awareness day matters to one practice, from 0 to 1, with the reasons in
/// plain words ("Stoptober: 1,420 smokers on your list; you offer stop smoking support").
public struct Relevance: Sendable, Hashable, Codable {
    public struct GroupSizeEntry: Sendable, Hashable, Codable {
        public var id: String
        /// Patients in the group, rounded; nil when the profile does not record the group.
        public var size: Int?
    }

    public struct ServiceOffered: Sendable, Hashable, Codable {
        public var id: String
        public var offered: Bool
    }

    public var relevance: Double
    public var groupSizes: [GroupSizeEntry]
    public var servicesOffered: [ServiceOffered]
    /// Plain-English reasons, most important first.
    public var why: [String]

    /// NHS England's national screening and immunisation programmes (services by id).
    static let nationalProgrammes: Set<String> = [
        "cervical-screening", "breast-screening", "bowel-screening", "aaa-screening", "flu-vaccination",
        "covid-vaccination", "shingles-vaccination", "rsv-vaccination", "pneumococcal-vaccination",
        "childhood-immunisations", "nhs-health-check",
    ]

    /// NHS priorities a practice is measured on beyond the national programmes, by the service
    /// that answers them (../shared/reference/priorities_uptake.md):
    /// - smoking-cessation: QOF SMOK004/SMOK005 (§1.3); Core20PLUS5 runs smoking cessation across
    ///   all five adult areas (§3);
    /// - blood-pressure-check: Core20PLUS5 adult 5, hypertension case-finding (§3); IIF CVD-01 and
    ///   QOF BP002 and the BP-target indicators, 140 points in 2025/26 (§1.1, §1.3, §2);
    /// - smi-health-check: Core20PLUS5 adult 2, 60% of people with SMI checked yearly (§3); QOF
    ///   MH002-MH021 (§1.3);
    /// - learning-disability-health-check: IIF HI-03 and the LD enhanced service (§2, §4.3);
    /// - copd-review, asthma-review, diabetes-review: QOF COPD010, AST007, DM indicators (§1.3);
    ///   Core20PLUS5 adult 3, chronic respiratory disease (§3);
    /// - diabetes-prevention, weight-management: QOF NDH and OB004/OB005 from 2026/27 (§1.3).
    static let nhsPriorities: Set<String> = [
        "smoking-cessation", "blood-pressure-check", "smi-health-check", "learning-disability-health-check",
        "copd-review", "asthma-review", "diabetes-review", "diabetes-prevention", "weight-management",
    ]

    /// The national standard for a programme's uptake or coverage, where one is published
    /// (../shared/reference/priorities_uptake.md §4): cervical 80% (§4.1, acceptable, VERIFIED);
    /// breast 70% (§4.1, acceptable, VERIFIED); bowel 62% coverage from April 2025 (§4.1,
    /// acceptable, SECONDARY); flu 75% for 65 and over (§4.2, WHO, VERIFIED); childhood
    /// immunisations 95% (§4.2, WHO, VERIFIED); SMI health checks 60% (§3, Core20PLUS5, VERIFIED);
    /// learning disability health checks 75% (§4.3, Long Term Plan ambition, SECONDARY); NHS
    /// Health Check 75% (§4.3, the uptake NHS England's model assumed, VERIFIED); blood pressure
    /// 80% of expected hypertension diagnosed by 2029 (§4.3, VERIFIED).
    public static let uptakeStandards: [String: Double] = [
        "cervical-screening": 0.80, "breast-screening": 0.70, "bowel-screening": 0.62, "flu-vaccination": 0.75,
        "childhood-immunisations": 0.95, "smi-health-check": 0.60, "learning-disability-health-check": 0.75,
        "nhs-health-check": 0.75, "blood-pressure-check": 0.80,
    ]

    /// Weights of the two parts of the practice factor (documented in the README).
    static let sizeWeight = 0.5
    static let serviceWeight = 0.5

    /// One factor of a relevance, for `planner explain`: its name, value and why.
    public struct Factor: Sendable, Hashable, Codable {
        public var name: String
        public var value: Double
        public var note: String
    }

    /// Every factor the relevance is the product of (match, practice, season, priority,
    /// uptake), in that order.
    public var factors: [Factor] = []

    /// Assesses one matched day for one practice (issue 11, D: what a practice manager weighs).
    ///
    /// relevance = match score x practice x season x priority x uptake, where
    /// - practice = 0.5 x size factor + 0.5 x service factor;
    /// - size factor = n / (n + k): n is the largest matched group in this practice, k is 5% of
    ///   the list (at least 50), so that size keeps ranking groups instead of saturating: 900
    ///   diabetics in a list of 12,000 give 0.6, 200 give 0.25, 4,000 adults aged 40-74 give
    ///   0.87. A group the profile does not record counts as 0.3, and a day for all patients as
    ///   0.5 (it reaches everyone but targets no one).
    /// - service factor = 1 when the practice offers every service the day promotes, the offered
    ///   share otherwise, with a floor of 0.3; 0.7 when the day promotes no service.
    /// - season factor = 0.5 when the day promotes only seasonal vaccinations and falls outside
    ///   their September to January season, else 1.
    /// - priority = what the day asks people to do and whether the practice is measured on it:
    ///   1 for a national screening or immunisation programme (or the NHS Health Check) the
    ///   practice delivers (QOF CS005/CS006 and VI001-VI004, priorities_uptake.md §1.3; domain
    ///   facts §8.3 and §8.4 for the cohorts); 0.9 for an NHS priority it offers (`nhsPriorities`);
    ///   0.75 for another service it offers, or a review it runs for one of its registers; 0.5
    ///   when the day asks for no action the practice offers (awareness only).
    /// - uptake = the practice's gap against the national standard of the action it asks for
    ///   (`uptakeStandards`): 0.7 + 1.5 x (standard - the profile's `uptake`), between 0.6 and 1;
    ///   0.85 when the profile gives no figure or there is no standard (as if about 10 points
    ///   under it, roughly the national cervical gap: 68.8% against 80%, §4.1). A practice at the
    ///   standard scores 0.7; one 20 points under it 1.
    public static func assess(
        _ match: MatchResult, profile: PracticeProfile, taxonomy: Taxonomy
    ) -> Relevance {
        let sizes: [GroupSizeEntry] = match.groupIds.map { id in
            GroupSizeEntry(id: id, size: size(ofGroup: id, in: profile, taxonomy: taxonomy).map { Int($0.count.rounded()) })
        }
        let offered = match.serviceIds.map { ServiceOffered(id: $0, offered: profile.offers($0)) }
        if match.groupIds.isEmpty && match.serviceIds.isEmpty {
            return Relevance(relevance: 0, groupSizes: [], servicesOffered: [], why: ["not matched to any patient group or service"])
        }
        var why: [String] = []
        var factors: [Factor] = [Factor(name: "match", value: match.score, note: "how surely the day is about its groups")]
        let name = { (id: String) in taxonomy.entry(id)?.name.lowercasedFirst ?? id }

        // Size: the largest matched group this practice records.
        let k = max(50.0, Double(profile.listSize) * 0.05)
        let known = sizes.compactMap { s in s.size.map { (s.id, $0) } }
        let sizeFactor: Double
        var sizeNote: String
        if match.groupIds == ["all-patients"] {
            sizeFactor = 0.5
            sizeNote = "a day for all \(groupedThousands(profile.listSize)) patients (not targeted at one group)"
        } else if let (id, n) = known.max(by: { ($0.1, $1.0) < ($1.1, $0.0) }) {
            sizeFactor = Double(n) / (Double(n) + k)
            if taxonomy.entry(id)?.sizedFrom?.basis == .register {
                sizeNote = "\(groupedThousands(n)) patients on your \(name(id)) register"
            } else {
                sizeNote = "\(groupedThousands(n)) \(name(id)) on your list"
            }
        } else {
            sizeFactor = 0.3
            let ids = match.groupIds.map(name).joined(separator: ", ")
            sizeNote = ids.isEmpty ? "no patient group named" : "your profile has no count for \(ids)"
        }
        why.append(sizeNote)

        // Services.
        let serviceFactor: Double
        var serviceNote = "the day promotes no service"
        if offered.isEmpty {
            serviceFactor = 0.7
        } else {
            let yes = offered.filter(\.offered), no = offered.filter { !$0.offered }
            serviceFactor = max(0.3, Double(yes.count) / Double(offered.count))
            var notes: [String] = []
            if !yes.isEmpty { notes.append("you offer \(yes.map { name($0.id) }.joined(separator: ", "))") }
            if !no.isEmpty {
                // With a service the practice offers, the day is promoted for that one and the
                // others are only left out of its messages.
                let advice = yes.isEmpty ? "do not promote it" : "leave it out of the messages"
                notes.append("you do not offer \(no.map { name($0.id) }.joined(separator: ", ")): \(advice)")
            }
            why += notes
            serviceNote = notes.joined(separator: "; ")
        }
        let practice = sizeWeight * sizeFactor + serviceWeight * serviceFactor
        factors.append(
            Factor(
                name: "practice", value: practice,
                note: "0.5 x size \(Format.decimal(sizeFactor, places: 2)) (\(sizeNote)) + 0.5 x services "
                    + "\(Format.decimal(serviceFactor, places: 2)) (\(serviceNote))"))

        // Season.
        var season = 1.0
        let seasonal: Set<String> = ["flu-vaccination", "covid-vaccination"]
        var seasonNote = "no seasonal limit"
        if !match.serviceIds.isEmpty, match.serviceIds.allSatisfy(seasonal.contains) {
            let m = match.start.civilDate.month
            if !(m >= 9 || m == 1) {
                season = 0.5
                seasonNote = "outside the September to January vaccination season"
                why.append(seasonNote)
            } else {
                seasonNote = "inside the September to January vaccination season"
            }
        }
        factors.append(Factor(name: "season", value: season, note: seasonNote))

        // Priority: what the day asks people to do, and whether the practice is measured on it.
        // The day's own action (the service its texts and letters ask people to use), or, when
        // one of the registers or cohorts it targets has a higher-priority service the practice
        // offers (Time to Talk Day and the SMI register's health check), that service.
        let recorded = Set(profile.registers.map(\.id) + profile.cohorts.map(\.id))
        let ownAction = AudiencePolicy.action(
            services: match.serviceIds, groups: match.groupIds, offered: profile.offers, recordedGroups: recorded,
            serviceMainGroups: taxonomy.services.map { (service: $0.id, groups: $0.mainGroups) })
        func tier(_ s: String) -> Int {
            Self.nationalProgrammes.contains(s) ? 2 : Self.nhsPriorities.contains(s) ? 1 : 0
        }
        let forRegisters = taxonomy.services.filter { service in
            profile.offers(service.id) && service.mainGroups.contains { recorded.contains($0) && match.groupIds.contains($0) }
        }.map(\.id).sorted()
        var action = ownAction
        for s in forRegisters where tier(s) > action.map(tier) ?? -1 { action = s }
        let priority: Double
        let priorityNote: String
        if let action, Self.nationalProgrammes.contains(action) {
            priority = 1
            priorityNote = "asks people to use \(name(action)), a national programme you deliver"
        } else if let action, Self.nhsPriorities.contains(action) {
            priority = 0.9
            priorityNote = "asks people to use \(name(action)), an NHS priority you are measured on"
        } else if let action {
            priority = 0.75
            priorityNote = "asks people to use \(name(action)), which you offer"
        } else {
            priority = 0.5
            priorityNote = "asks for no action your practice offers (awareness only)"
        }
        why.append(priorityNote)
        factors.append(Factor(name: "priority", value: priority, note: priorityNote))

        // Uptake: the practice's own gap against the national standard, where it knows it.
        var uptake = 0.85
        var uptakeNote = "no national standard for what the day asks"
        if let action, let standard = Self.uptakeStandards[action] {
            if let own = profile.uptake[action] {
                uptake = min(1, max(0.6, 0.7 + 1.5 * (standard - own)))
                uptakeNote = "your \(name(action)) uptake \(Format.decimal(own * 100, places: 0))% against the "
                    + "\(Format.decimal(standard * 100, places: 0))% standard"
                why.append(uptakeNote)
            } else {
                uptakeNote = "your \(name(action)) uptake is not in the profile (standard "
                    + "\(Format.decimal(standard * 100, places: 0))%)"
            }
        }
        factors.append(Factor(name: "uptake", value: uptake, note: uptakeNote))

        let r = match.score * practice * season * priority * uptake
        var result = Relevance(
            relevance: (r * 1000).rounded() / 1000, groupSizes: sizes, servicesOffered: offered,
            why: ["\(match.title): " + why.joined(separator: "; ")])
        result.factors = factors
        return result
    }
}

extension String {
    /// "Smokers" -> "smokers", but "NHS Health Check" stays (an acronym starts it).
    var lowercasedFirst: String {
        guard let f = first else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return f.lowercased() + dropFirst()
    }
}
