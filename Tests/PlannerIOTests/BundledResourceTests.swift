import Foundation
import PlannerIO
import Testing

@Suite struct BundledResourceTests {
    @Test func resourcesAreShipped() throws {
        let cal = try #require(Bundled.awarenessCalendar)
        #expect(FileManager.default.fileExists(atPath: cal.path))
        let tax = try #require(Bundled.taxonomy)
        #expect(FileManager.default.fileExists(atPath: tax.path))
    }
}
