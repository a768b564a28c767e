/// A sentence longer than the NHS's limit.
public struct LongSentence: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public var words: Int
    public var text: String

    public init(line: Int, column: Int, words: Int, text: String) {
        self.line = line
        self.column = column
        self.words = words
        self.text = text
    }
}

/// A paragraph with more sentences than the NHS's limit.
public struct LongParagraph: Sendable, Hashable, Codable {
    public var line: Int
    public var sentences: Int

    public init(line: Int, sentences: Int) {
        self.line = line
        self.sentences = sentences
    }
}

/// A medical or formal word with a plainer one to use first.
public struct JargonFinding: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public var term: String
    public var plain: String

    public init(line: Int, column: Int, term: String, plain: String) {
        self.line = line
        self.column = column
        self.term = term
        self.plain = plain
    }
}

/// Plain English figures for a text.
public struct ReadabilityReport: Sendable, Hashable, Codable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int
    /// Flesch reading ease: 206.835 - 1.015 x words per sentence - 84.6 x syllables per word.
    public var fleschReadingEase: Double
    /// Flesch-Kincaid grade (US school grade): 0.39 x words per sentence + 11.8 x syllables per word - 15.59.
    public var fleschKincaidGrade: Double
    /// UK reading age in years: the grade + 6 (US grade 3 is about age 9).
    public var readingAge: Double
    public var longSentences: [LongSentence]
    public var longParagraphs: [LongParagraph]
    public var jargon: [JargonFinding]
}

/// The Plain English check: Flesch reading ease, Flesch-Kincaid grade, reading age, long sentences
/// and paragraphs, and jargon.
///
/// Words, sentences and syllables are counted as python textstat 0.7.3 counts them (rounding off),
/// so its figures can be used as an independent check; docs/checks.md states the rules.
public enum Readability {
    /// NHS content guide ("How we write", NHS digital service manual): sentences of up to 20 words,
    /// paragraphs of up to 3 sentences, a reading age of 9 to 11.
    public static let maxWordsPerSentence = 20
    public static let maxSentencesPerParagraph = 3
    public static let targetReadingAge = 11.0
    /// Reading age = US grade + 6: US grade 3 is about UK age 9 (Year 4).
    public static let gradeToAge = 6.0

    /// Checks `text`. Web addresses and hashtags are blanked out first (they are not prose, and the
    /// full stops in an address would split sentences) unless `keepLinks` is set.
    public static func check(_ text: String, keepLinks: Bool = false, hyphenator: Hyphenator = .englishUS) -> ReadabilityReport {
        let locator = TextLocator(text)
        let scalars = keepLinks ? locator.scalars : blankingLinks(locator.scalars)
        let words = wordCount(scalars[...])
        let syllables = syllableCount(scalars[...], hyphenator: hyphenator)
        let spans = sentenceSpans(scalars[...])
        let counted = spans.filter { wordCount(scalars[$0]) > 2 }
        let sentences = max(1, counted.count)
        let asl = Double(words) / Double(sentences)
        let asw = words == 0 ? 0 : Double(syllables) / Double(words)
        let fre = 206.835 - 1.015 * asl - 84.6 * asw
        let grade = 0.39 * asl + 11.8 * asw - 15.59

        var long: [LongSentence] = []
        for span in spans {
            let n = wordCount(scalars[span])
            guard n > maxWordsPerSentence else { continue }
            guard let first = span.first(where: { !PyChar.isSpace(scalars[$0]) }) else { continue }
            let (line, column) = locator.location(of: first)
            let body = locator.string(first..<span.upperBound)
            long.append(LongSentence(line: line, column: column, words: n, text: collapseSpaces(body)))
        }

        var paragraphs: [LongParagraph] = []
        for p in paragraphRanges(scalars) {
            let n = sentenceSpans(scalars[p]).filter { wordCount(scalars[$0]) > 2 }.count
            if n > maxSentencesPerParagraph {
                let start = p.first(where: { !PyChar.isSpace(scalars[$0]) }) ?? p.lowerBound
                paragraphs.append(LongParagraph(line: locator.location(of: start).line, sentences: n))
            }
        }

        return ReadabilityReport(
            words: words, sentences: sentences, syllables: syllables,
            fleschReadingEase: fre, fleschKincaidGrade: grade, readingAge: grade + gradeToAge,
            longSentences: long, longParagraphs: paragraphs,
            jargon: Jargon.findings(in: locator))
    }

    /// Words: after removing every character that is neither a word character nor white space
    /// (so "don't" and "well-being" are one word each), the runs between white space.
    static func wordCount(_ s: ArraySlice<Unicode.Scalar>) -> Int {
        var count = 0, inWord = false
        for u in s {
            if PyChar.isSpace(u) {
                inWord = false
            } else if PyChar.isWord(u) {
                if !inWord { count += 1 }
                inWord = true
            }
        }
        return count
    }

    /// Each word's syllables from its hyphenation points, summed.
    static func syllableCount(_ s: ArraySlice<Unicode.Scalar>, hyphenator: Hyphenator) -> Int {
        var total = 0
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(32)
        func flush() {
            if !word.isEmpty { total += hyphenator.syllables(scalars: word) }
            word.removeAll(keepingCapacity: true)
        }
        for u in s {
            if PyChar.isSpace(u) {
                flush()
            } else if PyChar.isWord(u) {
                word.append(u)
            }
        }
        flush()
        return total
    }

    static func isTerminator(_ u: Unicode.Scalar) -> Bool { u == "." || u == "!" || u == "?" }

    /// Sentences as textstat finds them (the regular expression `\b[^.!?]+[.!?]*`): from a word
    /// boundary, a run of characters other than `.`, `!` and `?`, then any run of those.
    static func sentenceSpans(_ s: ArraySlice<Unicode.Scalar>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var p = s.startIndex
        let end = s.endIndex
        func isWord(_ i: Int) -> Bool { i >= s.startIndex && i < end && PyChar.isWord(s[i]) }
        while p < end {
            if !isTerminator(s[p]) && isWord(p - 1) != isWord(p) {
                var q = p
                while q < end && !isTerminator(s[q]) { q += 1 }
                while q < end && isTerminator(s[q]) { q += 1 }
                spans.append(p..<q)
                p = q
            } else {
                p += 1
            }
        }
        return spans
    }

    /// Paragraphs: runs of lines separated by one or more blank lines.
    static func paragraphRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0, i = 0
        var lineStart = 0, lineBlank = true
        while i <= s.count {
            if i == s.count || s[i] == "\n" {
                if lineBlank {
                    if lineStart > start { ranges.append(start..<lineStart) }
                    start = min(i + 1, s.count)
                }
                lineStart = i + 1
                lineBlank = true
            } else if !PyChar.isSpace(s[i]) {
                lineBlank = false
            }
            i += 1
        }
        if start < s.count { ranges.append(start..<s.count) }
        return ranges
    }

    /// Replaces web addresses (http://, https://, www.) and hashtags with spaces, keeping every offset.
    static func blankingLinks(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out = s
        for r in linkRanges(s) { for i in r { out[i] = " " } }
        for r in SocialCheck.hashtagRanges(out) { for i in r { out[i] = " " } }
        return out
    }

    /// Ranges of web addresses: a token starting `http://`, `https://` or `www.`, up to white space,
    /// without trailing punctuation.
    public static func linkRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            let atTokenStart = i == 0 || PyChar.isSpace(s[i - 1]) || s[i - 1] == "(" || s[i - 1] == "\""
            if atTokenStart && (hasPrefix(s, i, "https://") || hasPrefix(s, i, "http://") || hasPrefix(s, i, "www.")) {
                var j = i
                while j < s.count && !PyChar.isSpace(s[j]) { j += 1 }
                while j > i && ".,;:!?)\"'".unicodeScalars.contains(s[j - 1]) { j -= 1 }
                ranges.append(i..<j)
                i = j
            } else {
                i += 1
            }
        }
        return ranges
    }

    static func hasPrefix(_ s: [Unicode.Scalar], _ at: Int, _ prefix: String) -> Bool {
        var i = at
        for u in prefix.unicodeScalars {
            guard i < s.count, Unicode.Scalar(UInt8(truncatingIfNeeded: lower(s[i]).value)) == u,
                lower(s[i]).value < 128
            else { return false }
            i += 1
        }
        return true
    }

    static func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
        (u.value >= 65 && u.value <= 90) ? Unicode.Scalar(u.value + 32)! : u
    }

    static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
