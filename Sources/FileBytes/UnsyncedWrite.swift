#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// Writes a whole file with write(2) and no fsync(2). Foundation's `Data.write` syncs every file,
/// which was most of a 1,000-practice run's wall time; callers write to a temporary name and
/// rename it, so a stopped or killed run still never leaves half a file, while after a power cut
/// a file just renamed may not have reached the disk. PlannerIO (the plan's copy under its
/// window's name) and PlannerExport (the exports) both use it; neither may depend on the other,
/// and PlannerCore does no I/O, so it lives in this small module beneath both.
public enum UnsyncedWrite {
    /// Creates or truncates `path` and writes `text`; nil when it worked, else the errno of the
    /// call that failed (each caller words it as its own error).
    public static func write(_ text: String, toPath path: String) -> Int32? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return errno }
        var text = text
        let failure: Int32? = text.withUTF8 { buf -> Int32? in
            var done = 0
            while done < buf.count {
                let n = systemWrite(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        let closed = close(fd)
        if let failure { return failure }
        return closed == 0 ? nil : errno
    }
}
