import PlannerCore
import Testing

/// Stable ids and the slug folding table behind them (issue 9): ids are a contract with
/// decisions files, so these pin the exact text.
@Suite struct StableIDTests {
    @Test(arguments: [
        ("Raynaud’s Awareness Month", "raynauds-awareness-month"),
        ("Crohn's & Colitis", "crohns-colitis"),
        ("Señor", "senor"),
        ("Ærø", "aero"),
        ("Œdème Straße", "oedeme-strasse"),
        ("Þórsmörk", "thorsmork"),
        ("Wythnos Gofalwyr / Carers’ Week", "wythnos-gofalwyr-carers-week"),
        ("Dŵr ŷd", "dwr-yd"),
        ("Łódź ĳs ﬁsh", "lodz-ijs-fish"),
        ("Cafe\u{301} Cre\u{300}me", "cafe-creme"),
        ("COVID-19 Jab 2027", "covid-19-jab-2027"),
        ("  --Hello!!  ...World?? ", "hello-world"),
        ("Women's Health — “Week” 2027!!", "womens-health-week-2027"),
        ("Mind \u{2013} Body", "mind-body"),
        ("Ǆ Greek Ωmega 世界", "greek-mega"),
        ("!!!", ""),
        ("", ""),
    ])
    func slugFoldsWithTheTable(title: String, slug: String) {
        #expect(Slug.make(title) == slug)
    }

    @Test func everyTableEntryIsLowerCaseASCIIAndNoLetterFoldsTwice() {
        var seen = Set<Unicode.Scalar>()
        for (ascii, letters) in Slug.spellings {
            #expect(!ascii.isEmpty && ascii.unicodeScalars.allSatisfy { (0x61...0x7A).contains($0.value) })
            for s in letters.unicodeScalars {
                #expect(!s.isASCII, "\(s) is ASCII")
                #expect(seen.insert(s).inserted, "\(s) folds twice")
            }
        }
        // Both cases of every accented letter in the table fold the same way.
        #expect(Slug.make("ÀÉÎÕÜÇÑŴŶ") == Slug.make("àéîõüçñŵŷ"))
    }

    @Test func campaignIDsAreBuiltAndParsedAlike() throws {
        let start = try #require(CivilDate(iso: "2027-03-11"))
        let id = CampaignID(title: "World Kidney Day", start: start)
        #expect(id.rawValue == "world-kidney-day-2027-03-11")
        #expect(CampaignID(rawValue: id.rawValue) == id)
        #expect(id.start == start)
        #expect(CampaignID(title: "!!!", start: start).rawValue == "campaign-2027-03-11")
        for bad in ["world-kidney-day", "World-Kidney-Day-2027-03-11", "world-kidney-day-2027-02-30",
            "kidney day-2027-03-11", "2027-03-11", "x2027-03-11"]
        {
            #expect(CampaignID(rawValue: bad) == nil, "\(bad)")
        }
    }

    @Test func itemIDsAreBuiltAndParsedAlike() throws {
        let campaign = try #require(CampaignID(rawValue: "heart-month-2027-02-01"))
        let id = ItemID(campaign: campaign, channel: .letter, number: 2)
        #expect(id.rawValue == "heart-month-2027-02-01-letter-2")
        #expect(ItemID(rawValue: id.rawValue) == id)
        #expect(ItemID(rawValue: "x-2027-03-11-social-12")?.number == 12)
        for bad in ["heart-month-2027-02-01", "heart-month-2027-02-01-fax-1", "heart-month-2027-02-01-sms-0",
            "heart-month-2027-02-01-sms", "Heart-month-2027-02-01-sms-1", "heart-month-2027-02-30-sms-1"]
        {
            #expect(ItemID(rawValue: bad) == nil, "\(bad)")
        }
        // Ids sort as their text does.
        let other = ItemID(campaign: campaign, channel: .sms, number: 1)
        #expect((id < other) == (id.rawValue < other.rawValue))
    }
}
