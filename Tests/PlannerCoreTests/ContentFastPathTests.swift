import Testing

@testable import PlannerCore

/// The content checks' tables give what the plain code they replaced gave: the postcode scan
/// (`Confidentiality.postcodeRanges`) finds exactly the ranges the plain scan found (areas and
/// inward letters in Sets, every word built as a String), and the SMS count's ASCII table says
/// what its Sets say.
@Suite struct ContentFastPathTests {
    /// `Confidentiality.postcodeRanges` as it was.
    static func plainPostcodeRanges(_ s: [Unicode.Scalar]) -> [Range<Int>] {
        let inwardLetters = Set("ABDEFGHJLNPQRSTUWXYZ".unicodeScalars)
        var ranges: [Range<Int>] = []
        var i = 0
        while i < s.count {
            guard Confidentiality.isUpper(s[i]), i == 0 || !Confidentiality.isAlnum(s[i - 1]) else {
                i += 1
                continue
            }
            func word(_ w: String, at k: Int) -> Bool {
                let u = Array(w.unicodeScalars)
                guard k + u.count <= s.count else { return false }
                return (0..<u.count).allSatisfy { s[k + $0] == u[$0] }
            }
            func endsHere(_ k: Int) -> Bool { k >= s.count || !Confidentiality.isAlnum(s[k]) }
            // GIR 0AA
            for form in ["GIR 0AA", "GIR0AA"] where word(form, at: i) && endsHere(i + form.unicodeScalars.count) {
                ranges.append(i..<(i + form.unicodeScalars.count))
            }
            // BFPO 1 to 4 digits
            if word("BFPO", at: i) {
                var k = i + 4
                if k < s.count && s[k] == " " { k += 1 }
                let digitsStart = k
                while k < s.count && Confidentiality.isDigit(s[k]) && k - digitsStart < 5 { k += 1 }
                if (1...4).contains(k - digitsStart) && endsHere(k) {
                    ranges.append(i..<k)
                    i = k
                    continue
                }
            }
            // Outward: area (1-2 letters), district digit, optional digit or letter; inward: digit + 2 letters.
            var k = i
            while k < s.count && Confidentiality.isUpper(s[k]) && k - i < 2 { k += 1 }
            let area = String(String.UnicodeScalarView(s[i..<k]))
            var matched: Int?
            if Confidentiality.postcodeAreas.contains(area), k < s.count, Confidentiality.isDigit(s[k]) {
                var outEnd = k + 1
                var candidates = [outEnd]
                if outEnd < s.count && (Confidentiality.isDigit(s[outEnd]) || Confidentiality.isUpper(s[outEnd])) {
                    outEnd += 1
                    candidates.insert(outEnd, at: 0)
                }
                for o in candidates {
                    var m = o
                    if m < s.count && s[m] == " " { m += 1 }
                    if m + 3 <= s.count, Confidentiality.isDigit(s[m]), inwardLetters.contains(s[m + 1]),
                        inwardLetters.contains(s[m + 2]), endsHere(m + 3)
                    {
                        matched = m + 3
                        break
                    }
                }
            }
            if let end = matched {
                ranges.append(i..<end)
                i = end
            } else if let last = ranges.last, last.lowerBound == i {
                i = last.upperBound
            } else {
                i += 1
            }
        }
        return ranges
    }


    static let texts: [String] = {
        var t = [
            "", "A", "GIR 0AA", "GIR0AA", "GIR 0AAX", "xGIR 0AA", "BFPO 1234", "BFPO12345", "BFPO 7.", "BFPO",
            "Call us at SW1A 1AA or LS1 4AP.", "EC1A1BB and W1A 0AX and M1 1AE, B33 8TH; CR2 6XH DN55 1PT",
            "QQ1 1AA is no area", "AB12 3CD (C is no inward letter)", "ab12 3de", "SW1A 1AAB", "SW1A  1AA",
            "The NHS and GP and UK and ZE1 0AA.", "Come to Wharfside Surgery, Leeds LS6 2QB, on 6 August 2027.",
            "NW1 6XE\nE1 6AN\tN1 9GU", "ÉC1A 1BB", "S1 2HE", "L1 8JQ.", "G2 3AB,", "YO1 7HH!", "W1 1AA1",
        ]
        // Pseudo-random postcode shapes (an area of one or two capitals, real or not, a digit, maybe
        // a digit or a capital, maybe a space, a digit and two capitals, any of them), with random
        // capitals, digits, spaces and punctuation between, so that real postcodes, near misses
        // and GIR and BFPO forms all turn up.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let capitals = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
        let digits = Array("0123456789".unicodeScalars)
        let between = Array("ABCGIRFPO0123456789  ,.-(a".unicodeScalars)
        let areas = Confidentiality.postcodeAreas.sorted()
        for _ in 0..<4000 {
            var v = String.UnicodeScalarView()
            for _ in 0..<3 {
                for _ in 0..<next(4) { v.append(between[next(between.count)]) }
                if next(3) == 0 { v.append(" ") }
                if next(2) == 0 {
                    v.append(contentsOf: areas[next(areas.count)].unicodeScalars)
                } else {
                    for _ in 0...next(2) { v.append(capitals[next(26)]) }
                }
                v.append(digits[next(10)])
                if next(2) == 0 { v.append(next(2) == 0 ? digits[next(10)] : capitals[next(26)]) }
                if next(3) > 0 { v.append(" ") }
                v.append(digits[next(10)])
                v.append(capitals[next(26)])
                v.append(capitals[next(26)])
            }
            t.append(String(v))
        }
        return t
    }()

    @Test func thePostcodeScanOnTablesFindsWhatThePlainScanFound() {
        var found = 0
        for text in Self.texts {
            let s = Array(text.unicodeScalars)
            let ranges = Confidentiality.postcodeRanges(s)
            #expect(ranges == Self.plainPostcodeRanges(s), "\(text)")
            found += ranges.count
        }
        // The texts exercise the scan: over a thousand postcodes among them (1,043 when written).
        #expect(found > 1000)
    }

    /// The SMS count's ASCII table gives the same answer as its Sets for every character of the
    /// Basic Multilingual Plane and beyond.
    @Test func theSMSCountsASCIITableIsItsSets() {
        var checked = 0
        for v in Array(0..<0xD800) + Array(0xE000..<0x11000) + [0x1F600, 0x10FFFF] {
            guard let u = Unicode.Scalar(v) else { continue }
            #expect(
                SMSCounter.keptByNotify(u)
                    == (SMSCounter.gsmBasic.contains(u) || SMSCounter.gsmExtensionNotify.contains(u)
                        || SMSCounter.welshAccented.contains(u)), "U+\(String(v, radix: 16))")
            #expect(SMSCounter.isNotifyExtension(u) == SMSCounter.gsmExtensionNotify.contains(u), "U+\(String(v, radix: 16))")
            #expect(SMSCounter.isWelshOutsideGSM(u) == SMSCounter.welshOutsideGSM.contains(u), "U+\(String(v, radix: 16))")
            checked += 1
        }
        #expect(checked > 60_000)
    }
}
