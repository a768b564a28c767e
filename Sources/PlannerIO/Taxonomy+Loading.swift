import Foundation
import PlannerCore
import Yams

/// Every problem found in one or more taxonomy files, sorted by location.
public struct TaxonomyLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Taxonomy {
    /// Reads the bundled taxonomy, then each `extra` file (`--taxonomy FILE`) on top of it:
    /// an entry whose id is already known changes only the fields it sets; a new id is added
    /// to its section. All problems in all files are collected and thrown together.
    public static func load(bundled: URL? = Bundled.taxonomy, extra: [URL] = []) throws(TaxonomyLoadError) -> Taxonomy {
        var diagnostics: [Diagnostic] = []
        var taxonomy = Taxonomy(groups: [], services: [])
        var places: [String: (SourceLocation, String)] = [:]
        var sizingWritten = Set<String>()
        guard let bundled else {
            throw TaxonomyLoadError(diagnostics: [
                Diagnostic(
                    .error, SourceLocation(path: "taxonomy.yaml"), "the bundled taxonomy is missing from the package resources",
                    hint: "rebuild the package; Sources/PlannerIO/Resources/taxonomy.yaml must be copied as a resource")
            ])
        }
        for (index, url) in ([bundled] + extra).enumerated() {
            let path = index == 0 ? "taxonomy.yaml" : url.path
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                diagnostics.append(
                    Diagnostic(.error, SourceLocation(path: path), "cannot read the taxonomy file", hint: "check that the file exists and is UTF-8 text"))
                continue
            }
            let (overlay, problems) = TaxonomyFile.parse(text, path: path)
            diagnostics += problems
            if let overlay { taxonomy = taxonomy.applying(overlay) }
            let located = TaxonomyFile.idLocations(text, path: path)
            places.merge(located.places) { _, new in new }
            sizingWritten.formUnion(located.sizingWritten)
        }
        diagnostics += TaxonomyFile.validate(taxonomy, places: places, sizingWritten: sizingWritten)
        if diagnostics.contains(where: \.isError) { throw TaxonomyLoadError(diagnostics: diagnostics) }
        return taxonomy
    }

    /// The bundled taxonomy, read once per process. Traps if the shipped resource is broken
    /// (a packaging bug, covered by tests), so callers never handle an error they could not cause.
    public static let bundled: Taxonomy = {
        do {
            return try load()
        } catch {
            fatalError("the bundled taxonomy.yaml is invalid:\n\(error)")
        }
    }()
}

/// The taxonomy file format: parsing (with line and column for every problem) and checks.
public enum TaxonomyFile {
    static let topKeys = ["groups", "services", "notForPatients", "nonHealthCategories", "spellings"]
    static let entryKeys = [
        "id", "name", "definition", "sizedFrom", "mainGroups", "phrases", "titlePhrases", "brands", "categories",
        "negative", "onlyAlone",
    ]
    static let sizingKeys = ["basis", "minAge", "maxAge", "sex", "register", "cohort", "rate75Plus"]
    /// The `sizedFrom` keys each basis takes besides `basis`.
    static let sizingKeysByBasis: [GroupSizing.Basis: [String]] = [
        .listSize: [], .ageBand: ["minAge", "maxAge"], .sexAge: ["minAge", "maxAge", "sex"],
        .register: ["register", "minAge", "maxAge", "rate75Plus"], .cohort: ["cohort", "minAge", "maxAge", "rate75Plus"],
    ]
    /// The largest `rate75Plus` accepted: dementia, the most age-bound register, uses 40.
    static let maxRate75Plus = 1000.0

    /// Parses one file into an overlay; problems carry `path:line:col`, the source line and a hint.
    public static func parse(_ text: String, path: String) -> (TaxonomyOverlay?, [Diagnostic]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var problems: [Diagnostic] = []
        func report(_ node: Node?, _ message: String, hint: String? = nil) {
            var loc = SourceLocation(path: path)
            var sourceLine: String?
            if let mark = node?.mark {
                loc = SourceLocation(path: path, line: mark.line, column: mark.column)
                if mark.line >= 1, mark.line <= lines.count { sourceLine = lines[mark.line - 1].replacingOccurrences(of: "\r", with: "") }
            }
            problems.append(Diagnostic(.error, loc, message, sourceLine: sourceLine, hint: hint))
        }

        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(yamlSyntaxDiagnostic(error, path: path, lines: lines))
            return (nil, problems)
        } catch {
            problems.append(Diagnostic(.error, SourceLocation(path: path), "cannot parse the file as YAML: \(error)"))
            return (nil, problems)
        }
        guard let root else { return (TaxonomyOverlay(), []) }
        guard let top = root.mapping else {
            report(root, "the taxonomy must be a mapping with `groups` and `services`", hint: "start the file with `groups:`")
            return (nil, problems)
        }

        var overlay = TaxonomyOverlay()
        var seen: [String: Node] = [:]
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "groups", "services":
                let kind: TaxonomyEntry.Kind = key == "groups" ? .group : .service
                guard let seq = value.sequence else {
                    if value.scalar?.string.isEmpty == false || value.mapping != nil {
                        report(value, "`\(key)` must be a list of entries", hint: "write each entry as `- id: ...`")
                    }
                    continue
                }
                for item in seq {
                    guard let patch = parseEntry(item, kind: kind, report: report) else { continue }
                    if let previous = seen[patch.id] {
                        let line = previous.mark.map { " (first defined on line \($0.line))" } ?? ""
                        report(item.mapping?["id"] ?? item, "duplicate id \"\(patch.id)\"\(line)", hint: "each id may appear once per file")
                        continue
                    }
                    seen[patch.id] = item.mapping?["id"] ?? item
                    overlay.entries.append(patch)
                }
            case "notForPatients":
                overlay.notForPatients = stringList(value, key: key, report: report) ?? []
            case "nonHealthCategories":
                overlay.nonHealthCategories = stringList(value, key: key, report: report) ?? []
            case "spellings":
                guard let map = value.mapping else {
                    report(value, "`spellings` must be a mapping of word: word", hint: "for example `tumor: tumour`")
                    continue
                }
                for (k, v) in map {
                    guard let from = k.string, let to = v.scalar?.string, !to.isEmpty else {
                        report(v, "a spelling must map one word to another", hint: "for example `tumor: tumour`")
                        continue
                    }
                    overlay.spellings[from] = to
                }
            default:
                report(keyNode, "unknown key \"\(key)\"", hint: didYouMean(key, topKeys))
            }
        }
        return (overlay, problems)
    }

    private static func parseEntry(
        _ node: Node, kind: TaxonomyEntry.Kind, report: (Node?, String, String?) -> Void
    ) -> TaxonomyOverlay.Patch? {
        guard let map = node.mapping else {
            report(node, "an entry must be a mapping with at least an `id`", "write `- id: some-id`")
            return nil
        }
        guard let idNode = map["id"] else {
            report(node, "entry without an `id`", "add `id: some-id` (lower-case, hyphenated)")
            return nil
        }
        guard let id = idNode.scalar?.string, isValidId(id) else {
            report(idNode, "invalid id \"\(idNode.scalar?.string ?? "")\"", "ids are lower-case letters, digits and hyphens, e.g. `adults-40-74`")
            return nil
        }
        var patch = TaxonomyOverlay.Patch(id: id, kind: kind)
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "id": break
            case "name": patch.name = scalarString(value, key: key, report: report)
            case "definition": patch.definition = scalarString(value, key: key, report: report)
            case "mainGroups":
                if kind == .group { report(keyNode, "`mainGroups` applies to services only", "remove it from the group") }
                patch.mainGroups = stringList(value, key: key, report: report)
            case "phrases": patch.phrases = stringList(value, key: key, report: report)
            case "titlePhrases": patch.titlePhrases = stringList(value, key: key, report: report)
            case "brands": patch.brands = stringList(value, key: key, report: report)
            case "categories": patch.categories = stringList(value, key: key, report: report)
            case "negative": patch.negative = stringList(value, key: key, report: report)
            case "onlyAlone":
                if let b = value.bool { patch.onlyAlone = b } else { report(value, "`onlyAlone` must be true or false", nil) }
            case "sizedFrom":
                if kind == .service { report(keyNode, "`sizedFrom` applies to groups only", "remove it from the service") }
                patch.sizedFrom = parseSizing(value, report: report)
            default:
                report(keyNode, "unknown key \"\(key)\" in entry \"\(id)\"", didYouMean(key, entryKeys))
            }
        }
        return patch
    }

    private static func parseSizing(_ node: Node, report: (Node?, String, String?) -> Void) -> GroupSizing? {
        guard let map = node.mapping else {
            report(node, "`sizedFrom` must be a mapping", "for example `{basis: ageBand, minAge: 40, maxAge: 74}`")
            return nil
        }
        let bases = GroupSizing.Basis.allCases.map(\.rawValue)
        guard let basisNode = map["basis"], let raw = basisNode.scalar?.string else {
            report(node, "`sizedFrom` needs a `basis`", "one of: \(bases.joined(separator: ", "))")
            return nil
        }
        guard let basis = GroupSizing.Basis(rawValue: raw) else {
            report(basisNode, "unknown basis \"\(raw)\"", didYouMean(raw, bases) ?? "one of: \(bases.joined(separator: ", "))")
            return nil
        }
        var s = GroupSizing(basis: basis)
        let group = basis == .ageBand ? "an ageBand group" : "a \(basis.rawValue) group"
        var written: Set<String> = []
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            written.insert(key)
            switch key {
            case "basis": break
            case "minAge", "maxAge":
                guard let n = value.int, n >= 0, n <= 130 else {
                    report(value, "`\(key)` must be an age in years (0-130)", nil)
                    continue
                }
                if key == "minAge" { s.minAge = n } else { s.maxAge = n }
            case "sex":
                guard let sex = value.scalar.flatMap({ Sex(rawValue: $0.string) }) else {
                    report(value, "`sex` must be male or female", nil)
                    continue
                }
                s.sex = sex
            case "register": s.register = value.scalar?.string
            case "cohort": s.cohort = value.scalar?.string
            case "rate75Plus":
                guard let raw = value.scalar?.string, let r = Double(raw), r.isFinite, r >= 0, r <= maxRate75Plus else {
                    report(
                        value, "`rate75Plus` must be a number from 0 to \(Int(maxRate75Plus))",
                        "for example `rate75Plus: 3` when the condition is three times as common at 75 and over")
                    continue
                }
                s.rate75Plus = r
            default:
                report(keyNode, "unknown key \"\(key)\" in sizedFrom", didYouMean(key, sizingKeys))
                continue
            }
            let allowed = sizingKeysByBasis[basis] ?? []
            if key != "basis", sizingKeys.contains(key), !allowed.contains(key) {
                let keys = allowed.map { "`\($0)`" }.joined(separator: ", ")
                report(
                    keyNode, "`\(key)` does not apply to \(group)",
                    allowed.isEmpty ? "remove it" : "remove it; \(group) takes \(keys)")
            }
        }
        let problemNode: Node = basisNode
        switch basis {
        case .ageBand where s.minAge == nil:
            report(problemNode, "an ageBand needs `minAge`", "for example `{basis: ageBand, minAge: 65}`")
        case .sexAge where s.sex == nil:
            report(problemNode, "a sexAge group needs `sex`", "add `sex: male` or `sex: female`")
        case .register where s.register == nil:
            report(problemNode, "a register group needs `register` (the QOF register code)", "for example `register: DM`")
        case .cohort where s.cohort == nil:
            report(problemNode, "a cohort group needs `cohort`", "for example `cohort: carers`")
        case .register where !written.contains("rate75Plus") && s.reaches75,
            .cohort where !written.contains("rate75Plus") && s.reaches75:
            report(
                problemNode,
                "\(group) needs `rate75Plus`: without it the planner cannot tell how many of the "
                    + "group are aged 75 and over",
                "add how many times more common the group is at 75 and over, e.g. `rate75Plus: 2`, "
                    + "or set `maxAge` below 75")
        default: break
        }
        if let lo = s.minAge, let hi = s.maxAge, lo > hi {
            report(problemNode, "`minAge` \(lo) is above `maxAge` \(hi)", "swap the two ages")
        }
        return s
    }

    /// Whole-taxonomy checks after all files are applied: every group can be sized, every
    /// service's main groups exist, and no id is both a group and a service. `places` gives
    /// the `id:` line that last defined each id, for the diagnostics; a group listed in
    /// `sizingWritten` has a `sizedFrom` that failed to parse (already reported), so its
    /// absence is not reported again.
    public static func validate(
        _ t: Taxonomy, places: [String: (SourceLocation, String)] = [:], sizingWritten: Set<String> = []
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func diag(_ id: String, _ message: String, hint: String) -> Diagnostic {
            let place = places[id]
            return Diagnostic(.error, place?.0 ?? SourceLocation(path: "taxonomy"), message, sourceLine: place?.1, hint: hint)
        }
        let groupIds = Set(t.groupIds)
        for g in t.groups where g.sizedFrom == nil && !sizingWritten.contains(g.id) {
            out.append(
                diag(g.id, "group \"\(g.id)\" has no `sizedFrom`", hint: "say how the group is counted, e.g. `sizedFrom: {basis: register, register: DM}`"))
        }
        for s in t.services {
            for m in s.mainGroups where !groupIds.contains(m) {
                let suggestion = closestMatch(to: m, in: t.groupIds).map { "did you mean \"\($0)\"?" }
                out.append(
                    diag(s.id, "service \"\(s.id)\" names unknown group \"\(m)\" in `mainGroups`", hint: suggestion ?? "use a group id from the `groups` section"))
            }
        }
        var cohortOwner: [String: String] = [:]
        for g in t.groups {
            guard let rule = g.sizedFrom, rule.basis == .cohort, let key = rule.cohort else { continue }
            if let first = cohortOwner[key] {
                out.append(
                    diag(
                        g.id, "groups \"\(first)\" and \"\(g.id)\" are both sized from the cohort \"\(key)\"",
                        hint: "give each cohort group its own `cohort` key; a profile counts each cohort once"))
            } else {
                cohortOwner[key] = g.id
            }
        }
        let serviceIds = Set(t.serviceIds)
        for id in groupIds.intersection(serviceIds).sorted() {
            out.append(diag(id, "id \"\(id)\" is both a group and a service", hint: "rename one of them"))
        }
        return out
    }

    /// Where each entry's `id:` is written in a file (location of the value, and the line's text).
    static func idLocations(_ text: String, path: String) -> (places: [String: (SourceLocation, String)], sizingWritten: Set<String>) {
        guard let root = try? Yams.compose(yaml: text), let top = root.mapping else { return ([:], []) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String: (SourceLocation, String)] = [:]
        var sizing = Set<String>()
        for key in ["groups", "services"] {
            for item in top[key]?.sequence ?? [] {
                guard let idNode = item.mapping?["id"], let id = idNode.scalar?.string, let mark = idNode.mark else { continue }
                let line = mark.line <= lines.count ? lines[mark.line - 1] : ""
                out[id] = (SourceLocation(path: path, line: mark.line, column: mark.column), line)
                if item.mapping?["sizedFrom"] != nil { sizing.insert(id) }
            }
        }
        return (out, sizing)
    }

    // MARK: Helpers

    static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix("-") && !id.hasSuffix("-")
            && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    private static func scalarString(_ node: Node, key: String, report: (Node?, String, String?) -> Void) -> String? {
        guard let s = node.scalar?.string else {
            report(node, "`\(key)` must be text", nil)
            return nil
        }
        return s
    }

    private static func stringList(_ node: Node, key: String, report: (Node?, String, String?) -> Void) -> [String]? {
        guard let seq = node.sequence else {
            if let s = node.scalar?.string, s.isEmpty { return [] }
            report(node, "`\(key)` must be a list", "write `\(key): [first, second]`")
            return nil
        }
        var out: [String] = []
        for item in seq {
            guard let s = item.scalar?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                report(item, "`\(key)` items must be non-empty text", nil)
                continue
            }
            out.append(s)
        }
        return out
    }

    private static func didYouMean(_ word: String, _ candidates: [String]) -> String? {
        closestMatch(to: word, in: candidates).map { "did you mean \"\($0)\"?" }
    }

    private static func yamlSyntaxDiagnostic(_ error: YamlError, path: String, lines: [String]) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            let src = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : nil
            return Diagnostic(
                .error, SourceLocation(path: path, line: mark.line, column: mark.column), "invalid YAML: \(problem)",
                sourceLine: src, hint: "check the indentation and quoting on this line")
        default:
            return Diagnostic(.error, SourceLocation(path: path), "invalid YAML: \(error)", hint: "check the file is valid YAML")
        }
    }
}
