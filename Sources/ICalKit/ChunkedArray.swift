/// An append-only array kept in fixed chunks of 4096 elements, so growing it never copies
/// and never holds an old and a new buffer at once (a Swift array briefly holds both, and
/// half of its capacity may be unused), which keeps the reader's peak memory near its data.
struct ChunkedArray<Element> {
    private static var shift: Int { 12 }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ e: Element) {
        if count & ((1 << Self.shift) - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(1 << Self.shift)
        }
        chunks[chunks.count - 1].append(e)
        count += 1
    }

    subscript(i: Int) -> Element {
        get { chunks[i >> Self.shift][i & ((1 << Self.shift) - 1)] }
        set { chunks[i >> Self.shift][i & ((1 << Self.shift) - 1)] = newValue }
    }

    /// Keeps the first `n` elements.
    mutating func truncate(to n: Int) {
        precondition(n >= 0 && n <= count)
        while count > n {
            let last = chunks.count - 1
            let drop = min(count - n, chunks[last].count)
            chunks[last].removeLast(drop)
            count -= drop
            if chunks[last].isEmpty { chunks.removeLast() }
        }
    }

    func forEach(_ body: (Element) -> Void) {
        for c in chunks { for e in c { body(e) } }
    }
}
