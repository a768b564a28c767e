import Foundation
import PlannerTestSupport
import Testing

/// `assertGolden` and the comparison behind it: bytes, not text, are compared; a mismatch shows
/// a line diff with carriage returns made visible; RECORD_GOLDENS rewrites the file and fails.
@Suite struct GoldenTests {
    /// A fresh folder for one test, removed by the caller.
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func sameBytesMatch() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = dir.appendingPathComponent("a.csv")
        try Data("id,name\r\n1,Ann\r\n".utf8).write(to: golden)
        let outcome = Golden.compare(Data("id,name\r\n1,Ann\r\n".utf8), with: golden, record: false)
        #expect(outcome == Golden.Outcome(failure: nil, recorded: false))
        assertGolden("id,name\r\n1,Ann\r\n", matches: golden, environment: [:])
    }

    @Test func lineEndingsAreNotNormalised() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = dir.appendingPathComponent("a.csv")
        try Data("id,name\r\n1,Ann\r\n".utf8).write(to: golden)
        let outcome = Golden.compare(Data("id,name\n1,Ann\n".utf8), with: golden, record: false)
        let failure = try #require(outcome.failure)
        #expect(failure.hasSuffix(
            """
            (- golden, + actual; ␍ is a carriage return)
            -1: id,name␍
            -2: 1,Ann␍
            +1: id,name
            +2: 1,Ann

            """))
        // The golden file is left alone when not recording.
        #expect(try Data(contentsOf: golden) == Data("id,name\r\n1,Ann\r\n".utf8))
    }

    @Test func diffShowsOnlyTheLinesThatDiffer() {
        let expected = Data("a\nb\nc\nd\n".utf8)
        let actual = Data("a\nB\nc\nd\ne".utf8)
        // The last lines differ (a missing final newline counts), so the hunk runs to the end.
        #expect(
            Golden.lineDiff(expected: expected, actual: actual)
                == "-2: b\n-3: c\n-4: d\n+2: B\n+3: c\n+4: d\n+5: e (no newline at the end)\n")
        // One hunk: the common start and end are left out, everything between is shown.
        #expect(Golden.lineDiff(expected: Data("x\ny\nz\n".utf8), actual: Data("x\nY\nz\n".utf8)) == "-2: y\n+2: Y\n")
        // A CR alone in the middle of a line is shown too.
        #expect(Golden.lineDiff(expected: Data("a\rb\n".utf8), actual: Data("ab\n".utf8)) == "-1: a␍b\n+1: ab\n")
    }

    @Test func recordingRewritesTheFileAndStillFails() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = dir.appendingPathComponent("sub/plan.md")
        let outcome = Golden.compare(Data("new\n".utf8), with: golden, record: true)
        #expect(outcome.recorded)
        #expect(outcome.failure?.contains("golden file recorded (4 bytes)") == true)
        #expect(try Data(contentsOf: golden) == Data("new\n".utf8))
        // The next run without recording compares with what was written.
        #expect(Golden.compare(Data("new\n".utf8), with: golden, record: false).failure == nil)
    }

    @Test func aMissingGoldenFailsWithAHint() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = dir.appendingPathComponent("none.txt")
        let failure = try #require(Golden.compare(Data("x".utf8), with: golden, record: false).failure)
        #expect(failure == "\(golden.path): no golden file; run with RECORD_GOLDENS=1 to record it")
        #expect(!FileManager.default.fileExists(atPath: golden.path))
    }

    @Test func theEnvironmentVariableTurnsRecordingOn() {
        #expect(Golden.isRecording(["RECORD_GOLDENS": "1"]))
        #expect(!Golden.isRecording(["RECORD_GOLDENS": "0"]))
        #expect(!Golden.isRecording(["RECORD_GOLDENS": ""]))
        #expect(!Golden.isRecording([:]))
    }

    @Test func assertGoldenRecordsAnIssueOnMismatchAndWhenRecording() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let golden = dir.appendingPathComponent("g.txt")
        try Data("one\n".utf8).write(to: golden)
        withKnownIssue {
            assertGolden("two\n", matches: golden, environment: [:])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("-1: one\n+1: two\n") }
        }
        withKnownIssue {
            assertGolden("two\n", matches: golden, environment: ["RECORD_GOLDENS": "1"])
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("golden file recorded") }
        }
        #expect(try Data(contentsOf: golden) == Data("two\n".utf8))
    }
}
