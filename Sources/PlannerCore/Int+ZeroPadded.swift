extension Int {
    /// This non-negative integer in decimal, zero-padded to `width` digits (locale-free):
    /// `7.zeroPadded(to: 2)` is "07".
    @inlinable
    public func zeroPadded(to width: Int) -> String {
        let s = String(self)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
