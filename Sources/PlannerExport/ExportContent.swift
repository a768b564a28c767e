import Foundation
public import ICalKit
public import PlannerCore

/// What the exports need beyond the plan itself. Everything that changes between runs (the time
/// stamp) is an input: PlannerExport never reads the clock.
public struct ExportOptions: Sendable, Hashable {
    /// DTSTAMP of every new or changed calendar entry (the CLI takes SOURCE_DATE_EPOCH, else the clock).
    public var stamp: UTCStamp
    /// The practice's social platforms, for one `social-<platform>.csv` each (the plan does not
    /// carry them; `planner plan` passes the profile's).
    public var socialPlatforms: [SocialPlatform]
    /// Names of groups and services by id (the taxonomy's); an id without a name is shown in words
    /// made from the id ("women-25-64" -> "women 25-64").
    public var names: [String: String]
    /// The awareness day's web page by the day's source uid, when known.
    public var dayURLs: [String: String]
    /// Also write one calendar per channel (`calendar-sms.ics`, ...).
    public var perChannel: Bool
    public var formats: ExportFormats
    /// Also write the weekly digest emails (`digest/<week>.eml`), when the profile has a
    /// `digest` section (issue 15).
    public var digest: DigestOptions? = nil

    public init(
        stamp: UTCStamp, socialPlatforms: [SocialPlatform] = [], names: [String: String] = [:],
        dayURLs: [String: String] = [:], perChannel: Bool = false, formats: ExportFormats = .all
    ) {
        self.stamp = stamp
        self.socialPlatforms = socialPlatforms
        self.names = names
        self.dayURLs = dayURLs
        self.perChannel = perChannel
        self.formats = formats
    }
}

extension ExportOptions {
    /// Group and service names by id from the taxonomy the plan was made with.
    public static func names(from taxonomy: Taxonomy) -> [String: String] {
        var out: [String: String] = [:]
        for e in taxonomy.entries where out[e.id] == nil { out[e.id] = e.name }
        return out
    }

    /// Each day's web page by its uid, from the cleaned days the plan was made from (the first
    /// URL wins when a uid repeats; input order is the reader's sorted order).
    public static func dayURLs(from days: [CleanOccurrence]) -> [String: String] {
        var out: [String: String] = [:]
        for d in days {
            guard let uid = d.uid, let url = d.url, !url.isEmpty, out[uid] == nil else { continue }
            out[uid] = url
        }
        return out
    }
}

/// Which files to write.
public struct ExportFormats: Sendable, Hashable {
    public var ics: Bool
    public var csv: Bool
    public var markdown: Bool

    public init(ics: Bool, csv: Bool, markdown: Bool) {
        self.ics = ics
        self.csv = csv
        self.markdown = markdown
    }

    public static let all = ExportFormats(ics: true, csv: true, markdown: true)
}

/// The words every export shows for an item. Each place that will show the audience, the waves or
/// the draft once the plan carries them (issues 10 and 13) is one function here, showing what the
/// plan has today, so the new fields plug in at one place.
enum ExportContent {
    /// The calendar domain part of every UID: the ODS code in lower case, else a slug of the
    /// practice name, then `.awareness-planner`.
    static func uidDomain(_ plan: Plan) -> String {
        let ods = plan.odsCode.trimmingCharacters(in: .whitespaces).lowercased()
        let base = ods.isEmpty ? Slug.make(plan.practiceName) : Slug.make(ods)
        return (base.isEmpty ? "practice" : base) + ".awareness-planner"
    }

    /// One sending of an item: today every item is sent once, on its date. Items sent in weekly
    /// waves (issue 10) will give one entry per wave here.
    struct Sending: Sendable, Hashable {
        var date: CivilDate
        var recipients: Int?
        init(date: CivilDate, recipients: Int?) {
            self.date = date
            self.recipients = recipients
        }
    }

    /// The dates an item goes out on: each of its weekly waves, or its one date.
    static func sendings(_ item: PlanItem) -> [Sending] {
        if let waves = item.waves, waves.count > 1 {
            return waves.map { Sending(date: $0.date, recipients: $0.recipients) }
        }
        return [Sending(date: item.date, recipients: item.recipients)]
    }

    /// Who receives the item, in words: a text or letter's audience lines (the search to run in
    /// the clinical system) when the plan has them, else its groups.
    static func audience(_ item: PlanItem, names: [String: String]) -> String {
        if item.channel.isDirect, let lines = item.audience, !lines.isEmpty {
            let search = lines.map { $0.words(groupName: name($0.group, names)) }.joined(separator: "; or ")
            // Cut to what the clinic can book: the first so many the search finds.
            if let l = item.limit {
                return "the first \(counted(l.count, "person", "people")), \(l.order), of: \(search)"
            }
            if let n = item.recipients { return "\(counted(n, "person", "people")): \(search)" }
            return search
        }
        let groups = item.groups.map { inSentence(name($0, names)) }
        let who = groups.isEmpty ? "all patients" : list(groups)
        switch item.channel {
        case .sms, .letter:
            if let n = item.recipients { return "\(counted(n, "person", "people")) in \(who)" }
            return who
        case .website: return "visitors to the practice website; written for \(who)"
        case .social: return "followers of the practice's social media accounts; written for \(who)"
        }
    }

    /// The planner's reasons for the item (the `why` texts), which today carry the search groups.
    static func reasons(_ item: PlanItem) -> [String] { item.why.map(plainPlurals) }

    /// What patients should learn or do.
    static func goal(_ item: PlanItem, names: [String: String]) -> String {
        if item.services.isEmpty { return "Know about \(item.title) and where to find NHS advice." }
        let services = item.services.map { inSentence(name($0, names)) }
        return "Know about \(item.title) and use the practice's \(list(services))."
    }

    /// The words to send or publish: the item's draft (issue 13), which a `text` decision already
    /// replaces. A blocked draft (possible personal data, no allow decision) is never exported:
    /// the exports say why instead.
    static func message(_ item: PlanItem) -> String? {
        if let why = item.draft?.blocked { return blockedNote(why) }
        return item.text ?? item.draft?.text
    }

    /// What the exports show instead of a blocked draft.
    static func blockedNote(_ why: String) -> String { "[Not exported: the words are blocked. \(why)]" }

    /// What a file says when an item has no words yet.
    static let noMessage = "No message written yet: draft it with the prep tasks below."

    /// The social post's text and link for a scheduler: the message when written, else a
    /// placeholder a person must replace (never posted blank).
    static func socialText(_ item: PlanItem) -> String {
        message(item) ?? "[Write the \(item.title) post before scheduling]"
    }

    static func url(_ item: PlanItem, _ options: ExportOptions) -> String? { options.dayURLs[item.sourceUid] }

    /// "SMS", "Letter", "Website", "Social media": the label in calendar titles.
    static func channelLabel(_ c: PlanChannel) -> String {
        switch c {
        case .sms: return "SMS"
        case .letter: return "Letter"
        case .website: return "Website"
        case .social: return "Social media"
        }
    }

    /// "text message", "letter", "website page", "social media post": the thing an item is.
    static func itemNoun(_ c: PlanChannel) -> String {
        switch c {
        case .sms: return "text message"
        case .letter: return "letter"
        case .website: return "website page"
        case .social: return "social media post"
        }
    }

    /// A group or service name: the taxonomy's, else the id with hyphens as spaces.
    static func name(_ id: String, _ names: [String: String]) -> String {
        if let n = names[id], !n.isEmpty { return n }
        return id.replacingOccurrences(of: "-plus", with: "+").replacingOccurrences(of: "-", with: " ")
    }

    /// A name inside a sentence: "All patients" -> "all patients", but "HIV clinic" stays.
    static func inSentence(_ s: String) -> String {
        let chars = Array(s)
        guard chars.count > 1, chars[0].isUppercase, chars[1].isLowercase else { return s }
        return chars[0].lowercased() + String(chars.dropFirst())
    }

    /// The planner's texts write "day(s)" and "batch(es)"; the exports say "1 day" or "35 days",
    /// and the plural where no number precedes. Linear in the text's length.
    static func plainPlurals(_ s: String) -> String {
        guard hasPluralMark(s) else { return s }
        var out: [Unicode.Scalar] = []
        let u = Array(s.unicodeScalars)
        var i = 0
        let open: Unicode.Scalar = "(", close: Unicode.Scalar = ")", e: Unicode.Scalar = "e", ess: Unicode.Scalar = "s"
        while i < u.count {
            var suffix: String? = nil
            if u[i] == open {
                if i + 2 < u.count && u[i + 1] == ess && u[i + 2] == close {
                    suffix = "s"
                } else if i + 3 < u.count && u[i + 1] == e && u[i + 2] == ess && u[i + 3] == close {
                    suffix = "es"
                }
            }
            guard let suffix else {
                out.append(u[i])
                i += 1
                continue
            }
            // The token before the word just written: "1 day(s)" -> singular.
            var j = out.count
            while j > 0 && out[j - 1] != " " { j -= 1 }  // back over the word
            var k = j
            while k > 0 && out[k - 1] == " " { k -= 1 }  // back over the spaces
            var start = k
            while start > 0 && out[start - 1] != " " { start -= 1 }  // back over the token
            let token = String(String.UnicodeScalarView(out[start..<k].filter { $0 != "," }))
            if token != "1" { out.append(contentsOf: suffix.unicodeScalars) }
            i += suffix.count + 2
        }
        return String(String.UnicodeScalarView(out))
    }

    /// Whether `s` holds "(s)" or "(es)", on its UTF-8 bytes (Foundation's `contains` bridges
    /// to UTF-16 and was a tenth of an export's time).
    static func hasPluralMark(_ s: String) -> Bool {
        var u = s.utf8.makeIterator()
        var last3: (UInt8, UInt8, UInt8) = (0, 0, 0)
        while let b = u.next() {
            if b == 0x29 {  // ")"
                if last3.1 == 0x28 && last3.2 == 0x73 { return true }  // "(s"
                if last3.0 == 0x28 && last3.1 == 0x65 && last3.2 == 0x73 { return true }  // "(es"
            }
            last3 = (last3.1, last3.2, b)
        }
        return false
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ xs: [String]) -> String {
        switch xs.count {
        case 0: return ""
        case 1: return xs[0]
        default: return xs.dropLast().joined(separator: ", ") + " and " + xs[xs.count - 1]
        }
    }

    /// A prep task for a title: its first letter lower-cased ("Clinical sign-off of the letter" ->
    /// "clinical sign-off of the letter").
    static func lowerFirst(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.lowercased() + s.dropFirst()
    }

    /// The title of a prep task's calendar entry: "Prep: draft the text message, Stoptober". When
    /// the campaign has more than one item on the channel (two social posts of Purple Day, prepared
    /// on the same days), the title names the item's day, "Prep: draft the social media post for 25
    /// March, Purple Day", so the two entries in a calendar do not look like one imported twice.
    static func prepTitle(_ task: String, _ item: PlanItem, repeated: Set<String>) -> String {
        let base = "Prep: \(lowerFirst(task))"
        guard repeated.contains(item.campaign + "\u{1F}" + item.channel.rawValue) else { return "\(base), \(item.title)" }
        return "\(base) for \(item.date.day) \(Format.monthName(item.date.month)), \(item.title)"
    }

    /// The campaigns and channels (`prepTitle`'s keys) that have more than one item in the plan.
    static func repeatedChannels(_ plan: Plan) -> Set<String> {
        var seen = Set<String>(), repeated = Set<String>()
        for item in plan.items where !item.prepTasks.isEmpty {
            let key = item.campaign + "\u{1F}" + item.channel.rawValue
            if !seen.insert(key).inserted { repeated.insert(key) }
        }
        return repeated
    }

    /// "Monday 4 January 2027".
    static func longDate(_ d: CivilDate) -> String {
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return "\(days[d.isoWeekday - 1]) \(d.day) \(Format.monthName(d.month)) \(d.year)"
    }

    /// "4 January 2027".
    static func dayMonthYear(_ d: CivilDate) -> String { "\(d.day) \(Format.monthName(d.month)) \(d.year)" }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
