/// A campaign's stable id, `slug(title)-YYYY-MM-DD` of the occurrence's first day, e.g.
/// "world-kidney-day-2027-03-11". It survives re-planning: it never holds a send date or a
/// feed's UID. Built and parsed only here; decisions files name campaigns by it.
public struct CampaignID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// The id of the campaign for the day titled `title` that starts on `start`; a title with
    /// nothing to slug gives "campaign-YYYY-MM-DD".
    public init(title: String, start: CivilDate) {
        let s = Slug.make(title)
        rawValue = (s.isEmpty ? "campaign" : s) + "-" + start.iso
    }

    /// Parses an id as written in a decisions file: lower-case ASCII letters, digits and
    /// hyphens, ending in a hyphen and a real date. Nil otherwise.
    public init?(rawValue text: String) {
        // On bytes: every character must be one of these ASCII bytes, so characters are bytes.
        let utf8 = text.utf8
        guard utf8.count > 11,
            utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }),
            utf8[utf8.index(utf8.endIndex, offsetBy: -11)] == 0x2D, CivilDate(iso: text.suffix(10))?.isValid == true
        else { return nil }
        rawValue = text
    }

    /// The first day of the occurrence (the id's date part).
    public var start: CivilDate { CivilDate(iso: rawValue.suffix(10))! }

    public var description: String { rawValue }

    public static func < (a: CampaignID, b: CampaignID) -> Bool { a.rawValue < b.rawValue }
}

/// An item's stable id, `<campaign id>-<channel>-<n>`, e.g. "world-kidney-day-2027-03-11-sms-1":
/// n counts from 1 in the channel's fixed role order (launch or heads-up first, then reminder
/// or on-the-day). Built and parsed only here.
public struct ItemID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var campaign: CampaignID
    public var channel: PlanChannel
    /// 1 or more.
    public var number: Int

    public init(campaign: CampaignID, channel: PlanChannel, number: Int) {
        precondition(number >= 1, "item numbers count from 1")
        self.campaign = campaign
        self.channel = channel
        self.number = number
    }

    /// Parses an item id: a campaign id, a channel name and a number from 1, joined by
    /// hyphens. Nil otherwise (a campaign id alone is not an item id).
    public init?(rawValue text: String) {
        // ASCII text (every valid id is) on its bytes: the same three pieces as the split by
        // Characters below, found from the last two hyphens.
        if let parsed = Self.parseASCII(text) {
            guard let id = parsed else { return nil }
            self = id
            return
        }
        guard let id = Self.plainParse(text) else { return nil }
        self = id
    }

    /// `plainParse(text)` for ASCII text (nil when `text` is not ASCII; `.some(nil)` when it
    /// is no item id).
    static func parseASCII(_ text: String) -> ItemID?? {
        let u = text.utf8
        guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
        var hyphens = 0
        var last: String.Index?, second: String.Index?
        var i = u.endIndex
        while i > u.startIndex {
            i = u.index(before: i)
            if u[i] == 0x2D {
                hyphens += 1
                if last == nil { last = i } else if second == nil { second = i }
            }
        }
        guard hyphens >= 5, let last, let second, let n = Int(text[u.index(after: last)...]), n >= 1,
            let channel = PlanChannel(rawValue: String(text[u.index(after: second)..<last])),
            let campaign = CampaignID(rawValue: String(text[..<second]))
        else { return .some(nil) }
        return .some(ItemID(campaign: campaign, channel: channel, number: n))
    }

    /// The parse by Characters (the plain code `parseASCII` is checked against).
    static func plainParse(_ text: String) -> ItemID? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 6, let last = parts.last, let n = Int(last), n >= 1,
            let channel = PlanChannel(rawValue: String(parts[parts.count - 2])),
            let campaign = CampaignID(rawValue: parts.dropLast(2).joined(separator: "-"))
        else { return nil }
        return ItemID(campaign: campaign, channel: channel, number: n)
    }

    public var rawValue: String { "\(campaign.rawValue)-\(channel.rawValue)-\(number)" }

    public var description: String { rawValue }

    public static func < (a: ItemID, b: ItemID) -> Bool { a.rawValue < b.rawValue }
}
