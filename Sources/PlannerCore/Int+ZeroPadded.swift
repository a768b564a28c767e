extension Int {
    /// This non-negative integer in decimal, zero-padded to `width` digits (locale-free):
    /// `7.zeroPadded(to: 2)` is "07".
    @inlinable
    public func zeroPadded(to width: Int) -> String {
        // Dates and times format every field through here (plan.json, the calendars, the CSVs):
        // the digits are written straight into the string instead of building String(self), a
        // run of zeros and their concatenation. Negative numbers keep the plain path.
        if self >= 0 && width <= 20 {
            var digits = 1, rest = self / 10
            while rest > 0 { digits += 1; rest /= 10 }
            let count = Swift.max(digits, width)
            return String(unsafeUninitializedCapacity: count) { buffer in
                var n = self
                var i = count - 1
                while i >= 0 {
                    buffer[i] = 0x30 + UInt8(n % 10)
                    n /= 10
                    i -= 1
                }
                return count
            }
        }
        return plainZeroPadded(to: width)
    }

    /// The plain formatting `zeroPadded` must agree with (the tests compare the two).
    @inlinable
    public func plainZeroPadded(to width: Int) -> String {
        let s = String(self)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
