import Foundation
import PlannerCore

/// The RFC 5322 / MIME pieces the digest needs, written by hand because they are small and
/// must be byte-exact: header fields with RFC 2047 encoded words and folding, quoted-printable
/// (RFC 2045 §6.7) and base64 bodies. Every line ends in CRLF and is at most 78 characters.
enum MIME {
    static let crlf = "\r\n"

    // MARK: Header fields

    /// `Name: value`, folded at spaces so that no line passes 76 characters (RFC 5322 §2.2.3;
    /// RFC 2047 §2 keeps lines with encoded words to 76), unless one word alone is longer. A
    /// first word that does not fit beside the name starts the next line. `value` must be ASCII
    /// (use `encodedWords` or `mailbox` first).
    static func header(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if line.utf8.count + 1 + word.utf8.count > 76, !line.allSatisfy({ $0 == " " }) {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: crlf) + crlf
    }

    /// Whether `s` can go into a header as it is: printable ASCII only.
    static func isPlainASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    /// `s` as it is when printable ASCII, else RFC 2047 `=?utf-8?B?...?=` words of at most 75
    /// characters, split between whole characters, separated by spaces (folding points).
    static func encodedWords(_ s: String) -> String {
        if isPlainASCII(s) { return s }
        var words: [String] = []
        var chunk: [UInt8] = []
        // 75 - len("=?utf-8?B?") - len("?=") = 63 base64 characters, so 45 bytes per word.
        for ch in s {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(word(chunk)) }
        return words.joined(separator: " ")
    }

    private static func word(_ bytes: [UInt8]) -> String { "=?utf-8?B?" + Data(bytes).base64EncodedString() + "?=" }

    /// A mailbox for From, To and Reply-To: the display name as atoms, a quoted string or
    /// encoded words, then the address in angle brackets.
    static func mailbox(_ a: MailAddress) -> String {
        guard let name = a.name, !name.isEmpty else { return a.address }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        let shown: String
        if !isPlainASCII(name) {
            shown = encodedWords(name)
        } else if name.utf8.allSatisfy({ atext.contains($0) }) {
            shown = name
        } else {
            shown = "\"" + name + "\""
        }
        return "\(shown) <\(a.address)>"
    }

    /// `Mon, 18 Jan 2027 07:00:00 +0000` (RFC 5322 §3.3) for a UTC stamp.
    static func date(_ d: CivilDate, hour: Int, minute: Int, second: Int) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[d.isoWeekday - 1]), \(two(d.day)) \(months[d.month - 1]) \(d.year) "
            + "\(two(hour)):\(two(minute)):\(two(second)) +0000"
    }

    // MARK: Bodies

    /// Quoted-printable UTF-8 (RFC 2045 §6.7): line ends become CRLF, `=`, control and non-ASCII
    /// bytes become `=XX`, a space or tab before a line end is encoded, and soft line breaks keep
    /// every line at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [String] = []
        let normal = text.replacingOccurrences(of: "\r\n", with: "\n")
        for line in normal.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var encoded: [[UInt8]] = []
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let plain = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 32 || b == 9) && !last)
                encoded.append(plain ? [b] : [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]])
            }
            var current: [UInt8] = []
            for e in encoded {
                if current.count + e.count > 75 {
                    out.append(String(decoding: current + [UInt8(ascii: "=")], as: UTF8.self))
                    current = []
                }
                current += e
            }
            out.append(String(decoding: current, as: UTF8.self))
        }
        return out.joined(separator: crlf)
    }

    /// Base64 in lines of 76 characters.
    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }
}
