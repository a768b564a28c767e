import Testing

@testable import PlannerExport

/// The summary's lines are cut to the screen width at a word's end, never inside a word.
@Suite struct PlanBriefClipTests {
    @Test func cutsAtTheEndOfAWordKeepingTheTail() {
        let tail = "; and 1 more; prepare: draft 2, sign off 2, print and post 1"
        let line = PlanBrief.clip("  22 Feb  out: Eating Disorders Awareness Week", keeping: tail)
        #expect(line == "  22 Feb  out: Eating Disorders..." + tail)
        #expect(line.count <= PlanBrief.width)
    }

    @Test func aLineThatFitsIsLeftAlone() {
        #expect(PlanBrief.clip("  4 Oct   out: Stoptober", keeping: "; prepare: draft 3") == "  4 Oct   out: Stoptober; prepare: draft 3")
    }

    @Test func aCutInsideTheLastWordGoesBackToTheWordBefore() {
        // 95 characters of words, then "efgh ijkl": the cut at 97 falls inside "efgh".
        let line = PlanBrief.clip(String(repeating: "abcd ", count: 19) + "efgh ijkl")
        #expect(line == String(repeating: "abcd ", count: 19).dropLast() + "...")
    }

    @Test func oneLongWordIsCutInside() {
        let line = PlanBrief.clip(String(repeating: "x", count: 150))
        #expect(line == String(repeating: "x", count: PlanBrief.width - 3) + "...")
    }
}
