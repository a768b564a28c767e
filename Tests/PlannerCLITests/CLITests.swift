import PlannerTestSupport
import Testing

@Suite struct CLITests {
    @Test func helpNamesTheTool() throws {
        let r = try runPlanner(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("awareness days"))
    }
}
