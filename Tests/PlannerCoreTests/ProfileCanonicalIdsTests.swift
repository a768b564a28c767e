import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

@Suite struct ProfileCanonicalIdsTests {
    /// The ids in the first column of a table under `heading` in taxonomy.md (the copy in Tests/PlannerIOTests/Fixtures/spec).
    func taxonomyIds(under heading: String) throws -> [String] {
        let url = TestPaths.spec("taxonomy.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        var inSection = false
        var ids: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("## ") { inSection = line == "## \(heading)" }
            guard inSection, line.hasPrefix("| ") else { continue }
            let first = line.dropFirst(2).prefix { $0 != " " && $0 != "|" }
            if first != "id", first.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), !first.isEmpty {
                ids.append(String(first))
            }
        }
        return ids
    }

    @Test func groupsMatchTaxonomySpec() throws {
        #expect(try taxonomyIds(under: "Patient groups") == CanonicalIds.groups)
    }

    @Test func servicesMatchTaxonomySpec() throws {
        #expect(try taxonomyIds(under: "Practice services") == CanonicalIds.services)
    }

    @Test func kinds() {
        #expect(CanonicalIds.kind(ofGroup: "men-50-plus") == .ageSex)
        #expect(CanonicalIds.kind(ofGroup: "smokers") == .cohort)
        #expect(CanonicalIds.kind(ofGroup: "copd") == .register)
        #expect(CanonicalIds.kind(ofGroup: "copd-review") == nil)
        #expect(CanonicalIds.isService("copd-review"))
    }
}
