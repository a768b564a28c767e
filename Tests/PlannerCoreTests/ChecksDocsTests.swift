import Foundation
import PlannerCore
import PlannerTestSupport
import Testing

/// docs/checks.md is the reference for the content checks: every finding kind has a row with its severity.
@Suite struct ChecksDocsTests {
    @Test func everyFindingKindHasADocumentedSeverity() throws {
        let doc = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        let rows = doc.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for kind in FindingKind.allCases {
            let row = rows.first { $0.hasPrefix("| `\(kind.rawValue)` |") }
            #expect(row != nil, "\(kind.rawValue) has no row in docs/checks.md")
            #expect(row.map { $0.contains("high") || $0.contains("medium") } == true)
        }
    }

    @Test func documentedSocialLimitsAreTheOnesChecked() throws {
        let doc = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        for (platform, text) in [(SocialPlatform.x, "X 280"), (.facebook, "Facebook 63,206"), (.instagram, "Instagram 2,200"), (.linkedin, "LinkedIn 3,000")] {
            #expect(doc.contains(text))
            #expect(SocialCheck.limit(platform) != nil)
        }
    }
}
