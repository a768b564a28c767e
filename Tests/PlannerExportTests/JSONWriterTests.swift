import PlannerExport
import Testing

/// The one ordered-JSON writer behind plan.json and the `days` and `match` listings.
@Suite struct JSONWriterTests {
    static let sample: JSONValue = .object([
        JSONMember("b", .int(2)),
        JSONMember("a", .array([.string("x"), .null, .bool(true)])),
        JSONMember("empty", .object([])),
        JSONMember("none", .array([])),
        JSONMember("nested", .object([JSONMember("k", .nullable(nil))])),
    ])

    @Test func keysKeepTheirOrderInline() {
        #expect(
            JSONWriter.inline(Self.sample)
                == "{\"b\": 2, \"a\": [\"x\", null, true], \"empty\": {}, \"none\": [], \"nested\": {\"k\": null}}")
    }

    @Test func indentedUsesTwoSpacesAndNoFinalNewline() {
        #expect(
            JSONWriter.indented(Self.sample) == """
                {
                  "b": 2,
                  "a": [
                    "x",
                    null,
                    true
                  ],
                  "empty": {},
                  "none": [],
                  "nested": {
                    "k": null
                  }
                }
                """)
    }

    @Test func listingPutsOneRowPerLine() {
        #expect(JSONWriter.listing([]) == "[]\n")
        #expect(JSONWriter.listing([.int(1)]) == "[\n  1\n]\n")
        #expect(
            JSONWriter.listing([.object([JSONMember("id", .string("a"))]), .object([JSONMember("id", .string("b"))])])
                == "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n]\n")
    }

    @Test func stringsAreEscapedOnce() {
        #expect(JSONWriter.quoted("a\"b\\c\nd\u{7}é💊") == "\"a\\\"b\\\\c\\nd\\u0007é💊\"")
        #expect(JSONWriter.quoted("\u{2028}\u{2029}\u{7F}") == "\"\\u2028\\u2029\\u007f\"")
        // CR and LF inside a CRLF (one Character in Swift) are both escaped.
        #expect(JSONWriter.quoted("x\r\ny") == "\"x\\r\\ny\"")
        #expect(JSONWriter.quoted("plain") == "\"plain\"")
        // Other characters led by E2 (dashes, ellipsis) pass through; a tab is escaped.
        #expect(JSONWriter.quoted("a – b\tc…\u{2027}") == "\"a – b\\tc…\u{2027}\"")
    }

    @Test func numbersHaveAtMostThreeDecimals() {
        #expect(JSONWriter.number(0.94321) == "0.943")
        #expect(JSONWriter.number(0.5) == "0.5")
        #expect(JSONWriter.number(1) == "1")
        #expect(JSONWriter.number(-0.25) == "-0.25")
        #expect(JSONWriter.number(0.0004) == "0")
    }
}
