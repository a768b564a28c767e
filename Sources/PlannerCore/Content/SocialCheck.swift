import Foundation

/// A post's length on one platform against that platform's limit.
public struct PlatformLength: Sendable, Hashable, Codable {
    public var platform: SocialPlatform
    /// Characters as the platform counts them.
    public var length: Int
    /// The platform's limit, or nil when we know none.
    public var limit: Int?
    public var fits: Bool { limit.map { length <= $0 } ?? true }
}

/// A hashtag that screen readers would read as one long word.
public struct HashtagFinding: Sendable, Hashable, Codable {
    public var hashtag: String
    public var line: Int
    public var column: Int
    public var hint: String
}

/// The social check of one post.
public struct SocialCheckResult: Sendable, Hashable, Codable {
    public var lengths: [PlatformLength]
    public var hasLink: Bool
    public var hashtags: [String]
    public var hashtagFindings: [HashtagFinding]
    public var codeOfConductRequired: Bool
    public var codeOfConductPresent: Bool

    /// Plain-English problems, in a fixed order; empty when the post passes.
    public var problems: [String] {
        var p: [String] = []
        for l in lengths where !l.fits {
            p.append("The post has \(l.length) characters; \(SocialCheck.displayName(l.platform)) allows \(l.limit ?? 0).")
        }
        if !hasLink { p.append("The post has no link: add the NHS.UK or GOV.UK page for the service.") }
        for h in hashtagFindings { p.append(h.hint) }
        if codeOfConductRequired && !codeOfConductPresent {
            p.append("Comments are open, so add the line: \(SocialCheck.codeOfConduct)")
        }
        return p
    }

    public var passes: Bool { problems.isEmpty }
}

/// The social media check: length per platform, a link, CamelCase hashtags and the code-of-conduct line.
public enum SocialCheck {
    /// The line that tells patients not to use social media for their care. The General Practice
    /// Guide (NHS England, "Social media") asks practices to publish a code of conduct telling
    /// patients they cannot book or cancel appointments through social media.
    public static let codeOfConduct =
        "Please don't use this page to book, cancel or discuss your care. Call us or use the NHS App."

    /// Post length limits as the platforms publish them: X 280 characters (X Help Center,
    /// "Counting characters"), Facebook 63,206, Instagram 2,200 for a caption (Instagram Help
    /// Centre), LinkedIn 3,000 for a post (LinkedIn Help), Threads 500, Bluesky 300 (Bluesky's post
    /// record, `app.bsky.feed.post`, maxGraphemes 300). Not read from the primary pages here: the
    /// figures agree with secondary summaries (Ferryman, "Character limits", 2026; a social planner's
    /// help page gives IG 2,200, LI 3,000, X 280 and a lower 62,000 of its own for Facebook).
    /// Other platforms: no limit is checked.
    public static func limit(_ platform: SocialPlatform) -> Int? {
        switch platform {
        case .x: return 280
        case .facebook: return 63_206
        case .instagram: return 2_200
        case .linkedin: return 3_000
        case .threads: return 500
        case .bluesky: return 300
        case .tiktok, .nextdoor, .youtube, .whatsapp: return nil
        }
    }

    public static func displayName(_ p: SocialPlatform) -> String {
        switch p {
        case .x: return "X (Twitter)"
        case .facebook: return "Facebook"
        case .instagram: return "Instagram"
        case .linkedin: return "LinkedIn"
        case .threads: return "Threads"
        case .bluesky: return "Bluesky"
        case .tiktok: return "TikTok"
        case .nextdoor: return "Nextdoor"
        case .youtube: return "YouTube"
        case .whatsapp: return "WhatsApp"
        }
    }

    /// X counts a link as 23 characters (every link is shortened to t.co), Latin letters and common
    /// punctuation as 1, and other characters (emoji, CJK) as 2 (X Help Center, "Counting characters").
    public static func xLength(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        let links = Readability.linkRanges(scalars)
        var total = 0
        var i = 0
        var linkIndex = 0
        // Characters outside links, counted by grapheme.
        var run = String.UnicodeScalarView()
        func flush() {
            for c in String(run) {
                let us = c.unicodeScalars
                if us.count == 1, let u = us.first, isLightX(u) { total += 1 } else { total += 2 }
            }
            run = String.UnicodeScalarView()
        }
        while i < scalars.count {
            if linkIndex < links.count && links[linkIndex].lowerBound == i {
                flush()
                total += 23
                i = links[linkIndex].upperBound
                linkIndex += 1
            } else {
                run.append(scalars[i])
                i += 1
            }
        }
        flush()
        return total
    }

    static func isLightX(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v <= 0x10FF || (0x2000...0x200D).contains(v) || (0x2010...0x201F).contains(v) || (0x2032...0x2037).contains(v)
    }

    /// Length as a platform counts it: X by its weights, the others by characters as people see them.
    public static func length(_ text: String, on platform: SocialPlatform) -> Int {
        platform == .x ? xLength(text) : text.count
    }

    /// Checks a post for the given platforms. `commentsOpen` says whether the code-of-conduct line is required.
    public static func check(_ text: String, platforms: [SocialPlatform], commentsOpen: Bool) -> SocialCheckResult {
        let sortedPlatforms = Array(Set(platforms)).sorted { $0.rawValue < $1.rawValue }
        let lengths = sortedPlatforms.map {
            PlatformLength(platform: $0, length: length(text, on: $0), limit: limit($0))
        }
        let locator = TextLocator(text)
        let hasLink = !Readability.linkRanges(locator.scalars).isEmpty
        var tags: [String] = []
        var findings: [HashtagFinding] = []
        for r in hashtagRanges(locator.scalars) {
            let tag = locator.string(r)
            tags.append(tag)
            if !isCamelCase(tag) {
                let (line, column) = locator.location(of: r.lowerBound)
                findings.append(
                    HashtagFinding(
                        hashtag: tag, line: line, column: column,
                        hint: "Write \(tag) with a capital letter at the start of each word (for example #TimeToTalkDay), so screen readers read the words."
                    ))
            }
        }
        return SocialCheckResult(
            lengths: lengths, hasLink: hasLink, hashtags: tags, hashtagFindings: findings,
            codeOfConductRequired: commentsOpen, codeOfConductPresent: containsCodeOfConduct(text))
    }

    /// Whether `text` carries the code-of-conduct line (curly apostrophes and spacing aside).
    public static func containsCodeOfConduct(_ text: String) -> Bool {
        if let ascii = containsCodeOfConductASCII(text) { return ascii }
        func norm(_ s: String) -> String {
            s.replacingOccurrences(of: "\u{2019}", with: "'").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        return norm(text).contains(norm(codeOfConduct))
    }

    /// `containsCodeOfConduct` for an ASCII text, on its bytes (nil for any other text). In ASCII
    /// every character is one byte but "\r\n", white space is tab to carriage return and space,
    /// and there is no curly apostrophe: the text's runs of white space become one space, its
    /// leading and trailing white space goes, and the line (ASCII, single-spaced) is searched for.
    static func containsCodeOfConductASCII(_ text: String) -> Bool? {
        var normalized: [UInt8] = []
        normalized.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for b in text.utf8 {
            guard b < 0x80 else { return nil }
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                pendingSpace = !normalized.isEmpty
            } else {
                if pendingSpace { normalized.append(0x20) }
                pendingSpace = false
                normalized.append(b)
            }
        }
        let line = codeOfConductBytes
        guard line.count <= normalized.count else { return false }
        let first = line[0]
        for start in 0...(normalized.count - line.count) where normalized[start] == first {
            var k = 1
            while k < line.count && normalized[start + k] == line[k] { k += 1 }
            if k == line.count { return true }
        }
        return false
    }

    static let codeOfConductBytes = Array(codeOfConduct.utf8)

    /// Hashtags: `#` at the start of a word, then letters, digits and underscores.
    static func hashtagRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            if s[i] == "#", i == 0 || !PyChar.isWord(s[i - 1]) && s[i - 1] != "/" && s[i - 1] != "&" {
                var j = i + 1
                while j < s.count && PyChar.isWord(s[j]) { j += 1 }
                if j > i + 1 && s[(i + 1)..<j].contains(where: { $0.properties.isAlphabetic }) {
                    ranges.append(i..<j)
                }
                i = j
            } else {
                i += 1
            }
        }
        return ranges
    }

    /// A hashtag is readable when it starts with a capital or a digit and is not all capitals
    /// beyond a short acronym (#NHS is fine, #TIMETOTALK is not).
    public static func isCamelCase(_ tag: String) -> Bool {
        let letters = tag.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard let first = tag.unicodeScalars.dropFirst().first else { return false }
        if first.properties.isLowercase { return false }
        let upper = letters.filter { $0.properties.isUppercase }.count
        if upper == letters.count && letters.count > 4 { return false }
        return true
    }

    /// The CamelCase hashtag for a title: "Time to Talk Day" -> "#TimeToTalkDay",
    /// "Men's Health Week" -> "#MensHealthWeek", "COVID-19 vaccine" -> "#COVID19Vaccine".
    /// A tag given already (`X-GP-HASHTAG`) keeps its own capitals, with a capital first letter.
    public static func hashtag(fromTitle title: String) -> String {
        var out = "#"
        var startOfWord = true
        for u in title.unicodeScalars {
            if PyChar.isWord(u) && u != "_" {
                if startOfWord {
                    out += String(u).uppercased()
                } else {
                    out.unicodeScalars.append(u)
                }
                startOfWord = false
            } else if u == "'" || u == "\u{2019}" {
                continue  // Men's -> Mens
            } else {
                startOfWord = true
            }
        }
        return out
    }
}
