import Foundation

/// Ids that survive re-planning: derived from the campaign's title and its occurrence
/// start date only, never from a send date or a feed's UID (issue 5 item 4).
public enum StableID {
    /// `slug(title)-YYYY-MM-DD`, e.g. "world-kidney-day-2027-03-11".
    public static func campaign(title: String, start: CivilDate) -> String {
        let s = slug(title)
        return (s.isEmpty ? "campaign" : s) + "-" + start.iso
    }

    /// `<campaign id>-<channel>-<n>`, n counting from 1 in the channel's fixed role order
    /// (launch or heads-up first, then reminder or on-the-day).
    public static func item(campaign: String, channel: PlanChannel, number: Int) -> String {
        "\(campaign)-\(channel.rawValue)-\(number)"
    }

    /// Lower-case ASCII letters and digits joined by single hyphens. Accents are folded
    /// ("Café" -> "cafe") and apostrophes dropped ("Women's" -> "womens").
    public static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive], locale: nil).lowercased()
        var out = ""
        var pendingHyphen = false
        for ch in folded.unicodeScalars {
            if ch == "'" || ch == "\u{2019}" || ch == "\u{2018}" { continue }
            if ("a"..."z").contains(ch) || ("0"..."9").contains(ch) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(ch)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
