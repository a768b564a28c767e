import Foundation  // NSLock, for the syllable memo shared by the planning threads

/// Liang's hyphenation (Frank M. Liang, "Word Hy-phen-a-tion by Com-put-er", Stanford 1983) over
/// a pattern list, used to count syllables the way pyphen does (and so textstat 0.7.3).
///
/// A pattern such as `a2ch4` is letters with digits between them; every pattern found in `.word.`
/// puts its digits on the gaps it covers, the largest digit on each gap wins, and an odd digit
/// marks a place the word may break. As in pyphen's default, no break is allowed in the first 2 or
/// last 2 letters.
public struct Hyphenator: Sendable {
    struct Entry: Sendable {
        var offset: Int
        var values: [UInt8]
    }

    /// The patterns as a trie over their letters: `children[node]` maps a letter to the next node,
    /// `entries[node]` is the pattern that ends there. Lookups walk the trie, so no string is built.
    let children: [[Unicode.Scalar: Int32]]
    let entries: [Entry?]

    /// Builds a hyphenator from patterns separated by white space.
    public init(patterns text: String) {
        var children: [[Unicode.Scalar: Int32]] = [[:]]
        var entries: [Entry?] = [nil]
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            var letters: [Unicode.Scalar] = []
            var values: [UInt8] = []
            var pending: UInt8 = 0
            for u in token.unicodeScalars {
                if u.value >= 0x30 && u.value <= 0x39 {
                    pending = UInt8(u.value - 0x30)
                } else {
                    letters.append(u)
                    values.append(pending)
                    pending = 0
                }
            }
            values.append(pending)
            // Keep the span from the first to the last non-zero digit, as pyphen does.
            guard let first = values.firstIndex(where: { $0 != 0 }),
                let last = values.lastIndex(where: { $0 != 0 })
            else { continue }
            var node = 0
            for u in letters {
                if let next = children[node][u] {
                    node = Int(next)
                } else {
                    children.append([:])
                    entries.append(nil)
                    children[node][u] = Int32(children.count - 1)
                    node = children.count - 1
                }
            }
            entries[node] = Entry(offset: first, values: Array(values[first...last]))
        }
        self.children = children
        self.entries = entries
        // The same trie with ASCII edges only, flat: node n's edges are
        // `edgeLetter[edgeStart[n]..<edgeStart[n + 1]]` (sorted) and their targets `edgeTarget`;
        // each node's pattern digits, as gaps to add to the position the walk started at.
        var edgeStart: [Int32] = [0], edgeLetter: [UInt8] = [], edgeTarget: [Int32] = []
        var valueStart: [Int32] = [0], values: [UInt8] = [], valueOffset: [Int32] = []
        for node in children.indices {
            for (u, next) in children[node].filter({ $0.key.isASCII }).sorted(by: { $0.key < $1.key }) {
                edgeLetter.append(UInt8(u.value))
                edgeTarget.append(next)
            }
            edgeStart.append(Int32(edgeLetter.count))
            if let e = entries[node] { values += e.values }
            valueOffset.append(Int32(entries[node]?.offset ?? 0))
            valueStart.append(Int32(values.count))
        }
        // The root's edges as a table by byte (most walks end after a letter or two).
        var rootEdge = [Int32](repeating: -1, count: 128)
        for e in Int(edgeStart[0])..<Int(edgeStart[1]) { rootEdge[Int(edgeLetter[e])] = edgeTarget[e] }
        self.rootEdge = rootEdge
        self.edgeStart = edgeStart
        self.edgeLetter = edgeLetter
        self.edgeTarget = edgeTarget
        self.valueStart = valueStart
        self.valueOffset = valueOffset
        self.values = values
        self.memo = SyllableMemo()
    }

    /// Syllable counts of the short ASCII words this hyphenator has counted, shared by every
    /// thread: the drafts of every practice are the same templates with different names, so the
    /// same few hundred words are counted again and again.
    let memo: SyllableMemo

    let rootEdge: [Int32]
    let edgeStart: [Int32]
    let edgeLetter: [UInt8]
    let edgeTarget: [Int32]
    let valueStart: [Int32]
    let valueOffset: [Int32]
    let values: [UInt8]

    /// The US English patterns of `hyph_en_US.dic` (see Hyphenation+EnUS.swift for their origin and licence).
    public static let englishUS = Hyphenator(patterns: englishUSPatterns)

    /// Positions (counted in Unicode scalars from the start of `word`) where `word` may break.
    public func positions(_ word: String, left: Int = 2, right: Int = 2) -> [Int] {
        let lower = Array(word.lowercased().unicodeScalars)
        let pointed: [Unicode.Scalar] = ["."] + lower + ["."]
        var references = [UInt8](repeating: 0, count: pointed.count + 1)
        if pointed.count >= 2 {
            for i in 0..<(pointed.count - 1) {
                var node = 0
                for j in i..<pointed.count {
                    guard let next = children[node][pointed[j]] else { break }
                    node = Int(next)
                    guard let entry = entries[node] else { continue }
                    for (k, v) in entry.values.enumerated() {
                        let at = i + entry.offset + k
                        if v > references[at] { references[at] = v }
                    }
                }
            }
        }
        let length = word.unicodeScalars.count
        var result: [Int] = []
        for (i, r) in references.enumerated() where r % 2 == 1 {
            let p = i - 1
            if p >= left && p <= length - right { result.append(p) }
        }
        return result
    }

    /// Syllables in one word: its break points plus one.
    public func syllables(_ word: String) -> Int { positions(word).count + 1 }

    /// `syllables(String(word))` for a word given as Unicode scalars, without building strings
    /// when the word is ASCII (the same walk over the same trie, on bytes).
    public func syllables(scalars word: some Collection<Unicode.Scalar>) -> Int {
        guard word.allSatisfy(\.isASCII) else {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: word)
            return syllables(String(v))
        }
        // Up to 15 bytes a String is stored inline (no allocation), so the memo's key is cheap;
        // the walk lower-cases A-Z and nothing else, so lower-cased words share an entry.
        let length = word.count
        guard length <= 15 else { return asciiSyllables(word) }
        let key = String(unsafeUninitializedCapacity: length) { buffer in
            var k = 0
            for u in word {
                let b = UInt8(u.value)
                buffer[k] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                k += 1
            }
            return length
        }
        if let known = memo.count(of: key) { return known }
        let count = asciiSyllables(word)
        memo.remember(key, count)
        return count
    }

    /// `syllables(scalars:)` for an ASCII word, walked every time (the memo's source).
    func asciiSyllables(_ word: some Collection<Unicode.Scalar>) -> Int {
        let length = word.count
        let n = length + 2  // ".word."
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * n + 1) { buffer in
            // The lower-cased word between dots, then the digits on its gaps.
            let pointed = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
            let references = UnsafeMutableBufferPointer(rebasing: buffer[n...])
            pointed[0] = 0x2E
            var k = 1
            for u in word {
                let b = UInt8(u.value)
                pointed[k] = b >= 0x41 && b <= 0x5A ? b + 32 : b
                k += 1
            }
            pointed[n - 1] = 0x2E
            references.initialize(repeating: 0)
            for i in 0..<(n - 1) {
                var node = 0
                for j in i..<n {
                    let letter = pointed[j]
                    if node == 0 {
                        let next = rootEdge[Int(letter)]
                        guard next >= 0 else { break }
                        node = Int(next)
                    } else {
                        var e = Int(edgeStart[node])
                        let end = Int(edgeStart[node + 1])
                        while e < end && edgeLetter[e] < letter { e += 1 }
                        guard e < end && edgeLetter[e] == letter else { break }
                        node = Int(edgeTarget[e])
                    }
                    let from = Int(valueStart[node]), to = Int(valueStart[node + 1])
                    guard from < to else { continue }
                    let at = i + Int(valueOffset[node])
                    for v in from..<to where values[v] > references[at + v - from] {
                        references[at + v - from] = values[v]
                    }
                }
            }
            var count = 1
            for i in 0...n where references[i] % 2 == 1 {
                let p = i - 1
                if p >= 2 && p <= length - 2 { count += 1 }
            }
            return count
        }
    }
}

/// Word -> syllables, behind a lock (the practices are planned on every core at once). Only
/// pure results go in, so what is read never depends on which thread counted it first. It stops
/// growing at `limit` words (a run's vocabulary is a few thousand; the limit bounds memory on
/// unusual input).
// @unchecked Sendable: every access to `counts` holds `lock`.
final class SyllableMemo: @unchecked Sendable {
    static let limit = 1 << 16
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func count(of word: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return counts[word]
    }

    func remember(_ word: String, _ syllables: Int) {
        lock.lock()
        defer { lock.unlock() }
        if counts.count < Self.limit { counts[word] = syllables }
    }

    var size: Int {
        lock.lock()
        defer { lock.unlock() }
        return counts.count
    }
}
