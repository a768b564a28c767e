import Foundation

/// How the practice's texts reach phones, which decides how characters are counted.
public enum SMSGateway: String, Sendable, Hashable, Codable, CaseIterable {
    /// GOV.UK Notify: tidies the text first (curly quotes, dashes, emoji), then counts.
    case notify
    /// A gateway that sends the text as written: one character outside GSM-7 makes the whole text UCS-2.
    case raw
}

/// The character set a text is sent in.
public enum SMSEncoding: String, Sendable, Hashable, Codable {
    case gsm7 = "GSM-7"
    case ucs2 = "UCS-2"
}

/// A character that changes how a text is sent or counted, with what to write instead.
public struct SMSCharacterNote: Sendable, Hashable, Codable {
    /// The character as written.
    public var character: String
    /// What to write instead ("" means: leave it out).
    public var replacement: String
    /// How many times it appears in the text.
    public var count: Int

    public init(character: String, replacement: String, count: Int) {
        self.character = character
        self.replacement = replacement
        self.count = count
    }
}

/// How one text message is counted and charged.
public struct SMSCount: Sendable, Hashable, Codable {
    public var gateway: SMSGateway
    public var encoding: SMSEncoding
    /// Billable characters: GSM-7 septets (an extension character such as `€` or `[` counts 2) or
    /// UCS-2 code units (an emoji outside the Basic Multilingual Plane counts 2), after the
    /// gateway's own changes.
    public var characters: Int
    /// Messages charged (1 up to the single-message limit, then one per part).
    public var fragments: Int
    /// The characters that make the text UCS-2, each with a suggested replacement, in order of first use.
    public var forcingCharacters: [SMSCharacterNote]
    /// Characters the gateway changes before sending (Notify only: curly quotes, dashes, emoji), in order of first use.
    public var changedCharacters: [SMSCharacterNote]

    /// Cost in pence: fragments x price per fragment x recipients.
    public func costPence(pricePerFragmentPence: Double, recipients: Int) -> Double {
        Double(fragments) * pricePerFragmentPence * Double(recipients)
    }
}

/// Counts text messages as GOV.UK Notify counts them, or as a raw SMS gateway does.
///
/// Sizes come from 3GPP TS 23.038 (the GSM 7-bit default alphabet and its extension table) and
/// 3GPP TS 23.040 (a single message carries 140 octets: 160 septets or 70 UCS-2 characters; a part
/// of a longer message loses 6 octets to the concatenation header: 153 septets or 67 characters).
/// Notify's own rules (which characters it keeps, tidies or turns into `?`, and that Welsh accented
/// letters outside GSM make it send UCS-2) are those of GOV.UK Notify's `notifications-utils`
/// (`sanitise_text.py`, `template.py`), and its published price ladder (`text-message-pricing`):
/// up to 160 characters 1 message, 306 2, 459 3; with Welsh accents 70 1, 134 2, 201 3.
public enum SMSCounter {
    public static let gsmSingleLimit = 160
    public static let gsmPartLimit = 153
    public static let ucs2SingleLimit = 70
    public static let ucs2PartLimit = 67

    /// The GSM 7-bit default alphabet as Notify lists it (each character 1 septet).
    static let gsmBasic: Set<Unicode.Scalar> = {
        var s = Set<Unicode.Scalar>()
        let listed = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
        for u in listed.unicodeScalars { s.insert(u) }
        return s
    }()

    /// The extension table as Notify counts it: each character is an escape plus a code, 2 septets.
    static let gsmExtensionNotify: Set<Unicode.Scalar> = Set("^{}\\[~]|€".unicodeScalars)
    /// A raw gateway also sends form feed through the extension table (3GPP TS 23.038, table 6.2.1.1).
    static let gsmExtensionRaw: Set<Unicode.Scalar> = gsmExtensionNotify.union(["\u{0C}"])

    /// Welsh accented letters. Those outside GSM make Notify send the text as UCS-2.
    static let welshAccented: Set<Unicode.Scalar> = Set(
        "àèìòùẁỳÀÈÌÒÙẀỲáéíóúẃýÁÉÍÓÚẂÝâêîôûŵŷÂÊÎÔÛŴŶäëïöüẅÿÄËÏÖÜẄŸ".unicodeScalars)
    static let welshOutsideGSM: Set<Unicode.Scalar> = welshAccented.subtracting(gsmBasic)

    /// The three sets above for ASCII, a byte per character (1: kept by Notify, in `gsmBasic`,
    /// `gsmExtensionNotify` or `welshAccented`; 2: in `gsmExtensionNotify`; 4: in
    /// `welshOutsideGSM`): a text is nearly all ASCII, and hashing every character into the Sets
    /// was most of the count's time.
    static let notifyASCII: [UInt8] = (0..<128).map { v in
        let u = Unicode.Scalar(UInt8(v))
        var bits: UInt8 = 0
        if gsmBasic.contains(u) || gsmExtensionNotify.contains(u) || welshAccented.contains(u) { bits |= 1 }
        if gsmExtensionNotify.contains(u) { bits |= 2 }
        if welshOutsideGSM.contains(u) { bits |= 4 }
        return bits
    }

    /// `u` is in `gsmBasic`, `gsmExtensionNotify` or `welshAccented`.
    @inline(__always)
    static func keptByNotify(_ u: Unicode.Scalar) -> Bool {
        u.value < 128
            ? notifyASCII[Int(u.value)] & 1 != 0
            : gsmBasic.contains(u) || gsmExtensionNotify.contains(u) || welshAccented.contains(u)
    }

    /// `u` is in `gsmExtensionNotify`.
    @inline(__always)
    static func isNotifyExtension(_ u: Unicode.Scalar) -> Bool {
        u.value < 128 ? notifyASCII[Int(u.value)] & 2 != 0 : gsmExtensionNotify.contains(u)
    }

    /// `u` is in `welshOutsideGSM`.
    @inline(__always)
    static func isWelshOutsideGSM(_ u: Unicode.Scalar) -> Bool {
        u.value < 128 ? notifyASCII[Int(u.value)] & 4 != 0 : welshOutsideGSM.contains(u)
    }

    /// Notify's fixed replacements, applied before counting (`SanitiseText.REPLACEMENT_CHARACTERS`).
    static let notifyReplacements: [Unicode.Scalar: String] = [
        "\u{2013}": "-", "\u{2014}": "-", "\u{2026}": "...",
        "\u{2018}": "'", "\u{2019}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
        "\u{180E}": "", "\u{200B}": "", "\u{200C}": "", "\u{200D}": "", "\u{2060}": "", "\u{FEFF}": "",
        "\u{2028}": "", "\u{2029}": "", "\u{00A0}": " ", "\u{202F}": " ", "\t": " ", "\u{0141}": "L", "\u{0142}": "l",
    ]

    /// Counts `text` as `gateway` would.
    public static func count(_ text: String, gateway: SMSGateway) -> SMSCount {
        switch gateway {
        case .notify: return countNotify(text)
        case .raw: return countRaw(text)
        }
    }

    /// What to suggest instead of a character that is not in GSM-7.
    public static func suggestedReplacement(for u: Unicode.Scalar) -> String {
        if let r = notifyReplacements[u] { return r }
        switch u {
        case "`", "\u{2032}", "\u{201A}", "\u{201B}": return "'"
        case "\u{201E}", "\u{201F}", "\u{2033}", "\u{00AB}", "\u{00BB}": return "\""
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2015}", "\u{2212}": return "-"
        case "\u{2022}", "\u{00B7}": return "-"
        case "\u{0C}": return "\n"
        default: break
        }
        if let base = canonicalBase(u), base != u { return String(base) }
        return ""
    }

    /// The first scalar of a character's canonical decomposition (é -> e, ŵ -> w), if it has one.
    static func canonicalBase(_ u: Unicode.Scalar) -> Unicode.Scalar? {
        let decomposed = String(u).decomposedStringWithCanonicalMapping.unicodeScalars
        guard decomposed.count > 1, let first = decomposed.first else { return nil }
        return first
    }

    static func countNotify(_ text: String) -> SMSCount {
        // 1. Tidy as Notify does: keep GSM and Welsh letters, apply the fixed replacements, reduce
        //    other accented letters to their base letter, and turn anything else into "?".
        var tidied: [Unicode.Scalar] = []
        var changed = NoteList()
        for u in text.unicodeScalars {
            if keptByNotify(u) {
                tidied.append(u)
            } else if let r = notifyReplacements[u] {
                tidied.append(contentsOf: r.unicodeScalars)
                changed.add(u, r)
            } else if let base = canonicalBase(u) {
                tidied.append(base)
                changed.add(u, String(base))
            } else {
                tidied.append("?")
                changed.add(u, "?")
            }
        }
        // 2. Welsh letters outside GSM: UCS-2, every character 1 unit.
        var forcing = NoteList()
        for u in tidied where isWelshOutsideGSM(u) { forcing.add(u, suggestedReplacement(for: u)) }
        if !forcing.isEmpty {
            let n = tidied.reduce(0) { $0 + $1.utf16.count }
            let fragments = n <= ucs2SingleLimit ? 1 : (n + ucs2PartLimit - 1) / ucs2PartLimit
            return SMSCount(
                gateway: .notify, encoding: .ucs2, characters: n, fragments: fragments,
                forcingCharacters: forcing.notes, changedCharacters: changed.notes)
        }
        // 3. GSM-7: extension characters count twice.
        let n = tidied.reduce(0) { $0 + (isNotifyExtension($1) ? 2 : 1) }
        let fragments = n <= gsmSingleLimit ? 1 : (n + gsmPartLimit - 1) / gsmPartLimit
        return SMSCount(
            gateway: .notify, encoding: .gsm7, characters: n, fragments: fragments,
            forcingCharacters: [], changedCharacters: changed.notes)
    }

    static func countRaw(_ text: String) -> SMSCount {
        var forcing = NoteList()
        for u in text.unicodeScalars where !gsmBasic.contains(u) && !gsmExtensionRaw.contains(u) {
            forcing.add(u, suggestedReplacement(for: u))
        }
        let units: [Int]
        let encoding: SMSEncoding
        let single: Int, part: Int
        if forcing.isEmpty {
            encoding = .gsm7
            units = text.unicodeScalars.map { gsmExtensionRaw.contains($0) ? 2 : 1 }
            (single, part) = (gsmSingleLimit, gsmPartLimit)
        } else {
            // In UCS-2 every character is one 16-bit unit, extension characters included; a
            // character outside the Basic Multilingual Plane is a surrogate pair.
            encoding = .ucs2
            units = text.unicodeScalars.map { $0.utf16.count }
            (single, part) = (ucs2SingleLimit, ucs2PartLimit)
        }
        let total = units.reduce(0, +)
        return SMSCount(
            gateway: .raw, encoding: encoding, characters: total,
            fragments: packedFragments(units: units, single: single, part: part),
            forcingCharacters: forcing.notes, changedCharacters: [])
    }

    /// Fragments when no character is split across parts: an escape pair (GSM-7) or a surrogate
    /// pair (UCS-2) that would straddle a part boundary moves whole into the next part.
    static func packedFragments(units: [Int], single: Int, part: Int) -> Int {
        let total = units.reduce(0, +)
        if total <= single { return 1 }
        var parts = 1, used = 0
        for u in units {
            if used + u > part {
                parts += 1
                used = u
            } else {
                used += u
            }
        }
        return parts
    }
}

/// Notes collected in order of first appearance, one per distinct character.
struct NoteList {
    private(set) var notes: [SMSCharacterNote] = []
    private var index: [Unicode.Scalar: Int] = [:]

    var isEmpty: Bool { notes.isEmpty }

    mutating func add(_ u: Unicode.Scalar, _ replacement: String) {
        if let i = index[u] {
            notes[i].count += 1
        } else {
            index[u] = notes.count
            notes.append(SMSCharacterNote(character: String(u), replacement: replacement, count: 1))
        }
    }
}
