import Foundation
import PlannerCore
import Yams

/// The outcome of reading a practice profile: the profile when there is no error, and every
/// problem found (errors and warnings), sorted by position.
public struct ProfileValidation: Sendable {
    /// The validated profile; nil when any error was found.
    public var profile: PracticeProfile?
    /// Every diagnostic, in `Diagnostic.reportOrder`.
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }

    /// All diagnostics rendered, separated by blank lines (no trailing newline).
    public var report: String { diagnostics.map(\.description).joined(separator: "\n\n") }
}

/// Reads and validates practice profiles (YAML; the format is described in docs/profile.md).
public enum ProfileLoader {
    /// Time-zone names the running system knows (Foundation's zone database). Callers that
    /// ship their own zone data pass their own checker to `validate`.
    /// The default zone is always accepted, so a machine without zone data can still read UK profiles.
    public static let systemZoneCheck: @Sendable (String) -> Bool = {
        $0 == ProfileDefaults.timeZone || TimeZone(identifier: $0) != nil
    }

    /// Reads the profile at `url`. `displayPath` is the path printed in diagnostics
    /// (default: the path as given). Register, cohort and service ids are those `taxonomy`
    /// declares (the bundled one plus any `--taxonomy` files).
    public static func load(
        contentsOf url: URL, displayPath: String? = nil, taxonomy: Taxonomy = .bundled,
        isKnownZone: (String) -> Bool = systemZoneCheck
    ) -> ProfileValidation {
        let shown = displayPath ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            let d: Diagnostic
            if exists && isFolder.boolValue {
                d = Diagnostic(
                    .error, SourceLocation(path: shown), "This is a folder, not a profile file.",
                    hint: "Name the profile's .yaml file, e.g. --profile Profiles/urban-young.yaml, or plan every "
                        + "profile in the folder with --profiles.")
            } else {
                d = Diagnostic(
                    .error, SourceLocation(path: shown),
                    exists ? "The profile could not be read." : "There is no profile file at this path.",
                    hint: exists
                        ? "Check the file's permissions." : "Check the path, e.g. --profile Profiles/urban-young.yaml.")
            }
            return ProfileValidation(profile: nil, diagnostics: [d])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let d = Diagnostic(
                .error, SourceLocation(path: shown), "The profile is not UTF-8 text.",
                hint: "Save the file as UTF-8 (plain text) and try again.")
            return ProfileValidation(profile: nil, diagnostics: [d])
        }
        return validate(yaml: text, path: shown, taxonomy: taxonomy, isKnownZone: isKnownZone)
    }

    /// Parses and validates profile text. `path` is used in diagnostics only.
    public static func validate(
        yaml: String, path: String, taxonomy: Taxonomy = .bundled, isKnownZone: (String) -> Bool
    ) -> ProfileValidation {
        let reader = ProfileReader(path: path, text: yaml)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml, .basic)
        } catch {
            reader.add(yamlDiagnostic(error, reader: reader))
            return finish(reader, nil)
        }
        guard let root, !reader.isNull(root) else {
            reader.add(
                Diagnostic(
                    .error, SourceLocation(path: path), "The profile is empty.",
                    hint: "Start from Profiles/urban-young.yaml and see docs/profile.md."))
            return finish(reader, nil)
        }
        let profile = withoutActuallyEscaping(isKnownZone) { zoneCheck in
            ProfileBuilder(reader: reader, ids: ProfileIds(taxonomy), isKnownZone: zoneCheck).build(root)
        }
        return finish(reader, profile)
    }

    private static func finish(_ reader: ProfileReader, _ profile: PracticeProfile?) -> ProfileValidation {
        let sorted = reader.diagnostics.sorted(by: Diagnostic.reportOrder)
        return ProfileValidation(profile: reader.hasErrors ? nil : profile, diagnostics: sorted)
    }

    /// Turns a Yams parse error into a diagnostic at its mark.
    private static func yamlDiagnostic(_ error: any Error, reader: ProfileReader) -> Diagnostic {
        func at(_ mark: Mark, _ message: String, _ hint: String) -> Diagnostic {
            let loc = SourceLocation(path: reader.path, line: mark.line, column: mark.column)
            return Diagnostic(.error, loc, message, sourceLine: reader.sourceLine(mark.line), hint: hint)
        }
        let layoutHint =
            "Check the indentation (spaces, not tabs) and that each \"key: value\" pair is on its own line."
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let tab = reader.sourceLine(mark.line)?.contains("\t") == true
            return at(
                mark, "The file is not valid YAML: \(problem).",
                tab ? "YAML does not allow tabs for indentation; use spaces." : layoutHint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return at(
                context.mark, "The key \(names) appears more than once in the same section.",
                "Keep one of them and delete the other.")
        default:
            return Diagnostic(
                .error, SourceLocation(path: reader.path), "The file is not valid YAML: \(error).",
                hint: layoutHint)
        }
    }
}

/// The top-level keys of a profile, in documentation order.
enum ProfileKeys {
    static let top = [
        "name", "odsCode", "nation", "timeZone", "listSize", "list", "registers", "cohorts", "services", "channels",
        "staff", "quietDates", "planning", "decisionsFile", "team", "digest", "templates", "uptake", "phone",
        "smsGateway",
    ]
}

/// The register, cohort and service ids a profile may use: those the loaded taxonomy
/// declares, each group with the rule it is sized by. All lists are in taxonomy order.
struct ProfileIds {
    /// Groups sized from a register count: the profile's `registers` keys.
    let registers: [String]
    /// Profile `cohorts` keys and the group each sizes.
    let cohorts: [(key: String, group: String)]
    let services: [String]
    let taxonomy: Taxonomy

    init(_ taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
        registers = taxonomy.groups.filter { $0.sizedFrom?.basis == .register }.map(\.id)
        var cohorts: [(key: String, group: String)] = []
        for g in taxonomy.groups {
            guard let rule = g.sizedFrom, rule.basis == .cohort, let key = rule.cohort else { continue }
            if !cohorts.contains(where: { $0.key == key }) { cohorts.append((key, g.id)) }
        }
        self.cohorts = cohorts
        services = taxonomy.serviceIds
    }

    /// How group `id` is sized, when the taxonomy says.
    func sizing(_ id: String) -> GroupSizing? { taxonomy.groups.first { $0.id == id }?.sizedFrom }

    func isGroup(_ id: String) -> Bool { taxonomy.groups.contains { $0.id == id } }
}

/// Builds a `PracticeProfile` from the YAML tree, reporting every problem to the reader.
struct ProfileBuilder {
    let reader: ProfileReader
    let ids: ProfileIds
    let isKnownZone: (String) -> Bool

    func build(_ root: Node) -> PracticeProfile? {
        guard let fields = reader.mapping(root, "profile", known: ProfileKeys.top) else { return nil }
        func field(_ name: String) -> ProfileReader.Field? { fields.first { $0.name == name } }

        var name: String?
        if let f = field("name") {
            name = reader.text(f.value, "name")
        } else {
            reader.add(
                Diagnostic(
                    .error, SourceLocation(path: reader.path), "The profile has no \"name\".",
                    hint: "Add the practice's name as the first line, e.g. name: Example Medical Practice"))
        }
        let odsCode = field("odsCode").flatMap { readODS($0.value) }
        let nation: Nation =
            field("nation").flatMap {
                reader.choice(
                    $0.value, "nation", Nation.allCases.map { ($0.rawValue, $0) }, what: "a UK nation the planner knows"
                )
            } ?? .england
        var timeZone = ProfileDefaults.timeZone
        if let f = field("timeZone"), let zone = readZone(f.value) { timeZone = zone }

        let listSizeField = field("listSize")
        var listSize = listSizeField.flatMap {
            reader.count($0.value, "listSize", max: ProfileLimits.listSize, limitHint: Hints.list)
        }
        var list: PatientList?
        if let f = field("list") {
            list = readList(f.value)
            if list?.total == 0 {
                // One error for an empty list; registers are not each compared with 0 patients.
                reader.error(
                    at: f.key, "The list has no patients: every age band is 0.",
                    hint: "Write the patients in each age band, from NHS Digital's list-size extract.")
                list = nil
                listSize = nil
            } else if let total = list?.total, total > ProfileLimits.listSize {
                reader.error(
                    at: f.key,
                    "The list's age bands add up to \(groupedThousands(total)) patients, but the planner accepts at most "
                        + "\(groupedThousands(ProfileLimits.listSize)).",
                    hint: Hints.list)
            }
        } else {
            reader.add(
                Diagnostic(
                    .error, SourceLocation(path: reader.path),
                    "The profile has no \"list\" (patients by sex and age band).",
                    hint: "Add a list section with male and female counts for each age band; see docs/profile.md."))
        }
        if listSize == 0, let f = listSizeField {
            reader.error(
                at: f.value, "listSize is 0, but a practice list has at least one patient.",
                hint: "Write the number of registered patients, or leave listSize out to use the sum of the bands.")
            listSize = nil
        }
        if let list, let listSize, let f = listSizeField, list.total != listSize {
            let male = list.male.reduce(0, +)
            let female = list.female.reduce(0, +)
            reader.error(
                at: f.value,
                "listSize is \(groupedThousands(listSize)), but the age bands add up to \(groupedThousands(list.total)) "
                    + "(\(groupedThousands(male)) male, \(groupedThousands(female)) female).",
                hint:
                    "Correct listSize or the band counts; both should come from the same NHS Digital list-size extract."
            )
        }
        let patients = listSize ?? list?.total

        let registers = field("registers").map { readRegisters($0.value, listTotal: patients, list: list) } ?? []
        let cohorts = field("cohorts").map { readCohorts($0.value, listTotal: patients, list: list) } ?? []
        let services = field("services").map { readServices($0.value) } ?? []
        let channelsField = field("channels")
        let (channels, broken) = channelsField.map { readChannels($0.value) } ?? (Channels(), [])
        warnAboutBudgets(channels, channelsField, except: broken)
        let staff = field("staff").map { readStaff($0.value) } ?? Staff()
        let quiet = field("quietDates").map { readQuietDates($0.value) } ?? []
        let planning = field("planning").map { readPlanning($0.value) } ?? PlanningSettings()
        let decisions = field("decisionsFile").flatMap { reader.text($0.value, "decisionsFile") }
        var uptake: [String: Double] = [:]
        if let f = field("uptake"), let entries = reader.mapping(f.value, "uptake", known: ids.services) {
            for e in entries { if let share = reader.share(e.value, "uptake.\(e.name)") { uptake[e.name] = share } }
        }

        let team = field("team").map { readTeam($0.value) } ?? []
        let digest = field("digest").flatMap { readDigest($0.value) }
        let templates = field("templates").flatMap { reader.text($0.value, "templates") }
        let phone = field("phone").flatMap { readPhone($0.value) }
        let gateway =
            field("smsGateway").flatMap {
                reader.choice(
                    $0.value, "smsGateway", SMSGateway.allCases.map { ($0.rawValue, $0) },
                    what: "a way of counting texts (notify or raw)")
            } ?? .notify

        guard let name, let list else { return nil }
        var profile = PracticeProfile(
            name: name, odsCode: odsCode, nation: nation, timeZone: timeZone, listSize: list.total, list: list,
            registers: registers, cohorts: cohorts, services: services, channels: channels, staff: staff,
            quietDates: quiet, planning: planning, decisionsFile: decisions, uptake: uptake)
        profile.team = team
        profile.digest = digest
        profile.phone = phone
        profile.templates = templates
        profile.smsGateway = gateway
        return profile
    }

    /// The practice's phone number as patients dial it: a UK number of 10 or 11 digits starting
    /// with 0, written with spaces as the practice likes ("01632 960123").
    private func readPhone(_ node: Node) -> String? {
        guard let text = reader.text(node, "phone") else { return nil }
        let digits = text.filter { $0 != " " }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.hasPrefix("0"), (10...11).contains(digits.count)
        else {
            reader.error(
                at: node, "phone \"\(text)\" is not a UK phone number.",
                hint: "Write the number patients call, with its area code and spaces only, e.g. \"01632 960123\".")
            return nil
        }
        return text
    }

    // MARK: Identity

    private func readODS(_ node: Node) -> String? {
        guard let raw = reader.text(node, "odsCode") else { return nil }
        let code = raw.uppercased()
        let chars = Array(code)
        let ok =
            chars.count == 6 && chars[0].isASCII && chars[0].isLetter
            && chars.dropFirst().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard ok else {
            reader.error(
                at: node, "\"\(raw)\" is not a GP practice ODS code.",
                hint: "A practice code is one letter followed by five letters or digits, e.g. \"Y01234\".")
            return nil
        }
        return code
    }

    private func readZone(_ node: Node) -> String? {
        guard let zone = reader.text(node, "timeZone") else { return nil }
        guard isKnownZone(zone) else {
            let hint =
                closestMatch(to: zone, in: [ProfileDefaults.timeZone]).map { "Did you mean \"\($0)\"?" }
                ?? "Use an IANA time zone name; UK practices use \"\(ProfileDefaults.timeZone)\"."
            reader.error(at: node, "\"\(zone)\" is not a time zone name this system knows.", hint: hint)
            return nil
        }
        return zone
    }

    // MARK: List

    private func readList(_ node: Node) -> PatientList? {
        guard let fields = reader.mapping(node, "list", known: Sex.allCases.map(\.rawValue)) else { return nil }
        var bands: [Sex: [Int]] = [:]
        var complete = true
        for sex in Sex.allCases {
            guard let f = fields.first(where: { $0.name == sex.rawValue }) else {
                reader.error(
                    at: node, "The list has no \"\(sex.rawValue)\" section.",
                    hint: "Add \(sex.rawValue): with a count for each age band 0-4 to 90+.")
                complete = false
                continue
            }
            if let counts = readBands(f, sex) { bands[sex] = counts } else { complete = false }
        }
        guard complete, let male = bands[.male], let female = bands[.female] else { return nil }
        return PatientList(male: male, female: female)
    }

    private func readBands(_ f: ProfileReader.Field, _ sex: Sex) -> [Int]? {
        let section = "list.\(sex.rawValue)"
        guard let fields = reader.mapping(f.value, section, known: nil) else { return nil }
        var counts: [Int?] = Array(repeating: nil, count: AgeBand.count)
        var ok = true
        for g in fields {
            guard let band = AgeBand(label: g.name) else {
                reader.error(
                    at: g.key, "\"\(g.name)\" is not an age band.",
                    hint: "The bands are 0-4, 5-9, 10-14, ... 80-84, 85-89 and 90+, as NHS Digital publishes them.")
                ok = false
                continue
            }
            if let n = reader.count(g.value, "\(section).\(g.name)", max: ProfileLimits.band, limitHint: Hints.band) { counts[band.index] = n } else { ok = false }
        }
        let written = Set(fields.compactMap { AgeBand(label: $0.name) })
        let absent = AgeBand.all.filter { !written.contains($0) }
        if !absent.isEmpty {
            let names = absent.map { "\"\($0.label)\"" }.joined(separator: ", ")
            let what =
                absent.count == AgeBand.count
                ? "age bands" : "\(absent.count == 1 ? "band" : "bands") \(names)"
            reader.error(
                at: f.key, "The \(sex.rawValue) list has no \(what).",
                hint: "Add every band from 0-4 to 90+; write 0 where nobody is in a band.")
            ok = false
        }
        return ok ? counts.map { $0 ?? 0 } : nil
    }

    // MARK: Registers and cohorts

    private func readRegisters(_ node: Node, listTotal: Int?, list: PatientList?) -> [GroupCount] {
        guard let fields = reader.mapping(node, "registers", known: nil) else { return [] }
        var out: [GroupCount] = []
        for f in fields {
            let id = f.name
            guard ids.registers.contains(id) else {
                unknownRegister(f)
                continue
            }
            if let c = readGroupCount(
                f, id: id, field: "registers.\(id)", what: "register", listTotal: listTotal, list: list)
            {
                out.append(c)
            }
        }
        return out
    }

    private func unknownRegister(_ f: ProfileReader.Field) {
        let id = f.name
        let basis = ids.sizing(id)?.basis
        if let cohort = ids.cohorts.first(where: { $0.group == id || $0.key == id }) {
            reader.error(
                at: f.key, "\"\(id)\" is a coded cohort, not a QOF register.",
                hint: "Move it under cohorts as \(cohort.key).")
        } else if basis == .listSize || basis == .ageBand || basis == .sexAge {
            reader.error(
                at: f.key, "\"\(id)\" is an age group, not a QOF register.",
                hint: "Age groups are sized from the list; remove this line.")
        } else {
            let hint =
                closestMatch(to: id, in: ids.registers).map { "Did you mean \"\($0)\"?" }
                ?? "Register ids are listed in docs/profile.md, e.g. diabetes, hypertension, asthma, copd."
            reader.error(at: f.key, "\"\(id)\" is not a register id the planner knows.", hint: hint)
        }
    }

    private func readCohorts(_ node: Node, listTotal: Int?, list: PatientList?) -> [GroupCount] {
        guard let fields = reader.mapping(node, "cohorts", known: ids.cohorts.map(\.key)) else { return [] }
        var out: [GroupCount] = []
        for f in fields {
            guard let id = ids.cohorts.first(where: { $0.key == f.name })?.group else { continue }
            if let c = readGroupCount(
                f, id: id, field: "cohorts.\(f.name)", what: "cohort", listTotal: listTotal, list: list)
            {
                out.append(c)
            }
        }
        return out
    }

    /// A count written as `N` or `{count: N, share75Plus: S}`.
    private func readGroupCount(
        _ f: ProfileReader.Field, id: String, field: String, what: String, listTotal: Int?, list: PatientList?
    ) -> GroupCount? {
        var countNode = f.value
        var countField = field
        var share: Double?
        var shareNode: Node?
        if case .mapping = f.value {
            guard let sub = reader.mapping(f.value, field, known: ["count", "share75Plus"]) else { return nil }
            guard let c = sub.first(where: { $0.name == "count" }) else {
                reader.error(
                    at: f.key, "\(field) has no \"count\".",
                    hint: "Write the number of patients on the \(what) as count: N.")
                return nil
            }
            countNode = c.value
            countField = "\(field).count"
            if let s = sub.first(where: { $0.name == "share75Plus" }) {
                shareNode = s.value
                share = reader.share(s.value, "\(field).share75Plus")
                if share == nil { return nil }
            }
        }
        guard let n = reader.count(countNode, countField, max: ProfileLimits.listSize, limitHint: Hints.list) else {
            return nil
        }
        if let listTotal, n > listTotal {
            reader.error(
                at: countNode,
                "The \"\(id)\" \(what) has \(groupedThousands(n)) patients, more than the whole list "
                    + "(\(groupedThousands(listTotal))).",
                hint: "Check the count; a \(what) cannot be larger than the practice's list.")
            return nil
        }
        let rule = ids.sizing(id)
        if let list, let rule {
            let eligible = Int(list.population(minAge: rule.youngest, maxAge: rule.maxAge).reduce(0, +).rounded(.down))
            let ages = rule.maxAge.map { "aged \(rule.youngest) to \($0)" } ?? "aged \(rule.youngest) and over"
            if n > eligible, rule.youngest > 0 || rule.maxAge != nil {
                reader.warning(
                    at: countNode,
                    "The \"\(id)\" \(what) has \(groupedThousands(n)) patients, more than the "
                        + "\(groupedThousands(eligible)) patients \(ages) on the list.",
                    hint:
                        "Check the count; the planner spreads this \(what) over patients \(ages) (see docs/profile.md)."
                )
            }
        }
        if let share, share > 0, let maxAge = rule?.maxAge, maxAge < 75 {
            reader.error(
                at: shareNode,
                "\(field).share75Plus is \(formatNumber(share)), but the planner counts this \(what) only "
                    + "up to age \(maxAge).",
                hint: "Remove share75Plus or set it to 0.")
            return nil
        }
        return GroupCount(id: id, count: n, share75Plus: share)
    }

    // MARK: Services

    private func readServices(_ node: Node) -> [OfferedService] {
        guard let items = reader.sequence(node, "services", example: "- flu-vaccination") else { return [] }
        var out: [OfferedService] = []
        var seen: Set<String> = []
        for (i, item) in items.enumerated() {
            let field = "services[\(i + 1)]"
            var idNode = item
            var capacity: Int?
            var route: BookingRoute?
            var ok = true
            if case .mapping = item {
                guard let sub = reader.mapping(item, field, known: ["id", "weeklyCapacity", "bookingRoute"]) else {
                    continue
                }
                guard let idField = sub.first(where: { $0.name == "id" }) else {
                    reader.error(
                        at: item, "\(field) has no \"id\".", hint: "Name the service, e.g. id: flu-vaccination.")
                    continue
                }
                idNode = idField.value
                if let c = sub.first(where: { $0.name == "weeklyCapacity" }) {
                    capacity = reader.count(
                        c.value, "\(field).weeklyCapacity", max: ProfileLimits.weeklyCapacity, limitHint: Hints.capacity)
                    ok = ok && capacity != nil
                }
                if let r = sub.first(where: { $0.name == "bookingRoute" }) {
                    route = reader.choice(
                        r.value, "\(field).bookingRoute",
                        BookingRoute.allCases.map { ($0.rawValue, $0) }, what: "a booking route the planner knows")
                    ok = ok && route != nil
                }
            }
            guard let id = reader.text(idNode, "\(field).id") else { continue }
            guard ids.services.contains(id) else {
                let hint: String
                if let near = closestMatch(to: id, in: ids.services) {
                    hint = "Did you mean \"\(near)\"?"
                } else if ids.isGroup(id) {
                    hint =
                        "\"\(id)\" is a patient group; services are things the practice offers, such as "
                        + "\"diabetes-review\". Service ids are listed in docs/profile.md."
                } else {
                    hint = "Service ids are listed in docs/profile.md, e.g. flu-vaccination, cervical-screening."
                }
                reader.error(at: idNode, "\"\(id)\" is not a service id the planner knows.", hint: hint)
                continue
            }
            guard seen.insert(id).inserted else {
                reader.error(at: idNode, "The service \"\(id)\" is listed more than once.", hint: "Keep one entry.")
                continue
            }
            if ok { out.append(OfferedService(id: id, weeklyCapacity: capacity, bookingRoute: route)) }
        }
        return out
    }

    // MARK: Channels

    /// The channels, and the names of those ("sms", "letters") whose section has an error.
    private func readChannels(_ node: Node) -> (Channels, broken: Set<String>) {
        guard let fields = reader.mapping(node, "channels", known: ["sms", "letters", "website", "social"]) else {
            return (Channels(), ["sms", "letters"])
        }
        var channels = Channels()
        var broken: Set<String> = []
        for f in fields {
            let errorsBefore = reader.errorCount
            defer { if reader.errorCount > errorsBefore { broken.insert(f.name) } }
            switch f.name {
            case "sms": channels.sms = readSMS(f.value)
            case "letters": channels.letters = readLetters(f.value)
            case "website":
                guard let sub = reader.mapping(f.value, "channels.website", known: ["monthlyVisits"]) else { break }
                var site = WebsiteChannel()
                if let v = sub.first(where: { $0.name == "monthlyVisits" }) {
                    site.monthlyVisits = reader.count(
                        v.value, "channels.website.monthlyVisits", max: ProfileLimits.monthlyVisits,
                        limitHint: Hints.visits)
                }
                channels.website = site
            case "social":
                // A list of accounts, or a section with the accounts and the weekend moderator.
                if case .mapping = f.value {
                    guard
                        let sub = reader.mapping(f.value, "channels.social", known: ["accounts", "weekendModerator"])
                    else { break }
                    for g in sub {
                        switch g.name {
                        case "accounts": channels.social = readSocial(g.value, field: "channels.social.accounts")
                        case "weekendModerator":
                            channels.socialWeekendModerator = reader.text(g.value, "channels.social.weekendModerator")
                        default: break
                        }
                    }
                } else {
                    channels.social = readSocial(f.value)
                }
            default: break
            }
        }
        var sorted = Channels(
            sms: channels.sms, letters: channels.letters, website: channels.website, social: channels.social)
        sorted.socialWeekendModerator = channels.socialWeekendModerator
        return (sorted, broken)
    }

    private func readSMS(_ node: Node) -> SMSChannel? {
        let section = "channels.sms"
        guard
            let fields = reader.mapping(
                node, section,
                known: ["pricePerFragmentPence", "senderName", "quarterlyBudget", "mobileCoverage"])
        else { return nil }
        var sms = SMSChannel()
        for f in fields {
            let field = "\(section).\(f.name)"
            switch f.name {
            case "pricePerFragmentPence":
                if let p = reader.pence(f.value, field) { sms.pricePerFragmentPence = p }
            case "senderName": sms.senderName = readSender(f.value, field)
            case "quarterlyBudget": sms.quarterlyBudget = reader.budget(f.value, field)
            case "mobileCoverage":
                if let s = reader.share(f.value, field) { sms.mobileCoverage = s }
            default: break
            }
        }
        return sms
    }

    /// An alphanumeric SMS sender id: at most 11 letters, digits or spaces, with at least one letter.
    private func readSender(_ node: Node, _ field: String) -> String? {
        guard let name = reader.text(node, field) else { return nil }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }
        if !allowed {
            let cleaned = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }.prefix(11))
            reader.error(
                at: node, "\(field) \"\(name)\" may contain only letters, digits and spaces.",
                hint: "Phones show alphanumeric sender names only; try \"\(cleaned)\".")
            return nil
        }
        if name.count > 11 {
            let squeezed = String(name.filter { $0 != " " }.prefix(11))
            reader.error(
                at: node,
                "\(field) \"\(name)\" is \(name.count) characters long, but a sender name can have at most 11.",
                hint: "Shorten it, e.g. \"\(squeezed)\".")
            return nil
        }
        if !name.contains(where: \.isLetter) {
            reader.error(
                at: node, "\(field) \"\(name)\" has no letter.",
                hint: "An alphanumeric sender name needs at least one letter, e.g. \"OakSurgery\".")
            return nil
        }
        return name
    }

    private func readLetters(_ node: Node) -> LetterChannel? {
        let section = "channels.letters"
        guard let fields = reader.mapping(node, section, known: ["pricePence", "quarterlyBudget"]) else { return nil }
        var letters = LetterChannel()
        for f in fields {
            let field = "\(section).\(f.name)"
            switch f.name {
            case "pricePence": if let p = reader.pence(f.value, field) { letters.pricePence = p }
            case "quarterlyBudget": letters.quarterlyBudget = reader.budget(f.value, field)
            default: break
            }
        }
        return letters
    }

    private func readSocial(_ node: Node, field section: String = "channels.social") -> [SocialAccount] {
        guard
            let items = reader.sequence(
                node, section,
                example: "- {platform: facebook, followers: 2400}")
        else { return [] }
        var out: [SocialAccount] = []
        var seen: Set<SocialPlatform> = []
        for (i, item) in items.enumerated() {
            let field = "\(section)[\(i + 1)]"
            guard let sub = reader.mapping(item, field, known: ["platform", "followers"]) else { continue }
            guard let p = sub.first(where: { $0.name == "platform" }) else {
                reader.error(
                    at: item, "\(field) has no \"platform\".", hint: "Name the platform, e.g. platform: facebook.")
                continue
            }
            let platform = reader.choice(
                p.value, "\(field).platform", SocialPlatform.allCases.map { ($0.rawValue, $0) },
                what: "a social media platform the planner knows",
                extraHint: ["twitter": "Twitter is now X: write \"x\"."])
            var followers: Int?
            if let f = sub.first(where: { $0.name == "followers" }) {
                followers = reader.count(
                    f.value, "\(field).followers", max: ProfileLimits.followers, limitHint: Hints.followers)
            } else {
                reader.error(
                    at: item, "\(field) has no \"followers\".",
                    hint: "Write the account's follower count, e.g. followers: 2400.")
            }
            guard let platform, let followers else { continue }
            guard seen.insert(platform).inserted else {
                reader.error(
                    at: p.value, "The \(platform.rawValue) account is listed more than once.",
                    hint: "Keep one entry per platform.")
                continue
            }
            out.append(SocialAccount(platform: platform, followers: followers))
        }
        return out
    }

    /// Warns about channels without a budget. A channel in `broken` is skipped: a budget written
    /// wrongly (negative, "£150", .nan, a misspelt key) is already an error, and a warning that no
    /// budget is set would only mislead.
    private func warnAboutBudgets(_ channels: Channels, _ field: ProfileReader.Field?, except broken: Set<String>) {
        let at = field?.key
        if !broken.contains("sms"), channels.sms == nil {
            reader.warning(
                at: at, "The profile has no SMS channel, so the planner will send no text messages.",
                hint: "Add channels.sms with a quarterlyBudget in pounds to use text messages.")
        } else if !broken.contains("sms"), channels.sms?.quarterlyBudget == nil {
            reader.warning(
                at: at, "No quarterly SMS budget is set, so the planner will send no text messages.",
                hint: "Add channels.sms.quarterlyBudget in pounds, e.g. quarterlyBudget: 300.")
        }
        if !broken.contains("letters"), channels.letters != nil, channels.letters?.quarterlyBudget == nil {
            reader.warning(
                at: at, "No quarterly letter budget is set, so the planner will send no letters.",
                hint: "Add channels.letters.quarterlyBudget in pounds, e.g. quarterlyBudget: 200.")
        }
    }

    // MARK: Staff, quiet dates, planning

    private func readStaff(_ node: Node) -> Staff {
        guard let fields = reader.mapping(node, "staff", known: ["commsHoursPerWeek", "clinicianHoursPerWeek"]) else {
            return Staff()
        }
        var staff = Staff()
        // Hours a week, more than 0: with none, nothing could be planned.
        func hours(_ name: String, zero: String, example: String) -> Double? {
            guard let f = fields.first(where: { $0.name == name }),
                let h = reader.amount(
                    f.value, "staff.\(name)", unit: "hours", max: ProfileLimits.commsHoursPerWeek,
                    maxText: "\(formatNumber(ProfileLimits.commsHoursPerWeek)) hours a week", limitHint: Hints.hours)
            else { return nil }
            guard h > 0 else {
                reader.error(at: f.value, "staff.\(name) is 0, so no campaign can be planned: \(zero)", hint: example)
                return nil
            }
            return h
        }
        if let h = hours(
            "commsHoursPerWeek", zero: "every text, letter and post needs staff time.",
            example: "Write the hours a week your team has for patient communication, e.g. 3.")
        {
            staff.commsHoursPerWeek = h
        }
        if let h = hours(
            "clinicianHoursPerWeek", zero: "every campaign needs a clinical sign-off.",
            example: "Write the hours a week a clinician has for signing off campaigns, e.g. 1.")
        {
            staff.clinicianHoursPerWeek = h
        }
        return staff
    }

    private func readQuietDates(_ node: Node) -> [QuietPeriod] {
        guard let items = reader.sequence(node, "quietDates", example: "- 2027-01-04") else { return [] }
        var out: [QuietPeriod] = []
        for (i, item) in items.enumerated() {
            let field = "quietDates[\(i + 1)]"
            guard case .mapping = item else {
                if let d = quietDate(item, field) { out.append(QuietPeriod(from: d)) }
                continue
            }
            guard let sub = reader.mapping(item, field, known: ["from", "to", "reason"]) else { continue }
            guard let fromField = sub.first(where: { $0.name == "from" }) else {
                reader.error(
                    at: item, "\(field) has no \"from\" date.",
                    hint: "Write the first quiet day as from: YYYY-MM-DD.")
                continue
            }
            let from = quietDate(fromField.value, "\(field).from")
            let toField = sub.first(where: { $0.name == "to" })
            let to = toField.map { quietDate($0.value, "\(field).to") } ?? from
            let reason = sub.first(where: { $0.name == "reason" }).flatMap { reader.text($0.value, "\(field).reason") }
            guard let from, let to else { continue }
            if to < from, let toField {
                reader.error(
                    at: toField.value, "\(field) ends on \(to.iso), before it starts on \(from.iso).",
                    hint: "Swap the dates; \"to\" is the last quiet day.")
                continue
            }
            out.append(QuietPeriod(from: from, to: to, reason: reason))
        }
        return out
    }

    /// A quiet date, in the years `ProfileLimits.quietDateYears`.
    private func quietDate(_ node: Node, _ field: String) -> CivilDate? {
        guard let d = reader.date(node, field) else { return nil }
        let years = ProfileLimits.quietDateYears
        guard years.contains(d.year) else {
            reader.error(
                at: node, "\(field) is \(d.iso), but quiet dates must fall in the years \(years.lowerBound) to \(years.upperBound).",
                hint: "Check the year; write dates as YYYY-MM-DD, e.g. 2027-01-04.")
            return nil
        }
        return d
    }

    private func readPlanning(_ node: Node) -> PlanningSettings {
        let known = [
            "campaignsPerWeek", "minDaysBetweenContacts", "workingHours", "smsFragments", "olderShareForDirectContact",
            "letterLeadDays", "effortHours", "reach", "maxDirectContactsPerQuarter",
        ]
        guard let fields = reader.mapping(node, "planning", known: known) else { return PlanningSettings() }
        var p = PlanningSettings()
        for f in fields {
            let field = "planning.\(f.name)"
            switch f.name {
            case "campaignsPerWeek":
                if let n = reader.count(f.value, field, max: ProfileLimits.campaignsPerWeek, limitHint: Hints.campaigns) {
                    if n < 1 {
                        reader.error(
                            at: f.value, "\(field) is 0, but the planner needs at least 1 campaign a week.",
                            hint: "Write 1 or more.")
                    } else {
                        p.campaignsPerWeek = n
                    }
                }
            case "minDaysBetweenContacts":
                if let n = reader.count(f.value, field, max: ProfileLimits.minDaysBetweenContacts, limitHint: Hints.gap) {
                    p.minDaysBetweenContacts = n
                }
            case "maxDirectContactsPerQuarter":
                if let n = reader.count(
                    f.value, field, max: ProfileLimits.maxDirectContactsPerQuarter, limitHint: Hints.perPerson)
                {
                    if n < 1 {
                        reader.error(
                            at: f.value, "\(field) is 0, but then nobody could get a text or letter.",
                            hint: Hints.perPerson)
                    } else {
                        p.maxDirectContactsPerQuarter = n
                    }
                }
            case "letterLeadDays":
                if let n = reader.count(f.value, field, max: ProfileLimits.letterLeadDays, limitHint: Hints.lead) {
                    p.letterLeadDays = n
                }
            case "smsFragments":
                let most = ProfileDefaults.maxSMSFragments
                let wrong = { (n: String) in "\(field) is \(n), but a text message has 1 to \(most) fragments." }
                if let n = reader.count(f.value, field, max: most, limitHint: Hints.fragments, tooMany: wrong) {
                    if n >= 1 {
                        p.smsFragments = n
                    } else {
                        reader.error(at: f.value, wrong("0"), hint: Hints.fragments)
                    }
                }
            case "olderShareForDirectContact":
                if let s = reader.share(f.value, field) { p.olderShareForDirectContact = s }
            case "workingHours":
                if let w = readWorkingHours(f.value) { p.workingHours = w }
            case "effortHours":
                p.effortHours = readEffort(f.value)
            case "reach":
                p.reach = readReach(f.value)
            default: break
            }
        }
        return p
    }

    private func readWorkingHours(_ node: Node) -> WorkingHours? {
        guard let fields = reader.mapping(node, "planning.workingHours", known: ["start", "end"]) else { return nil }
        var hours = WorkingHours()
        var endNode: Node?
        for f in fields {
            guard let t = reader.clockTime(f.value, "planning.workingHours.\(f.name)") else { return nil }
            if f.name == "start" {
                hours.start = t
            } else {
                hours.end = t
                endNode = f.value
            }
        }
        if hours.end <= hours.start {
            reader.error(
                at: endNode ?? node,
                "planning.workingHours ends at \(hours.end), which is not after its start (\(hours.start)).",
                hint: "Write end later than start, e.g. start: \"09:00\" and end: \"17:00\".")
            return nil
        }
        return hours
    }

    private func readEffort(_ node: Node) -> [PlanChannel: Double] {
        let names = PlanChannel.allCases.map(\.rawValue)
        guard let fields = reader.mapping(node, "planning.effortHours", known: names) else { return [:] }
        var out: [PlanChannel: Double] = [:]
        for f in fields {
            if let kind = PlanChannel(rawValue: f.name),
                let h = reader.amount(
                    f.value, "planning.effortHours.\(f.name)", unit: "hours", max: ProfileLimits.effortHoursPerItem,
                    maxText: "\(formatNumber(ProfileLimits.effortHoursPerItem)) hours an item", limitHint: Hints.effort)
            {
                out[kind] = h
            }
        }
        return out
    }

    private func readReach(_ node: Node) -> [PlanChannel: BandValues] {
        let names = PlanChannel.allCases.map(\.rawValue)
        guard let fields = reader.mapping(node, "planning.reach", known: names) else { return [:] }
        var out: [PlanChannel: BandValues] = [:]
        for f in fields {
            guard let kind = PlanChannel(rawValue: f.name) else { continue }
            let section = "planning.reach.\(f.name)"
            guard let bands = reader.mapping(f.value, section, known: nil) else { continue }
            var values = BandValues()
            for b in bands {
                guard let covered = AgeBand.bands(inRange: b.name) else {
                    reader.error(
                        at: b.key, "\"\(b.name)\" is not an age band or a range of whole bands.",
                        hint: "Write a band (\"75-79\"), a range of bands (\"65-74\") or an open range (\"75+\").")
                    continue
                }
                guard let s = reader.share(b.value, "\(section).\(b.name)") else { continue }
                if let clash = covered.first(where: { values[$0] != nil }) {
                    reader.error(
                        at: b.key, "\"\(b.name)\" overlaps another range in \(section) (both cover \(clash.label)).",
                        hint: "Give each age band one value.")
                    continue
                }
                for band in covered { values[band] = s }
            }
            if !values.isEmpty { out[kind] = values }
        }
        return out
    }
}

/// Why each limit is what it is, as hints for messages (docs/profile.md, "Limits").
enum Hints {
    static let list =
        "No GP practice has more than \(groupedThousands(ProfileLimits.listSize)) patients; check for an extra digit."
    static let band =
        "One age band of one sex holds at most \(groupedThousands(ProfileLimits.band)) patients; check for an extra digit."
    static let capacity =
        "A service offers at most \(groupedThousands(ProfileLimits.weeklyCapacity)) places a week; leave weeklyCapacity "
        + "out for no limit."
    static let visits = "Check the figure in your website's analytics; it is visits a month."
    static let followers = "Check the account's follower count; one account has at most \(groupedThousands(ProfileLimits.followers))."
    static let price = "Write the price of one item in pence, e.g. 2.4 for a text fragment or 73 for a letter."
    static let budget = "Write the money for one quarter in pounds, e.g. 900; check for extra zeros."
    static let hours = "Write the staff hours a week for patient communication, e.g. 6."
    static let effort = "Write the staff hours one item takes, e.g. 0.5."
    static let campaigns = "Write how many campaigns a week the practice can run, e.g. 2."
    static let gap = "A quarter has about 91 days; write the fewest days between two texts or letters, e.g. 14."
    static let lead = "Write the working days a letter takes to arrive, e.g. 5."
    static let perPerson = "Write the most texts and letters one person may get in a quarter, e.g. 4."
    static let fragments = "Most practice texts fit in 1 or 2 fragments (160 or 306 characters)."
}

extension ProfileReader {
    /// A price of one item in pence, up to `ProfileLimits.pricePence` (£10).
    func pence(_ node: Node, _ field: String) -> Double? {
        amount(node, field, unit: "pence", max: ProfileLimits.pricePence, maxText: "1,000p (£10)", limitHint: Hints.price)
    }

    /// Money for one quarter in pounds, up to `ProfileLimits.quarterlyBudgetPounds`.
    func budget(_ node: Node, _ field: String) -> Double? {
        amount(
            node, field, unit: "pounds", max: ProfileLimits.quarterlyBudgetPounds,
            maxText: "£\(groupedThousands(Int(ProfileLimits.quarterlyBudgetPounds))) a quarter", limitHint: Hints.budget)
    }
}
