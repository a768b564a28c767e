import PlannerCore
import Testing

/// The one formatter for money, hours and month names (plan.json, the summaries, `why` texts).
@Suite struct FormattingTests {
    @Test(arguments: [
        (0, "0.00"), (5, "0.05"), (99, "0.99"), (100, "1.00"), (1234, "12.34"), (89560, "895.60"),
        (-5, "-0.05"), (-150, "-1.50"), (-123_456, "-1234.56"),
    ])
    func pounds(pence: Int, text: String) {
        #expect(Format.pounds(pence: pence) == text)
    }

    @Test func poundsWithThousandsGrouped() {
        #expect(Format.pounds(pence: 123_456, groupingThousands: true) == "1,234.56")
        #expect(Format.pounds(pence: 100_000_000, groupingThousands: true) == "1,000,000.00")
        #expect(Format.pounds(pence: 99_999, groupingThousands: true) == "999.99")
        // Negative amounts keep one sign in front of the grouped pounds (the old summary
        // formatter wrote "£-1.-50" for -150 pence).
        #expect(Format.pounds(pence: -150, groupingThousands: true) == "-1.50")
        #expect(Format.pounds(pence: -123_456, groupingThousands: true) == "-1,234.56")
    }

    @Test(arguments: [
        (0, "0"), (200, "2"), (150, "1.5"), (75, "0.75"), (5, "0.05"), (205, "2.05"), (1250, "12.5"), (-25, "-0.25"),
    ])
    func hours(centi: Int, text: String) {
        #expect(Format.hours(centiHours: centi) == text)
    }

    @Test func monthNames() {
        #expect(Format.monthName(1) == "January")
        #expect(Format.monthName(12) == "December")
        #expect((1...12).map(Format.monthName).joined(separator: " ").count == 85)
        #expect(Format.monthName(13) == "13")
    }

    @Test func decimals() {
        #expect(Format.decimal(0.8, places: 2) == "0.80")
        #expect(Format.decimal(0.3125, places: 2) == "0.31")
        #expect(Format.decimal(0.125, places: 2) == "0.13")  // exact in binary: half rounds away from zero
        #expect(Format.decimal(2, places: 0) == "2")
        #expect(Format.decimal(-0.25, places: 1) == "-0.3")
        #expect(Format.decimal(-0.0004, places: 3) == "0.000")
        #expect(Format.decimal(0.5, places: 3, trimmingZeros: true) == "0.5")
        #expect(Format.decimal(0.94321, places: 3, trimmingZeros: true) == "0.943")
        #expect(Format.decimal(1, places: 3, trimmingZeros: true) == "1")
        #expect(Format.decimal(-1.2, places: 3, trimmingZeros: true) == "-1.2")
        #expect(Format.decimal(-0.0004, places: 3, trimmingZeros: true) == "0")
    }
}
