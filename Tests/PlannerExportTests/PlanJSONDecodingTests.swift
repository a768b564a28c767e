import Foundation
import PlannerCore
import PlannerExport
import PlannerIO
import PlannerTestSupport
import Testing

/// Reading plan.json back: `PlanJSON.decode` inverts `PlanJSON.render`, and bad input is
/// reported as `file:line:col: error:` with the line and a caret.
@Suite struct PlanJSONDecodingTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var profile: String
        var quarter: String
        var testDescription: String { "\(profile) \(quarter)" }
    }

    static let samples: [Sample] = ["urban-young", "coastal-older"].flatMap { p in
        (1...4).map { Sample(profile: p, quarter: "2027-Q\($0)") }
    }

    /// The sample practice's plan for the quarter, made as `planner plan` makes it.
    static func plan(_ s: Sample) throws -> Plan {
        let window = try #require(DateWindow(quarter: s.quarter))
        let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(s.profile).yaml").path
        let outcome = PlanningRun(profilePath: path, window: window).run()
        return try #require(outcome.result, "\(outcome.stoppedAt.map { "\($0)" } ?? "")").plan
    }

    @Test(arguments: samples) func encodeOfDecodeGivesTheSameBytes(_ sample: Sample) throws {
        let plan = try Self.plan(sample)
        let bytes = PlanJSON.render(plan)
        let decoded = try PlanJSON.decode(bytes, path: "plan.json")
        #expect(PlanJSON.render(decoded) == bytes)
        // Everything that is not a rounded share comes back equal.
        #expect(!plan.items.isEmpty)
        #expect(decoded.items == plan.items)
        #expect(decoded.totals == plan.totals)
        #expect(decoded.warnings == plan.warnings)
        #expect(decoded.groupsWithoutContact == plan.groupsWithoutContact)
        #expect(decoded.constraints.quietDates == plan.constraints.quietDates)
        #expect(decoded.constraints.bankHolidays == plan.constraints.bankHolidays)
    }

    /// A text cut to what the clinic can book (cervical screening, 20 a week at the coastal
    /// practice) writes its `limit` and reads it back.
    @Test func aCapacityLimitRoundTrips() throws {
        let plan = try Self.plan(Sample(profile: "coastal-older", quarter: "2027-Q1"))
        let item = try #require(plan.items.first { $0.limit != nil })
        #expect(item.limit == PlanLimit(count: item.recipients ?? -1, order: "longest overdue first"))
        let bytes = PlanJSON.render(plan)
        #expect(bytes.contains("\"limit\""))
        let decoded = try PlanJSON.decode(bytes, path: "plan.json")
        #expect(decoded.items.first { $0.id == item.id }?.limit == item.limit)
    }

    @Test func aHandWrittenTextAndEscapesSurvive() throws {
        var plan = try Self.plan(Self.samples[0])
        plan.items[0].text = "Line one\r\nline \"two\" \\ é 💊 \u{1}\u{2028}"
        let bytes = PlanJSON.render(plan)
        let decoded = try PlanJSON.decode(bytes, path: "plan.json")
        #expect(decoded.items[0].text == plan.items[0].text)
        #expect(PlanJSON.render(decoded) == bytes)
    }

    @Test func inputErrorsRoundTripAndAreWrittenOnlyWhenThereAreSome() throws {
        var plan = try Self.plan(Self.samples[0])
        #expect(!PlanJSON.render(plan).contains("inputErrors"))
        plan.inputErrors = [
            InputError(file: "b.ics", line: 3, message: "DTSTART value \"2027XX01\" is not a valid DATE"),
            InputError(file: "a.ics", line: nil, message: "the file ends inside an event"),
            InputError(file: "a.ics", line: 12, message: "a line without a colon"),
        ]
        let bytes = PlanJSON.render(plan)
        #expect(
            bytes.hasSuffix(
                """
                  "inputErrors": [
                    {
                      "file": "a.ics",
                      "line": null,
                      "message": "the file ends inside an event"
                    },
                    {
                      "file": "a.ics",
                      "line": 12,
                      "message": "a line without a colon"
                    },
                    {
                      "file": "b.ics",
                      "line": 3,
                      "message": "DTSTART value \\"2027XX01\\" is not a valid DATE"
                    }
                  ]
                }

                """))
        let decoded = try PlanJSON.decode(bytes, path: "plan.json")
        #expect(decoded.inputErrors == plan.inputErrors.sorted())
        #expect(PlanJSON.render(decoded) == bytes)
    }

    @Test func anInputErrorWithoutAFileIsReported() throws {
        let bytes = PlanJSON.render(try Self.plan(Self.samples[0]))
        let broken = String(bytes.dropLast(2)) + ",\n  \"inputErrors\": [{\"line\": 1, \"message\": \"x\"}]\n}\n"
        #expect(throws: JSONReadError.self) { try PlanJSON.decode(broken, path: "plan.json") }
        do {
            _ = try PlanJSON.decode(broken, path: "plan.json")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["an input error has no \"file\""])
        }
    }

    @Test func unknownKeysAreIgnored() throws {
        let bytes = PlanJSON.render(try Self.plan(Self.samples[0]))
        let extended = bytes.replacingOccurrences(of: "\"items\": [", with: "\"generatedBy\": {\"tool\": [1, 2.5e3]},\n  \"items\": [")
        #expect(extended != bytes)
        #expect(PlanJSON.render(try PlanJSON.decode(extended, path: "plan.json")) == bytes)
    }

    /// The error for `text` read as `path`.
    static func failure(_ text: String, path: String = "plan.json") -> String? {
        do {
            _ = try PlanJSON.decode(text, path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aSyntaxErrorNamesItsLineAndColumn() {
        let text = "{\n  \"practice\": {\"name\": \"A\", \"odsCode\": \"X\"}\n  \"from\": \"2027-01-01\"\n}\n"
        #expect(
            Self.failure(text, path: "Exports/plan.json") == """
                Exports/plan.json:3:3: error: expected "," or "}"
                  "from": "2027-01-01"
                  ^
                hint: check the file is JSON as the planner writes it (a missing comma, quote or bracket?)
                """)
        #expect(Self.failure("")?.hasPrefix("plan.json:1:1: error: the JSON ends too early") == true)
        #expect(Self.failure("{} x")?.hasPrefix("plan.json:1:4: error: unexpected text after the end") == true)
        #expect(Self.failure("[01]")?.hasPrefix("plan.json:1:2: error: a number must not start with 0") == true)
        #expect(Self.failure("\"a\tb\"")?.hasPrefix("plan.json:1:3: error: a control character must be escaped") == true)
        #expect(Self.failure(String(repeating: "[", count: 300))?.contains("nested more than 256 levels") == true)
    }

    @Test func wrongValuesAreAllReportedWithTheirPlace() throws {
        var text = PlanJSON.render(try Self.plan(Self.samples[0]))
        text = text.replacingOccurrences(of: "\"from\": \"2027-01-01\"", with: "\"from\": \"2027-13-01\"")
        let firstSMS = try #require(text.range(of: "\"channel\": \"sms\""))
        text.replaceSubrange(firstSMS, with: "\"channel\": \"pigeon\"")
        let cost = try #require(text.range(of: "\"cost\": 0.00,"))
        text.replaceSubrange(cost, with: "\"cost\": 0.125,")
        let failure = try #require(Self.failure(text))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func lineNumber(_ needle: String) -> Int { (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        #expect(failure.contains("plan.json:\(lineNumber("2027-13-01")):11: error: \"from\" should be a date written YYYY-MM-DD, not \"2027-13-01\""))
        #expect(failure.contains("plan.json:\(lineNumber("pigeon")):18: error: \"channel\" names a channel this planner does not know, \"pigeon\""))
        #expect(failure.contains("hint: this planner knows sms, letter, website, social; a newer planner may have written the file"))
        #expect(failure.contains("plan.json:\(lineNumber("0.125")):15: error: \"cost\" should be a number of pounds with at most 2 decimals, not 0.125"))
        // The caret sits under the value.
        #expect(failure.contains("      \"cost\": 0.125,\n              ^"))
    }

    @Test func aMissingKeyIsReportedAtItsObject() {
        let text = "{\n  \"practice\": {\"name\": \"A\"}\n}\n"
        let failure = Self.failure(text) ?? ""
        #expect(failure.contains("plan.json:2:15: error: \"practice\" has no \"odsCode\""))
        #expect(failure.contains("plan.json:1:1: error: the plan has no \"items\""))
    }
}
