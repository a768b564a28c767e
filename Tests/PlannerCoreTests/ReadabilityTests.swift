import Foundation
import PlannerCore
import Testing

/// One passage and the figures python textstat 0.7.3 gives for it (tools/checks/textstat_expected.py).
struct TextstatExpectation: Sendable, CustomStringConvertible {
    var file: String
    var words: Int
    var sentences: Int
    var syllables: Int
    var readingEase: Double
    var grade: Double
    var description: String { file }

    static func load() throws -> [TextstatExpectation] {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("readability")
        let tsv = try String(contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)
        return tsv.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t").map(String.init)
            return TextstatExpectation(
                file: f[0], words: Int(f[1])!, sentences: Int(f[2])!, syllables: Int(f[3])!,
                readingEase: Double(f[4])!, grade: Double(f[5])!)
        }
    }

    func text() throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try String(
            contentsOf: folder.appendingPathComponent("readability").appendingPathComponent(file), encoding: .utf8)
    }
}

@Suite struct ReadabilityTests {
    @Test func thereAreAtLeast30PassagesOf100Words() throws {
        let all = try TextstatExpectation.load()
        #expect(all.count >= 30)
        #expect(all.allSatisfy { $0.words >= 100 })
        // Both easy (NHS leaflet) and hard passages.
        #expect(all.contains { $0.grade < 5 })
        #expect(all.contains { $0.grade > 15 })
    }

    @Test(arguments: try TextstatExpectation.load())
    func matchesTextstat(_ e: TextstatExpectation) throws {
        // Links are kept, as textstat keeps them (the passages have none anyway).
        let r = Readability.check(try e.text(), keepLinks: true)
        #expect(abs(r.fleschReadingEase - e.readingEase) <= 2.0, "reading ease \(r.fleschReadingEase) vs \(e.readingEase)")
        #expect(abs(r.fleschKincaidGrade - e.grade) <= 0.5, "grade \(r.fleschKincaidGrade) vs \(e.grade)")
        // The same counting rules give the same counts.
        #expect(r.words == e.words)
        #expect(r.sentences == e.sentences)
        #expect(r.syllables == e.syllables)
        #expect(abs(r.readingAge - (r.fleschKincaidGrade + 6)) < 1e-9)
    }

    @Test(arguments: [
        ("hyphenation", 3), ("readability", 4), ("vaccination", 4), ("screening", 2), ("the", 1),
        ("appointment", 3), ("information", 4), ("a", 1), ("pharmacy", 3), ("immunisation", 5),
    ])
    // The counts pyphen 0.18.1 gives with hyph_en_US.dic (hyphenation points + 1): not always the
    // spoken count ("hy-phen-ation" is 3), but the one textstat 0.7.3 uses.
    func syllablesFromHyphenation(word: String, syllables: Int) {
        #expect(Hyphenator.englishUS.syllables(word) == syllables)
    }

    @Test func hyphenationPointsFollowLiang() {
        // "hy-phen-ation" in the TeX patterns; pyphen allows breaks after 2 letters and before the last 2.
        #expect(Hyphenator.englishUS.positions("hyphenation") == [2, 6])
    }

    @Test func longSentencesAndParagraphsAreFlagged() {
        let long = Array(repeating: "word", count: 21).joined(separator: " ") + "."
        let text = "Short one here. \(long)\n\nOne two three. Four five six. Seven eight nine. Ten eleven twelve."
        let r = Readability.check(text)
        #expect(r.longSentences.count == 1)
        #expect(r.longSentences.first?.line == 1)
        #expect(r.longSentences.first?.column == 17)
        #expect(r.longSentences.first?.words == 21)
        #expect(r.longParagraphs == [LongParagraph(line: 3, sentences: 4)])
        let ok = Readability.check(Array(repeating: "word", count: 20).joined(separator: " ") + ".")
        #expect(ok.longSentences.isEmpty)
    }

    @Test func linksAreBlankedBeforeScoring() {
        let text = "Book your jab today. Read more at www.nhs.uk/flu-vaccine about the jab."
        let kept = Readability.check(text, keepLinks: true)
        let blanked = Readability.check(text)
        #expect(kept.sentences == 3)  // the full stops in the address split sentences
        #expect(kept.words == 11)
        #expect(blanked.sentences == 2)
        #expect(blanked.words == 10)
        #expect(blanked.readingAge < kept.readingAge)
    }

    @Test func jargonHasAPlainAlternative() {
        let r = Readability.check("Hypertension is common.\nYou may have high blood pressure (hypertension) too.")
        #expect(r.jargon == [JargonFinding(line: 1, column: 1, term: "Hypertension", plain: "high blood pressure")])
        #expect(Readability.check("Ask about immunisation at your child's check.").jargon.map(\.plain) == ["vaccination"])
        #expect(Readability.check("Renal means kidney.").jargon.first?.column == 1)
        #expect(Readability.check("A chronicle of the year.").jargon.isEmpty)  // whole words only
    }
}
