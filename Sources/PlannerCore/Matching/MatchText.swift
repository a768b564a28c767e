import Foundation

/// Turns text into the word tokens the matcher compares: lower case, accents folded,
/// possessive "'s" dropped ("Men's" -> "men"), "&" read as "and", simple plurals folded
/// ("carers" -> "carer", "allergies" -> "allergy"), "-ize" spellings made "-ise", then
/// the taxonomy's own spelling table applied (`tumor: tumour`). Phrases from the taxonomy
/// go through the same function, so both sides always agree.
public struct MatchText: Sendable {
    public let spellings: [String: String]

    public init(spellings: [String: String] = [:]) {
        var folded: [String: String] = [:]
        for (k, v) in spellings.sorted(by: { $0.key < $1.key }) { folded[Self.stem(Self.rawWords(k).first ?? k)] = Self.stem(Self.rawWords(v).first ?? v) }
        self.spellings = folded
    }

    public func tokens(_ text: String) -> [String] {
        Self.rawWords(text).map { w in
            let s = Self.stem(w)
            return spellings[s] ?? s
        }
    }

    /// Words before stemming: letters and digits, apostrophes handled as described above.
    static func rawWords(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text) }
        if let folded = asciiFolded(text) { return asciiWords(folded) }
        let lowered = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var current = ""
        let chars = Array(lowered)
        var i = 0
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        while i < chars.count {
            let ch = chars[i]
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if ch == "'" || ch == "’" || ch == "‘" || ch == "`" {
                // "men's" -> "men"; "don't" -> "dont"; a quote at a word edge is dropped.
                let next = i + 1 < chars.count ? chars[i + 1] : " "
                let after = i + 2 < chars.count ? chars[i + 2] : " "
                if !current.isEmpty, next == "s", !(after.isLetter || after.isNumber) {
                    flush()
                    i += 2
                    continue
                }
                if current.isEmpty || !(next.isLetter || next.isNumber) { flush() }
            } else if ch == "&" || ch == "+" {
                flush()
                words.append("and")
            } else {
                flush()
            }
            i += 1
        }
        flush()
        return words
    }

    /// Text with its typographic punctuation made ASCII (curly quotes, dashes, ellipsis, special
    /// spaces) and accented Latin letters folded ("café" -> "cafe"), or nil when anything else
    /// is left that is not ASCII. Lets most feed text take the byte path below.
    static func asciiFolded(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            if u.isASCII {
                out.append(UInt8(u.value))
                continue
            }
            switch u.value {
            case 0x2018, 0x2019, 0x02BC: out.append(0x27)  // '
            case 0x201C, 0x201D, 0x00AB, 0x00BB: out.append(0x22)  // "
            case 0x2010...0x2015: out.append(0x2D)  // -
            case 0x2026: out.append(0x2E)  // .
            case 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F: out.append(0x20)
            case 0x00C0...0x024F:
                let f = String(Character(u)).folding(options: [.diacriticInsensitive], locale: nil)
                guard f.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
                out.append(contentsOf: f.utf8)
            default:
                return nil
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same rules as `rawWords`, on ASCII bytes (most feed text), without Foundation.
    /// A hashtag is also split where its case changes: "#TimeToTalkDay" -> time, to, talk, day.
    static func asciiWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var hashtag = false
        current.reserveCapacity(16)
        let bytes = Array(text.utf8)
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        func isWordByte(_ b: UInt8) -> Bool { isLower(b) || isUpper(b) || (b >= 0x30 && b <= 0x39) }
        func emit(_ w: ArraySlice<UInt8>) {
            if !w.isEmpty { words.append(String(decoding: w.map { isUpper($0) ? $0 + 32 : $0 }, as: UTF8.self)) }
        }
        func flush() {
            if hashtag {
                var start = current.startIndex
                for k in current.indices.dropFirst() where isUpper(current[k]) && isLower(current[k - 1]) {
                    emit(current[start..<k])
                    start = k
                }
                emit(current[start...])
            } else {
                emit(current[...])
            }
            current.removeAll(keepingCapacity: true)
            hashtag = false
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if isWordByte(b) {
                if current.isEmpty, i > 0, bytes[i - 1] == 0x23 { hashtag = true }  // "#"
                current.append(b)
            } else if b == 0x27 || b == 0x60 {  // ' or `
                let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0x20
                let after: UInt8 = i + 2 < bytes.count ? bytes[i + 2] : 0x20
                if !current.isEmpty, next == 0x73 || next == 0x53, !isWordByte(after) {
                    flush()
                    i += 2
                    continue
                }
                if current.isEmpty || !isWordByte(next) { flush() }
            } else if b == 0x26 || b == 0x2B {  // & or +
                flush()
                words.append("and")
            } else {
                flush()
            }
            i += 1
        }
        flush()
        return words
    }

    /// A light stemmer: enough for plurals and US spellings, never for meaning.
    static func stem(_ w: String) -> String {
        var s = w
        if s.hasSuffix("ization") { s = String(s.dropLast(7)) + "isation" }
        else if s.hasSuffix("izations") { s = String(s.dropLast(8)) + "isations" }
        else {
            for (us, uk) in [("ize", "ise"), ("ized", "ised"), ("izes", "ises")] where s.hasSuffix(us) {
                s = String(s.dropLast(us.count)) + uk
                break
            }
        }
        if s.count > 4, s.hasSuffix("ies") { return String(s.dropLast(3)) + "y" }
        if s.count > 4, s.hasSuffix("s"), !s.hasSuffix("ss"), !s.hasSuffix("us"), !s.hasSuffix("is") {
            return String(s.dropLast())
        }
        return s
    }
}

/// Phrases compiled for fast lookup: an index from a phrase's first token to the phrases
/// that start with it, so a text of n tokens costs about n dictionary look-ups.
struct PhraseIndex: Sendable {
    struct Phrase: Sendable {
        var tokens: [String]
        var text: String
        var payload: Int
    }

    private var byFirst: [String: [Phrase]] = [:]

    init() {}

    mutating func add(_ text: String, payload: Int, using m: MatchText) {
        let t = m.tokens(text)
        guard let first = t.first else { return }
        byFirst[first, default: []].append(Phrase(tokens: t, text: text, payload: payload))
    }

    /// Every phrase found in `tokens` with the token range it covers, in the order they
    /// start (ties: the phrase's insertion order).
    func matches(in tokens: [String]) -> [(phrase: Phrase, range: Range<Int>)] {
        var found: [(phrase: Phrase, range: Range<Int>)] = []
        for i in tokens.indices {
            guard let candidates = byFirst[tokens[i]] else { continue }
            for p in candidates where i + p.tokens.count <= tokens.count {
                var same = true
                for k in 1..<max(p.tokens.count, 1) where tokens[i + k] != p.tokens[k] {
                    same = false
                    break
                }
                if same {
                    found.append((p, i..<i + p.tokens.count))
                }
            }
        }
        return found
    }
}
