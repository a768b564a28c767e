/// A UID (optionally with a RECURRENCE-ID) as two independent 64-bit hashes, so the reader
/// keeps 16 bytes per UID instead of the string.
///
/// `a` is FNV-1a 64 of the UTF-8 bytes (what the benchmark checksum uses), `b` a multiply and
/// xor-shift hash with a different seed and a murmur3 finaliser. Two different UIDs are
/// confused only when both halves collide; taking the pair as a 128-bit random value, among
/// n distinct UIDs in one file the chance of any such pair is about n^2 / 2^129: 1e-27 for a
/// million UIDs, far below the chance of a memory error. (FNV-1a alone, 64 bits, would
/// already make it about 3e-8 at a million.)
struct UIDHash: Hashable {
    var a: UInt64
    var b: UInt64

    /// The hash of "no UID": FNV-1a's offset basis (as libical_expand.c does) and 0.
    static let none = UIDHash(a: 1_469_598_103_934_665_603, b: 0)

    init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }

    /// Hash of `uid`, and when `recurrenceID` is given, of uid + 0x1F + recurrenceID.
    init(_ uid: String, recurrenceID: String? = nil) {
        var h = Hasher2()
        h.add(uid)
        if let recurrenceID {
            h.add(byte: 0x1F)
            h.add(recurrenceID)
        }
        self = h.value
    }

    func hash(into hasher: inout Hasher) { hasher.combine(a ^ (b &* 0x9E37_79B9_7F4A_7C15)) }
}

/// Streams bytes into both halves of a `UIDHash`.
private struct Hasher2 {
    var a: UInt64 = 1_469_598_103_934_665_603
    var b: UInt64 = 0x243F_6A88_85A3_08D3

    mutating func add(byte: UInt8) {
        a = (a ^ UInt64(byte)) &* 1_099_511_628_211
        b = (b ^ UInt64(byte)) &* 0xC2B2_AE3D_27D4_EB4F
        b ^= b >> 29
    }

    mutating func add(_ s: String) {
        for byte in s.utf8 { add(byte: byte) }
    }

    var value: UIDHash {
        var x = b
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x = x &* 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return UIDHash(a: a, b: x)
    }
}

/// For each UID (+ RECURRENCE-ID) of one file: which copy wins so far, and for a master, what
/// its RECURRENCE-ID overrides need. Open addressing over 32-bit slots into a record array, so
/// an entry costs 40 bytes plus 4-8 bytes of slots, without any string.
struct UIDTable {
    struct Record {
        var key: UIDHash
        var sequence: Int
        var line: Int
        /// Index into `EventReader`'s master list, or -1 when the winning copy was not expanded.
        var master: Int32
    }

    private var records = ChunkedArray<Record>()
    /// 0 = empty, else record index + 1. Power-of-two size, at most 3/4 full.
    private var slots: [UInt32] = Array(repeating: 0, count: 1024)

    var count: Int { records.count }

    /// The index of `key`'s record, if any.
    func find(_ key: UIDHash) -> Int? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key.b) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if records[Int(s - 1)].key == key { return Int(s - 1) }
            i = (i + 1) & mask
        }
    }

    /// Adds a record for a key not in the table; returns its index.
    mutating func insert(_ r: Record) -> Int {
        if (records.count + 1) * 4 > slots.count * 3 { grow() }
        records.append(r)
        place(records.count - 1)
        return records.count - 1
    }

    subscript(i: Int) -> Record {
        get { records[i] }
        set { records[i] = newValue }
    }

    private mutating func place(_ index: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: records[index].key.b) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = UInt32(index + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for i in 0..<records.count { place(i) }
    }
}
