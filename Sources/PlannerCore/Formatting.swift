/// The one place where money, hours and month names are written for people and files. Every
/// figure is built from whole units (pence, hundredths of an hour) with integer arithmetic, so
/// the text never depends on the locale or on how a floating-point number prints.
public enum Format {
    /// Pounds from whole pence: 1234 -> "12.34", -5 -> "-0.05", 123456 -> "1,234.56" when
    /// `groupingThousands`. No currency sign: callers add "£" where the sentence needs it.
    public static func pounds(pence: Int, groupingThousands: Bool = false) -> String {
        let sign = pence < 0 ? "-" : ""
        let whole = pence.magnitude / 100, cents = Int(pence.magnitude % 100)
        let wholeText = groupingThousands ? groupedThousands(Int(whole)) : String(whole)
        return "\(sign)\(wholeText).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Hours from hundredths, without trailing zeros: 150 -> "1.5", 75 -> "0.75", 200 -> "2",
    /// -25 -> "-0.25".
    public static func hours(centiHours: Int) -> String {
        let sign = centiHours < 0 ? "-" : ""
        let whole = centiHours.magnitude / 100, frac = Int(centiHours.magnitude % 100)
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The English name of `month` (1 = January); the number itself when out of range.
    public static func monthName(_ month: Int) -> String {
        (1...12).contains(month) ? monthNames[month - 1] : String(month)
    }

    /// `x` with `places` decimals, rounded half away from zero: decimal(0.8, places: 2) -> "0.80";
    /// with `trimmingZeros`, trailing zeros (and a bare point) go: 0.5 -> "0.5", 2.0 -> "2".
    /// No "-" is written for a value that rounds to zero.
    public static func decimal(_ x: Double, places: Int, trimmingZeros: Bool = false) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let n = Int((x.magnitude * Double(scale)).rounded())
        let sign = x < 0 && n > 0 ? "-" : ""
        if places == 0 { return "\(sign)\(n)" }
        var frac = String(n % scale)
        frac = String(repeating: "0", count: places - frac.count) + frac
        if trimmingZeros {
            while frac.hasSuffix("0") { frac.removeLast() }
            if frac.isEmpty { return "\(sign)\(n / scale)" }
        }
        return "\(sign)\(n / scale).\(frac)"
    }
}
