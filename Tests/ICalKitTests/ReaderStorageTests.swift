@testable import ICalKit
import Testing

/// The compact stores behind the reader's memory bound (UIDTable.swift).
@Suite struct ReaderStorageTests {
    @Test func uidHashFirstHalfIsTheChecksumHash() {
        for uid in ["", "a", "evt-0000001@bench.example", "café–“x”"] {
            #expect(UIDHash(uid).a == ReadResult.fnv1a64(uid))
        }
        #expect(UIDHash.none.a == ReadResult.fnv1a64(nil))
        // A master's key (uid + separator) and an override's key differ from the plain UID.
        #expect(UIDHash("u") != UIDHash("u", recurrenceID: ""))
        #expect(UIDHash("u", recurrenceID: ":20260105") != UIDHash("u", recurrenceID: ":20260112"))
    }

    @Test func uidTableFindsEveryKeyAcrossGrowth() {
        var t = UIDTable()
        let n = 5000  // well past the first 1024 slots
        for i in 0..<n {
            let key = UIDHash("uid-\(i)")
            #expect(t.find(key) == nil)
            let r = t.insert(UIDTable.Record(key: key, sequence: i, line: 10 * i, master: -1))
            #expect(r == i)
        }
        #expect(t.count == n)
        for i in stride(from: 0, to: n, by: 7) {
            let r = t.find(UIDHash("uid-\(i)"))
            #expect(r == i)
            #expect(t[i].line == 10 * i)
        }
        #expect(t.find(UIDHash("uid-\(n)")) == nil)
        t[3].master = 9
        #expect(t[t.find(UIDHash("uid-3"))!].master == 9)
    }

    @Test func chunkedArrayAppendsSetsAndTruncatesAcrossChunks() {
        var a = ChunkedArray<Int>()
        #expect(a.isEmpty)
        for i in 0..<10_000 { a.append(i * 3) }
        #expect(a.count == 10_000)
        #expect(a[4095] == 4095 * 3 && a[4096] == 4096 * 3 && a[9999] == 9999 * 3)
        a[4096] = -1
        #expect(a[4096] == -1)
        a.truncate(to: 4097)
        #expect(a.count == 4097)
        var sum = 0
        a.forEach { sum += $0 }
        #expect(sum == (0..<4096).reduce(0) { $0 + $1 * 3 } - 1)
        a.append(7)
        #expect(a[4097] == 7 && a.count == 4098)
        a.truncate(to: 0)
        #expect(a.isEmpty)
    }
}
