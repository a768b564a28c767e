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
        for (k, v) in spellings { folded[Self.stem(Self.rawWords(k).first ?? k)] = Self.stem(Self.rawWords(v).first ?? v) }
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

    /// A light stemmer: enough for plurals and US spellings, never for meaning.
    static func stem(_ w: String) -> String {
        var s = w
        if s.hasSuffix("ization") { s = String(s.dropLast(7)) + "isation" }
        else if s.hasSuffix("izations") { s = String(s.dropLast(8)) + "isations" }
        else if s.hasSuffix("ize") || s.hasSuffix("ized") || s.hasSuffix("izes") {
            s = s.replacingOccurrences(of: "iz", with: "is", options: .backwards, range: s.range(of: "iz", options: .backwards))
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
                if p.tokens.count == 1 || Array(tokens[i..<i + p.tokens.count]) == p.tokens {
                    found.append((p, i..<i + p.tokens.count))
                }
            }
        }
        return found
    }
}
