import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Damaged copies of a sample profile: the loader never crashes, always reports in order, and
/// never returns a profile alongside an error.
@Suite struct ProfileRobustnessTests {
    func sampleLines() throws -> [Substring] {
        let url = TestPaths.packageRoot.appendingPathComponent("Profiles/coastal-older.yaml")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    func check(_ yaml: String, _ what: String) {
        let result = ProfileLoader.validate(yaml: yaml, path: "p.yaml", isKnownZone: { $0 == "Europe/London" })
        #expect(result.diagnostics == result.diagnostics.sorted(by: Diagnostic.reportOrder), "\(what)")
        #expect((result.profile == nil) == result.hasErrors, "\(what)")
        for d in result.diagnostics where d.location.line != nil {
            #expect(d.sourceLine != nil, "\(what): \(d.message)")
            #expect(d.hint != nil, "\(what): \(d.message)")
        }
    }

    @Test func everySingleLineDeletion() throws {
        let lines = try sampleLines()
        for i in lines.indices {
            var copy = lines
            copy.remove(at: i)
            check(copy.joined(separator: "\n"), "without line \(i + 1)")
        }
    }

    @Test func everyValueReplacedByNonsense() throws {
        let lines = try sampleLines()
        for i in lines.indices {
            guard let colon = lines[i].firstIndex(of: ":"), !lines[i].hasPrefix("#") else { continue }
            var copy = lines
            copy[i] = lines[i][...colon] + " -x%"
            check(copy.joined(separator: "\n"), "nonsense on line \(i + 1)")
        }
    }

    @Test func deletingABandLineIsReportedAtTheSex() throws {
        let lines = try sampleLines()
        let i = try #require(lines.firstIndex { $0.contains("\"40-44\": 211") })
        var copy = lines
        copy.remove(at: i)
        let result = ProfileLoader.validate(
            yaml: copy.joined(separator: "\n"), path: "p.yaml", isKnownZone: { _ in true })
        #expect(result.errors.map(\.message) == ["The male list has no band \"40-44\"."])
    }
}
