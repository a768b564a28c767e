import Foundation
import Testing

@testable import PlannerCore

/// `Slug.make` (and `ItemID(rawValue:)`, below) on ASCII bytes gives what the plain scalar walk (`Slug.plainMake`) gives: every
/// ASCII character alone and in pairs, titles and prep tasks, non-ASCII text (the plain path)
/// and pseudo-random strings of ASCII punctuation, letters and digits.
@Suite struct SlugFastPathTests {
    @Test func asciiSlugsAreThePlainSlugs() {
        var texts = [
            "", " ", "Women's Health Week", "  Café & Crème — 2027!! ", "Wythnos Iechyd Dynion / Men’s Health Week",
            "Prep: draft the letter", "NHS Health Check", "Crohn's & Colitis", "Ærø", "a--b", "-a-", "'''", "x'y",
            "Stoptober", "World COPD Day 2027", "Y07341", "practice-0001",
        ]
        for a in 0..<128 {
            let s = String(Unicode.Scalar(UInt8(a)))
            texts.append(s)
            texts.append("a" + s + "b")
            for b in stride(from: 0, to: 128, by: 7) { texts.append(s + String(Unicode.Scalar(UInt8(b))) + "Z9") }
        }
        var state: UInt64 = 42
        let pool = Array("abcXYZ019 -_'&/!.,:;()\"\t\n".unicodeScalars)
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var v = String.UnicodeScalarView()
            for k in 0..<Int(state >> 59) { v.append(pool[Int((state >> UInt64(k)) % UInt64(pool.count))]) }
            texts.append(String(v))
        }
        for t in texts {
            #expect(Slug.make(t) == Slug.plainMake(t), "\(t.debugDescription)")
            #expect(Slug.make(NSString(string: t) as String) == Slug.plainMake(t))
        }
    }

    /// `ItemID(rawValue:)` on ASCII bytes parses as the split by Characters did: valid ids of
    /// every channel, numbers with signs and zeros, too few hyphens, empty pieces, bad dates,
    /// upper case, non-ASCII (the plain path) and pseudo-random mutations of valid ids.
    @Test func itemIDParsingIsThePlainParse() {
        var texts = [
            "world-kidney-day-2027-03-11-sms-1", "a-2027-01-01-letter-12", "x-2027-02-29-sms-1", "x-2028-02-29-website-3",
            "x-2027-01-01-social-0", "x-2027-01-01-social-+2", "x-2027-01-01-social-02", "x-2027-01-01-sms--1",
            "2027-01-01-sms-1", "-2027-01-01-sms-1", "x-2027-01-01-SMS-1", "X-2027-01-01-sms-1", "x-2027-01-01-fax-1",
            "x-2027-1-01-sms-1", "x-2027-01-01--1", "x-2027-01-01-sms-", "", "-", "-----", "x-2027-01-01-sms-1\n",
            "café-2027-01-01-sms-1", "x-2027-01-01-sms-1\u{301}", "x-\u{301}2027-01-01-sms-1", "x-2027-01-01-sms-9223372036854775807",
            "x-2027-01-01-sms-99999999999999999999",
        ]
        var state: UInt64 = 11
        let pool = Array("ax0-9-Z+é\u{301} ".unicodeScalars)
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var v = Array("stoptober-2027-10-01-sms-2".unicodeScalars)
            for k in 0..<Int(state >> 61) {
                let at = Int((state >> UInt64(8 * k)) % UInt64(v.count))
                v[at] = pool[Int((state >> UInt64(3 + 7 * k)) % UInt64(pool.count))]
            }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: v)
            texts.append(String(s))
        }
        var valid = 0
        for t in texts {
            let parsed = ItemID(rawValue: t)
            #expect(parsed == ItemID.plainParse(t), "\(t.debugDescription)")
            if parsed != nil { valid += 1 }
        }
        #expect(valid > 100)
    }
}
