import PlannerCore
import PlannerTestSupport
import Testing

/// Expected figures follow GOV.UK Notify's published ladder (text-message-pricing): up to 160
/// characters 1 message, 306 2, 459 3, 612 4; with accents that affect cost 70 1, 134 2, 201 3, 268 4.
@Suite struct SMSCountTests {
    static func text(_ n: Int, _ c: Character = "a") -> String { String(repeating: c, count: n) }

    @Test(arguments: [
        (1, 1), (159, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4), (612, 4), (613, 5), (918, 6),
    ])
    func gsmLadder(length: Int, fragments: Int) {
        for gateway in SMSGateway.allCases {
            let c = SMSCounter.count(Self.text(length), gateway: gateway)
            #expect(c.encoding == .gsm7)
            #expect(c.characters == length)
            #expect(c.fragments == fragments, "\(length) characters, \(gateway)")
            #expect(c.forcingCharacters.isEmpty)
        }
    }

    @Test(arguments: [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4), (268, 4), (269, 5)])
    func welshLadder(length: Int, fragments: Int) {
        // One Welsh circumflex (ŵ) and the rest plain letters.
        let t = "ŵ" + Self.text(length - 1)
        for gateway in SMSGateway.allCases {
            let c = SMSCounter.count(t, gateway: gateway)
            #expect(c.encoding == .ucs2)
            #expect(c.characters == length)
            #expect(c.fragments == fragments, "\(length) characters, \(gateway)")
            #expect(c.forcingCharacters == [SMSCharacterNote(character: "ŵ", replacement: "w", count: 1)])
        }
    }

    @Test func welshCircumflexInAPhraseForcesUCS2() {
        let c = SMSCounter.count("Croeso i'r feddygfa. Dewch â'ch cerdyn.", gateway: .notify)
        #expect(c.encoding == .ucs2)
        #expect(c.forcingCharacters.map(\.character) == ["â"])
        #expect(c.forcingCharacters.first?.replacement == "a")
    }

    @Test func accentsInGSMDoNotAffectCost() {
        // Ä É Ö Ü à ä é è ì ò ö ù ü are GSM characters: 160 of them is still one message.
        let t = String(String(repeating: "ÄÉÖÜàäéèìòöùü", count: 13).prefix(160))
        let c = SMSCounter.count(t, gateway: .notify)
        #expect(c.encoding == .gsm7)
        #expect(c.characters == 160)
        #expect(c.fragments == 1)
    }

    @Test func extensionCharactersCountTwice() {
        // 158 letters + € = 160 septets: one message; 159 + € = 161: two.
        #expect(SMSCounter.count(Self.text(158) + "€", gateway: .notify).fragments == 1)
        #expect(SMSCounter.count(Self.text(158) + "€", gateway: .notify).characters == 160)
        #expect(SMSCounter.count(Self.text(159) + "€", gateway: .notify).fragments == 2)
        #expect(SMSCounter.count(Self.text(159) + "[", gateway: .raw).fragments == 2)
        let all = SMSCounter.count("^{}\\[~]|€", gateway: .notify)
        #expect(all.characters == 18)
        #expect(all.encoding == .gsm7)
    }

    @Test func extensionCharacterAtAPartEdge() {
        // 152 letters, then € (septets 153 and 154), then 152 letters: 306 septets.
        let t = Self.text(152) + "€" + Self.text(152)
        let notify = SMSCounter.count(t, gateway: .notify)
        #expect(notify.characters == 306)
        #expect(notify.fragments == 2)  // Notify's formula: ceil(306 / 153)
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.characters == 306)
        // The escape pair cannot be split: part 1 holds 152 septets, part 2 the € and 151 letters,
        // part 3 the last letter.
        #expect(raw.fragments == 3)
        // One letter earlier the pair fits in part 1 and nothing moves.
        let fits = Self.text(151) + "€" + Self.text(153)
        #expect(SMSCounter.count(fits, gateway: .raw).fragments == 2)
    }

    @Test func curlyQuoteUnderBothGateways() {
        let t = "Wharfside: it\u{2019}s time to book your flu jab. " + Self.text(100)
        let notify = SMSCounter.count(t, gateway: .notify)
        #expect(notify.encoding == .gsm7)
        #expect(notify.characters == t.unicodeScalars.count)
        #expect(notify.fragments == 1)
        #expect(notify.changedCharacters == [SMSCharacterNote(character: "\u{2019}", replacement: "'", count: 1)])
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.encoding == .ucs2)
        #expect(raw.characters == t.unicodeScalars.count)
        #expect(raw.fragments == 3)  // 143 characters in UCS-2: more than 134, so 3
        #expect(raw.forcingCharacters == [SMSCharacterNote(character: "\u{2019}", replacement: "'", count: 1)])
    }

    @Test func dashesAndEllipsisAreTidiedByNotify() {
        let t = "Open 8am\u{2013}6pm \u{2014} book now\u{2026}"
        let notify = SMSCounter.count(t, gateway: .notify)
        #expect(notify.encoding == .gsm7)
        // The ellipsis becomes three full stops, so the count grows by 2.
        #expect(notify.characters == t.unicodeScalars.count + 2)
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.encoding == .ucs2)
        #expect(raw.forcingCharacters.map(\.replacement) == ["-", "-", "..."])
    }

    @Test func emojiUnderBothGateways() {
        let t = "Flu jabs are here \u{1F489}"
        let notify = SMSCounter.count(t, gateway: .notify)
        #expect(notify.encoding == .gsm7)
        #expect(notify.characters == 19)  // the emoji becomes "?"
        #expect(notify.changedCharacters.first?.replacement == "?")
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.encoding == .ucs2)
        #expect(raw.characters == 20)  // a surrogate pair counts 2
        #expect(raw.forcingCharacters == [SMSCharacterNote(character: "\u{1F489}", replacement: "", count: 1)])
        // 68 letters + emoji = 70 units: one message; 69 + emoji = 71: two.
        #expect(SMSCounter.count(Self.text(68) + "\u{1F489}", gateway: .raw).fragments == 1)
        #expect(SMSCounter.count(Self.text(69) + "\u{1F489}", gateway: .raw).fragments == 2)
    }

    @Test func surrogatePairIsNotSplitAcrossParts() {
        // 66 letters, an emoji (units 67 and 68), then 66 letters: 134 units. By formula 2 parts,
        // but the pair moves into part 2, which then needs 68 units: 3 parts.
        let t = Self.text(66) + "\u{1F489}" + Self.text(66)
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.characters == 134)
        #expect(raw.fragments == 3)
        #expect(SMSCounter.count(Self.text(65) + "\u{1F489}" + Self.text(67), gateway: .raw).fragments == 2)
    }

    @Test func ucs2ExtensionCharactersCountOnce() {
        let t = "\u{2019}" + Self.text(68) + "€"
        let raw = SMSCounter.count(t, gateway: .raw)
        #expect(raw.encoding == .ucs2)
        #expect(raw.characters == 70)
        #expect(raw.fragments == 1)
    }

    @Test func costIsFragmentsTimesPriceTimesRecipients() {
        let c = SMSCounter.count(Self.text(200), gateway: .notify)
        #expect(c.fragments == 2)
        #expect(c.costPence(pricePerFragmentPence: 2.5, recipients: 1000) == 5000)
        #expect(SMSCounter.count("Hi", gateway: .notify).costPence(pricePerFragmentPence: 2.4, recipients: 0) == 0)
    }

    @Test func forcingCharactersAreListedOnceInOrderOfFirstUse() {
        let c = SMSCounter.count("\u{201C}Hi\u{201D} \u{2019} \u{201C}", gateway: .raw)
        #expect(c.forcingCharacters.map(\.character) == ["\u{201C}", "\u{201D}", "\u{2019}"])
        #expect(c.forcingCharacters.map(\.count) == [2, 1, 1])
    }

    @Test func notifyTidiesSpacesAndPolishL() {
        let c = SMSCounter.count("\u{0141}od\u{017A}\u{202F}city\u{2028}", gateway: .notify)
        #expect(c.encoding == .gsm7)
        #expect(c.characters == 9)  // "Lodz city": the line separator is removed
        #expect(c.changedCharacters.map(\.replacement) == ["L", "z", " ", ""])
        // ó is a Welsh letter outside GSM: Notify keeps it and sends UCS-2.
        #expect(SMSCounter.count("\u{0141}\u{00F3}d\u{017A}", gateway: .notify).encoding == .ucs2)
    }

    @Test func accentedLetterOutsideGSMIsReducedByNotify() {
        let c = SMSCounter.count("Fran\u{00E7}ois", gateway: .notify)
        #expect(c.encoding == .gsm7)
        #expect(c.changedCharacters == [SMSCharacterNote(character: "\u{00E7}", replacement: "c", count: 1)])
        #expect(SMSCounter.count("Fran\u{00E7}ois", gateway: .raw).encoding == .ucs2)
    }

    /// Notify's ladder as a table: the most characters for 1 to 6 messages.
    static let gsmLadderTable = [160, 306, 459, 612, 765, 918]

    @Test func randomPlainTextsFollowTheLadderUnderBothGateways() {
        // Without extension characters, both gateways agree with the published ladder.
        var rng = SplitMix64(seed: 13)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'\"()-+/£@")
        for _ in 0..<300 {
            let n = rng.int(1...918)
            let t = String((0..<n).map { _ in alphabet[rng.int(0...(alphabet.count - 1))] })
            let expected = Self.gsmLadderTable.firstIndex { n <= $0 }! + 1
            #expect(SMSCounter.count(t, gateway: .notify).fragments == expected, "\(n)")
            #expect(SMSCounter.count(t, gateway: .raw).fragments == expected, "\(n)")
        }
    }

    @Test func rawPackingNeverNeedsFewerPartsThanNotify() {
        // With extension characters anywhere, the raw gateway needs the same parts as Notify's
        // formula or one more (a pair pushed over an edge), never fewer.
        var rng = SplitMix64(seed: 1313)
        for _ in 0..<300 {
            let n = rng.int(100...600)
            let t = String((0..<n).map { _ in rng.chance(0.05) ? "€" : "a" })
            let notify = SMSCounter.count(t, gateway: .notify).fragments
            let raw = SMSCounter.count(t, gateway: .raw).fragments
            #expect(raw == notify || raw == notify + 1, "\(n)")
        }
    }
}
