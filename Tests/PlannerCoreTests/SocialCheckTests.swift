import PlannerCore
import Testing

@Suite struct SocialCheckTests {
    static let good = """
        Time to Talk Day is on 4 February. Talking about mental health can help. \
        Find free support at https://www.nhs.uk/nhs-services/mental-health-services/ #TimeToTalkDay

        \(SocialCheck.codeOfConduct)
        """

    @Test func aGoodPostPasses() {
        let r = SocialCheck.check(Self.good, platforms: [.x, .facebook, .instagram, .linkedin], commentsOpen: true)
        #expect(r.passes, "\(r.problems)")
        #expect(r.hashtags == ["#TimeToTalkDay"])
        #expect(r.lengths.map(\.platform) == [.facebook, .instagram, .linkedin, .x])
    }

    @Test(arguments: [(SocialPlatform.x, 280), (.facebook, 63_206), (.instagram, 2_200), (.linkedin, 3_000)])
    func lengthLimits(platform: SocialPlatform, limit: Int) {
        #expect(SocialCheck.limit(platform) == limit)
        let link = " https://www.nhs.uk/"
        let fits = String(repeating: "a", count: limit - (platform == .x ? 24 : link.count)) + link
        #expect(SocialCheck.check(fits, platforms: [platform], commentsOpen: false).passes)
        let over = "a" + fits
        let r = SocialCheck.check(over, platforms: [platform], commentsOpen: false)
        #expect(!r.passes)
        #expect(r.problems.first?.hasSuffix("allows \(limit).") == true)
    }

    @Test func xCountsLinksAs23AndEmojiAs2() {
        #expect(SocialCheck.xLength("Hi https://www.nhs.uk/conditions/flu/ now") == 3 + 23 + 4)
        #expect(SocialCheck.xLength("Jab \u{1F489}") == 6)
        #expect(SocialCheck.xLength("caf\u{00E9}") == 4)
    }

    @Test func missingLinkAndCodeOfConduct() {
        let r = SocialCheck.check("Flu jabs are here. #FluJab", platforms: [.facebook], commentsOpen: true)
        #expect(!r.hasLink)
        #expect(!r.codeOfConductPresent)
        #expect(r.problems.count == 2)
        // Comments closed: the line is not required.
        let closed = SocialCheck.check("Flu jabs are here. www.nhs.uk/flu #FluJab", platforms: [.facebook], commentsOpen: false)
        #expect(closed.passes)
    }

    @Test func codeOfConductWithCurlyApostropheCounts() {
        #expect(SocialCheck.containsCodeOfConduct("Please don\u{2019}t use this page to book, cancel or discuss your care.\nCall us or use the NHS App."))
        #expect(!SocialCheck.containsCodeOfConduct("Please don't use this page to book."))
    }

    @Test func hashtagsMustBeCamelCase() {
        let r = SocialCheck.check("#timetotalkday and #TIMETOTALK and #NHS and #TimeToTalkDay www.nhs.uk", platforms: [], commentsOpen: false)
        #expect(r.hashtagFindings.map(\.hashtag) == ["#timetotalkday", "#TIMETOTALK"])
        #expect(r.hashtagFindings.first?.column == 1)
        #expect(r.hashtags.count == 4)
        // Not hashtags: a link fragment, a number.
        #expect(SocialCheck.check("www.nhs.uk/a#section no #1", platforms: [], commentsOpen: false).hashtags.isEmpty)
    }

    @Test(arguments: [
        ("Time to Talk Day", "#TimeToTalkDay"), ("Men's Health Week", "#MensHealthWeek"),
        ("Know Your Numbers! Week", "#KnowYourNumbersWeek"), ("COVID-19 spring vaccine", "#COVID19SpringVaccine"),
        ("NHS Birthday", "#NHSBirthday"), ("stoptober", "#Stoptober"),
    ])
    func hashtagFromTitle(title: String, tag: String) {
        #expect(SocialCheck.hashtag(fromTitle: title) == tag)
        #expect(SocialCheck.isCamelCase(tag))
    }
}
