import Foundation
import Testing

@testable import PlannerIO

/// Writing without a sync (the plan under its window's name) leaves what the synced write
/// leaves: the same bytes, no temporary file, an old file replaced whole, and the same reason
/// when the folder is in the way.
@Suite struct AtomicWriteTests {
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func unsyncedWriteGivesTheSyncedBytes() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = ["", "{}\n", "£12 – “quoted” café 😀\r\n", String(repeating: "plan line\n", count: 20_000)]
        for (k, text) in texts.enumerated() {
            let synced = dir.appendingPathComponent("sub/synced-\(k).json")
            let unsynced = dir.appendingPathComponent("sub/unsynced-\(k).json")
            try AtomicWrite.write(text, to: synced)
            try AtomicWrite.write(text, to: unsynced, sync: false)
            #expect(try Data(contentsOf: unsynced) == Data(text.utf8))
            #expect(try Data(contentsOf: unsynced) == Data(contentsOf: synced))
        }
        // A longer old file is replaced whole, not overwritten in place.
        let target = dir.appendingPathComponent("sub/replaced.json")
        try AtomicWrite.write(String(repeating: "x", count: 5000), to: target, sync: false)
        try AtomicWrite.write("short", to: target, sync: false)
        #expect(try String(contentsOf: target, encoding: .utf8) == "short")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path)
        #expect(!left.contains { $0.hasPrefix(".") }, "\(left)")
    }

    @Test func unsyncedWriteFailsAsTheSyncedOneDoes() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a-file")
        try "x".write(to: file, atomically: false, encoding: .utf8)
        let inside = file.appendingPathComponent("plan.json")
        var reasons: [String] = []
        for sync in [true, false] {
            do {
                try AtomicWrite.write("{}", to: inside, sync: sync)
                Issue.record("wrote under a file")
            } catch {
                reasons.append(AtomicWrite.reason(error))
            }
        }
        #expect(reasons.count == 2)
        #expect(reasons.first == reasons.last)
    }
}
