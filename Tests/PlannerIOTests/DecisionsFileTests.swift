import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// The decisions file (docs/decisions.md): reading with exact diagnostics, and line-based edits
/// that keep every other byte.
@Suite struct DecisionsFileTests {
    static let sample = """
        # Decisions for Riverside Surgery (fictional).
        # Kept by the practice manager; planner plan applies them on every re-plan.

        - skip: world-kidney-day-2027-03-11
          note: no renal clinic this quarter   # agreed at the partners' meeting
          author: A. Manager

        - pin: brew-monday-2027-01-18
        - move: no-smoking-day-2027-03-10-sms-1
          to: 2027-03-09
        # The PPG asked for letters for this one.
        - swap: heart-month-2027-02-01-social-1
          to: letter
        - text: heart-month-2027-02-01-sms-1
          message: "Heart Month: book your free blood pressure check at reception."

        """

    @Test func anUnquotedColonInAMessageSaysPutItInQuotes() throws {
        let file = DecisionsFile.parse(
            "- text: brew-monday-2027-01-18-sms-1\n  message: Flu jabs: book now\n", path: "d.yaml")
        #expect(file.diagnostics.map(\.description) == [
            """
            d.yaml:2:20: error: The decisions file is not valid YAML: mapping values are not allowed in this context.
              message: Flu jabs: book now
                               ^
            hint: Put it in quotes, as in message: "Flu jabs: book now"; a value that holds ": " must be quoted.
            """
        ])
    }

    @Test func readsEveryKindInFileOrder() throws {
        let file = DecisionsFile.parse(Self.sample, path: "d.yaml")
        #expect(file.diagnostics == [])
        let d = file.decisions
        #expect(d.map(\.label) == [
            "skip world-kidney-day-2027-03-11", "pin brew-monday-2027-01-18",
            "move no-smoking-day-2027-03-10-sms-1 to 2027-03-09", "swap heart-month-2027-02-01-social-1 to letter",
            "text heart-month-2027-02-01-sms-1",
        ])
        #expect(d[0].note == "no renal clinic this quarter")
        #expect(d[0].author == "A. Manager")
        #expect(d[0].location == SourceLocation(path: "d.yaml", line: 4, column: 3))
        #expect(d[4].action == .text("Heart Month: book your free blood pressure check at reception."))
        #expect(file.entries.map { [$0.firstLine, $0.lastLine] } == [[4, 6], [8, 8], [9, 10], [12, 13], [14, 15]])
    }

    @Test func anEmptyOrMissingFileHasNoDecisions() {
        #expect(DecisionsFile.parse("# nothing yet\n", path: "d.yaml").diagnostics == [])
        let missing = DecisionsFile.load(contentsOf: URL(fileURLWithPath: "/nonexistent/x.decisions.yaml"))
        #expect(missing.decisions == [] && missing.diagnostics == [])
    }

    @Test func everyProblemIsReportedWithLineCaretAndHint() {
        let text = """
            - skp: brew-monday-2027-01-18
            - move: brew-monday-2027-01-18-sms-1
              to: 2027-02-30
            - swap: brew-monday-2027-01-18-sms-1
              to: letters
            - pin: brew-monday-2027-01-18-sms-1
            - skip: brew-monday-2027-01-18
            - skip: brew-monday-2027-01-18
            - move: brew-monday-2027-01-18

            """
        let file = DecisionsFile.parse(text, path: "p.decisions.yaml")
        #expect(file.decisions == [])
        #expect(
            file.report == """
                p.decisions.yaml:1:3: error: Unknown key "skp" in decision 1.
                - skp: brew-monday-2027-01-18
                  ^
                hint: Did you mean "skip"?

                p.decisions.yaml:3:7: error: the "to" date of decision 2 is "2027-02-30", which is not a real date.
                  to: 2027-02-30
                      ^
                hint: Check the day and month; dates are written YYYY-MM-DD.

                p.decisions.yaml:5:7: error: "letters" is not a channel.
                  to: letters
                      ^
                hint: Did you mean "letter"?

                p.decisions.yaml:6:8: error: pin takes a campaign id, but "brew-monday-2027-01-18-sms-1" is an item id.
                - pin: brew-monday-2027-01-18-sms-1
                       ^
                hint: Did you mean "brew-monday-2027-01-18"? To change one item use move, swap or text.

                p.decisions.yaml:8:3: error: decision skip brew-monday-2027-01-18 repeats or contradicts decision skip brew-monday-2027-01-18 on line 7.
                - skip: brew-monday-2027-01-18
                  ^
                hint: Keep one of them and delete the other (planner decide replaces a decision in place).

                p.decisions.yaml:9:9: error: move takes an item id, but "brew-monday-2027-01-18" is not one.
                - move: brew-monday-2027-01-18
                        ^
                hint: Add the channel and number, e.g. "brew-monday-2027-01-18-sms-1"; copy it from plan.json.
                """)
    }

    @Test func aTextDecisionWithTwoTextKeysGetsAHint() {
        let file = DecisionsFile.parse("- text: a-2027-01-01-sms-1\n  text: \"Hello\"\n", path: "d.yaml")
        #expect(file.hasErrors)
        #expect(file.diagnostics.first?.hint?.contains("message:") == true)
    }

    // MARK: - Editing

    func lines(_ s: String) -> [Substring] { s.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func appendingKeepsEveryByteAndAddsAtTheEnd() throws {
        let d = ManagerDecision(.move(to: CivilDate(year: 2027, month: 2, day: 2)), id: "time-to-talk-day-2027-02-04-sms-1", note: "clinic \"busy\"")
        let out = try DecisionsEditor.edit(Self.sample, path: "d.yaml", with: d).get()
        #expect(out.replacedLines == nil)
        #expect(out.text.hasPrefix(Self.sample))
        #expect(
            String(out.text.dropFirst(Self.sample.count)) == """
                - move: time-to-talk-day-2027-02-04-sms-1
                  to: 2027-02-02
                  note: "clinic \\"busy\\""

                """)
        let again = DecisionsFile.parse(out.text, path: "d.yaml")
        #expect(again.decisions.last == ManagerDecision(d.action, id: d.id, note: "clinic \"busy\"", location: again.decisions.last?.location))
    }

    @Test func replacingRewritesOnlyThatDecisionsLines() throws {
        let d = ManagerDecision(.swap(to: .sms), id: "heart-month-2027-02-01-social-1", author: "B. Nurse")
        let out = try DecisionsEditor.edit(Self.sample, path: "d.yaml", with: d).get()
        #expect(out.replacedLines == 12...13)
        let before = lines(Self.sample), after = lines(out.text)
        // Lines 1-11 (comments included) and everything after the replaced block are byte-identical.
        #expect(after.prefix(11) == before.prefix(11))
        #expect(after[11...13] == ["- swap: heart-month-2027-02-01-social-1", "  to: sms", "  author: \"B. Nurse\""])
        #expect(after.dropFirst(14) == before.dropFirst(13))
        let file = DecisionsFile.parse(out.text, path: "d.yaml")
        #expect(file.decisions.count == 5)
        #expect(file.decisions[3].action == .swap(to: .sms))
    }

    @Test func aPinReplacesTheSkipOfTheSameCampaign() throws {
        let out = try DecisionsEditor.edit(
            Self.sample, path: "d.yaml", with: ManagerDecision(.pin, id: "world-kidney-day-2027-03-11")
        ).get()
        #expect(out.replacedLines == 4...6)
        #expect(lines(out.text)[3] == "- pin: world-kidney-day-2027-03-11")
        #expect(lines(out.text).prefix(3) == lines(Self.sample).prefix(3))
    }

    @Test func anIndentedListAndCRLFLineEndsAreFollowed() throws {
        let text = "# comment\r\n  - skip: a-day-2027-01-05\r\n"
        let out = try DecisionsEditor.edit(text, path: "d.yaml", with: ManagerDecision(.pin, id: "b-day-2027-01-06")).get()
        #expect(out.text == text + "  - pin: b-day-2027-01-06\r\n")
        #expect(DecisionsFile.parse(out.text, path: "d.yaml").decisions.count == 2)
    }

    @Test func aBrokenFileIsNotEdited() {
        let text = "- skip: a-day-2027-01-05\n- swap: x\n"
        guard case .failure(let problems) = DecisionsEditor.edit(text, path: "d.yaml", with: ManagerDecision(.pin, id: "b-day-2027-01-06")) else {
            Issue.record("a file with errors was edited")
            return
        }
        #expect(problems.diagnostics.map(\.location) == [SourceLocation(path: "d.yaml", line: 2, column: 9)])
    }

    @Test func theExampleInTheDocsIsAValidDecisionsFile() throws {
        let doc = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/decisions.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(!blocks.isEmpty)
        for block in blocks {
            let file = DecisionsFile.parse(block, path: "docs/decisions.md")
            #expect(file.diagnostics == [], "\(file.report)")
            #expect(!file.decisions.isEmpty)
        }
    }
}
