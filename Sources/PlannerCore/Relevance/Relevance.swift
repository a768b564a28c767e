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

    /// Weights of the two parts of the practice factor (documented in the README).
    static let sizeWeight = 0.65
    static let serviceWeight = 0.35

    /// Assesses one matched day for one practice.
    ///
    /// relevance = match score x (0.65 x size factor + 0.35 x service factor) x season factor, where
    /// - size factor = n / (n + k): n is the largest matched group in this practice, k is 1% of the
    ///   list (at least 50). A group of 1% of the list gives 0.5; 900 diabetics in a list of 12,000
    ///   give 0.88, 200 give 0.62. A group the profile does not record counts as 0.3, and a day
    ///   for all patients counts as 0.5 (it reaches everyone but targets no one).
    /// - service factor = 1 when the practice offers every service the day promotes, the offered
    ///   share otherwise, with a floor of 0.3 (promoting a clinic the practice does not run is worse
    ///   than silence, but the day may still inform); 0.7 when the day promotes no service.
    /// - season factor = 0.5 when the day promotes only seasonal vaccinations and falls outside
    ///   their September to January season (NHS England flu and COVID-19 programmes: flu starts
    ///   1 September and 1 October, the autumn COVID-19 campaign runs 1 October to 31 January), else 1.
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
        let name = { (id: String) in taxonomy.entry(id)?.name.lowercasedFirst ?? id }

        // Size: the largest matched group this practice records.
        let k = max(50.0, Double(profile.listSize) * 0.01)
        let known = sizes.compactMap { s in s.size.map { (s.id, $0) } }
        let sizeFactor: Double
        if match.groupIds == ["all-patients"] {
            // A day for everyone reaches the whole list but asks nothing specific of anyone:
            // it ranks below a day for a group the practice holds a register or cohort for.
            sizeFactor = 0.5
            why.append("a day for all \(groupedThousands(profile.listSize)) patients (not targeted at one group)")
        } else if let (id, n) = known.max(by: { ($0.1, $1.0) < ($1.1, $0.0) }) {
            sizeFactor = Double(n) / (Double(n) + k)
            if taxonomy.entry(id)?.sizedFrom?.basis == .register {
                why.append("\(groupedThousands(n)) patients on your \(name(id)) register")
            } else {
                why.append("\(groupedThousands(n)) \(name(id)) on your list")
            }
        } else {
            sizeFactor = 0.3
            let ids = match.groupIds.map(name).joined(separator: ", ")
            why.append(ids.isEmpty ? "no patient group named" : "your profile has no count for \(ids)")
        }

        // Services.
        let serviceFactor: Double
        if offered.isEmpty {
            serviceFactor = 0.7
        } else {
            let yes = offered.filter(\.offered), no = offered.filter { !$0.offered }
            serviceFactor = max(0.3, Double(yes.count) / Double(offered.count))
            if !yes.isEmpty { why.append("you offer \(yes.map { name($0.id) }.joined(separator: ", "))") }
            if !no.isEmpty {
                why.append("you do not offer \(no.map { name($0.id) }.joined(separator: ", ")): do not promote it")
            }
        }

        // Season.
        var season = 1.0
        let seasonal: Set<String> = ["flu-vaccination", "covid-vaccination"]
        if !match.serviceIds.isEmpty, match.serviceIds.allSatisfy(seasonal.contains) {
            let m = match.start.civilDate.month
            if !(m >= 9 || m == 1) {
                season = 0.5
                why.append("outside the September to January vaccination season")
            }
        }

        // Action: a day that asks people to use a national screening or immunisation programme
        // the practice offers counts fully; another service it offers, or a review it runs for
        // one of its registers, counts 0.92; a day that asks for no action the practice offers
        // (awareness only) counts 0.75, so it ranks below the days that do (issue 10, item 2).
        let action = AudiencePolicy.action(
            services: match.serviceIds, groups: match.groupIds, offered: profile.offers,
            recordedGroups: Set(profile.registers.map(\.id) + profile.cohorts.map(\.id)),
            serviceMainGroups: taxonomy.services.map { (service: $0.id, groups: $0.mainGroups) })
        let actionFactor: Double
        if let action {
            actionFactor = Self.nationalProgrammes.contains(action) ? 1 : 0.92
            if Self.nationalProgrammes.contains(action) { why.append("a national programme you deliver") }
        } else {
            actionFactor = 0.75
            why.append("asks for no action your practice offers (awareness only)")
        }
        let r = match.score * (sizeWeight * sizeFactor + serviceWeight * serviceFactor) * season * actionFactor
        return Relevance(
            relevance: (r * 1000).rounded() / 1000, groupSizes: sizes, servicesOffered: offered,
            why: ["\(match.title): " + why.joined(separator: "; ")])
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
