/// Turns a title into the slug part of a stable id: lower-case ASCII letters and digits
/// joined by single hyphens, e.g. "Crohn's & Colitis Awareness Week" -> "crohns-colitis-awareness-week".
///
/// Ids are a contract with decisions files (and, later, calendar UIDs), so the folding is a
/// fixed table written here, not Foundation's `folding(options:locale:)`, whose result depends
/// on the platform's Unicode data. The rules, in order, for each Unicode scalar of the title:
///
/// 1. `A`-`Z` become `a`-`z`; `a`-`z` and `0`-`9` are kept.
/// 2. A letter in `foldingTable` becomes its ASCII spelling: Latin letters with diacritics
///    lose them ("é" -> "e", "ŵ" -> "w", "ł" -> "l"), ligatures and special letters are
///    spelt out ("æ" -> "ae", "œ" -> "oe", "ß" -> "ss", "þ" -> "th", "ﬁ" -> "fi").
/// 3. Apostrophes (`'`, `’`, `‘`, `ʼ`) and combining diacritical marks (U+0300 to U+036F)
///    are dropped, so "Women's" and "Women’s" both give "womens", and a decomposed "é" is "e".
/// 4. Anything else (spaces, `&`, dashes, other punctuation, other scripts) separates words:
///    a run of them becomes one hyphen, and none is kept at either end.
///
/// Changing the table changes ids: decisions written against the old ids become stale.
public enum Slug {
    /// The slug of `text` (empty when it has no letter or digit that folds to ASCII).
    public static func make(_ text: String) -> String {
        // ASCII text (every title and task so far) on its bytes, each byte doing what
        // `plainMake` does with it (`asciiAction`): no String built per letter.
        let fast: String?? = text.utf8.withContiguousStorageIfAvailable { b -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pendingHyphen = false
            for x in b {
                guard x < 0x80 else { return nil }
                let a = asciiAction[Int(x)]
                switch a {
                case 0: continue
                case 1: pendingHyphen = true
                case 0xFF: return nil
                default:
                    if pendingHyphen && !out.isEmpty { out.append(0x2D) }
                    pendingHyphen = false
                    out.append(a)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        if let f = fast, let slug = f { return slug }
        return plainMake(text)
    }

    /// What `plainMake` does with each ASCII byte: 0 drops it, 1 makes it a word break, 0xFF
    /// leaves the text to `plainMake` (a spelling of more than one letter), any other value is
    /// the byte written.
    static let asciiAction: [UInt8] = (0..<128).map { b -> UInt8 in
        let scalar = Unicode.Scalar(UInt8(b))
        switch b {
        case 0x61...0x7A, 0x30...0x39: return UInt8(b)
        case 0x41...0x5A: return UInt8(b + 0x20)
        default:
            if dropped.contains(scalar) { return 0 }
            guard let folded = foldingTable[scalar] else { return 1 }
            let bytes = Array(folded.utf8)
            return bytes.count == 1 && bytes[0] > 1 && bytes[0] < 0xFF ? bytes[0] : 0xFF
        }
    }

    /// `make` scalar by scalar (the plain code the ASCII path is checked against).
    static func plainMake(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let piece: String
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39: piece = String(scalar)
            case 0x41...0x5A: piece = String(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x300...0x36F: continue
            default:
                if dropped.contains(scalar) { continue }
                guard let folded = foldingTable[scalar] else {
                    pendingHyphen = true
                    continue
                }
                piece = folded
            }
            if pendingHyphen && !out.isEmpty { out.append("-") }
            pendingHyphen = false
            out += piece
        }
        return out
    }

    /// Apostrophes: dropped inside words.
    static let dropped: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}"]

    /// Each ASCII spelling and the letters (upper and lower case) that fold to it.
    public static let spellings: [(ascii: String, letters: String)] = [
        ("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄą"),
        ("c", "ÇçĆćĈĉĊċČč"),
        ("d", "ÐðĎďĐđ"),
        ("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě"),
        ("g", "ĜĝĞğĠġĢģ"),
        ("h", "ĤĥĦħ"),
        ("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı"),
        ("j", "Ĵĵ"),
        ("k", "Ķķĸ"),
        ("l", "ĹĺĻļĽľĿŀŁł"),
        ("n", "ÑñŃńŅņŇňŉŊŋ"),
        ("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő"),
        ("r", "ŔŕŖŗŘř"),
        ("s", "ŚśŜŝŞşŠšſ"),
        ("t", "ŢţŤťŦŧ"),
        ("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų"),
        ("w", "ŴŵẀẁẂẃẄẅ"),
        ("y", "ÝýÿŶŷŸỲỳ"),
        ("z", "ŹźŻżŽž"),
        ("ae", "Ææ"),
        ("oe", "Œœ"),
        ("ss", "ß"),
        ("th", "Þþ"),
        ("ij", "Ĳĳ"),
        ("ff", "\u{FB00}"),
        ("fi", "\u{FB01}"),
        ("fl", "\u{FB02}"),
        ("ffi", "\u{FB03}"),
        ("ffl", "\u{FB04}"),
        ("st", "\u{FB05}\u{FB06}"),
    ]

    /// `spellings` by letter.
    static let foldingTable: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for (ascii, letters) in spellings {
            for s in letters.unicodeScalars {
                precondition(table[s] == nil, "a letter folds one way only")
                table[s] = ascii
            }
        }
        return table
    }()
}
