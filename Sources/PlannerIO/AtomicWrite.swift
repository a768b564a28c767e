import FileBytes
import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (rename(2) is atomic on one file system).
public enum AtomicWrite {
    /// Why a file could not be written, in words (never "NSCocoaErrorDomain error 512"):
    /// `reason` is a phrase with no final full stop, for "could not write X: <reason>."
    public struct Failure: Error, Sendable, CustomStringConvertible, LocalizedError {
        public var reason: String
        public var description: String { reason }
        public var errorDescription: String? { reason }
    }

    /// `sync: false` writes the temporary file with write(2) and no fsync(2) (Foundation's
    /// `Data.write` syncs): still atomic for readers and for a stopped or killed run, but after a
    /// power cut the file may not have reached the disk. For copies that can be made again, such
    /// as the plan under its window's name beside plan.json, which is written with a sync.
    public static func write(_ text: String, to url: URL, sync: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        if let file = fileInTheWay(of: folder) {
            throw Failure(reason: "\(file) is a file, not a folder, so nothing can be written under it")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(
                reason: explain(folder: folder, error: error) ?? "the folder \(folder.relativePath) could not be made")
        }
        let tmp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            if sync {
                try Data(text.utf8).write(to: tmp)
            } else {
                try writeWithoutSync(text, to: tmp)
            }
            guard rename(tmp.path, url.path) == 0 else {
                let why = String(cString: strerror(errno))
                throw Failure(reason: "it could not replace \(url.relativePath) (\(why.lowercased()))")
            }
        } catch let failure as Failure {
            try? FileManager.default.removeItem(at: tmp)
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw Failure(reason: explain(folder: folder, error: error) ?? "the file could not be written")
        }
    }

    /// `UnsyncedWrite`, its errno as an error `explain` can word.
    static func writeWithoutSync(_ text: String, to url: URL) throws {
        if let code = UnsyncedWrite.write(text, toPath: url.path) { throw NSError(domain: NSPOSIXErrorDomain, code: Int(code)) }
    }

    /// Why `error` stopped a write, in words: the failure's own reason, else the system's
    /// (no permission, a read-only or full disk), else Foundation's description.
    public static func reason(_ error: any Error) -> String {
        if let failure = error as? Failure { return failure.reason }
        switch posixCode(error) {
        case EACCES, EPERM: return "there is no permission to write there"
        case EROFS: return "the disk is read-only"
        case ENOSPC: return "the disk is full"
        case EISDIR: return "a folder is in the way of a file"
        default: return error.localizedDescription
        }
    }

    /// The nearest existing ancestor of `folder` (or `folder` itself) when it is a file.
    static func fileInTheWay(of folder: URL) -> String? {
        var url = folder.standardizedFileURL
        while url.path != "/" {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
                return isDir.boolValue ? nil : shown(url, relativeTo: folder)
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    /// A reason for a failed write in `folder`, from the system's error number when Foundation
    /// gives one (no permission, a read-only or full disk), else from access(2).
    static func explain(folder: URL, error: any Error) -> String? {
        var url = folder.standardizedFileURL
        while url.path != "/", !FileManager.default.fileExists(atPath: url.path) { url = url.deletingLastPathComponent() }
        let place = shown(url, relativeTo: folder)
        switch posixCode(error) {
        case EACCES, EPERM: return "there is no permission to write in the folder \(place)"
        case EROFS: return "the folder \(place) is on a read-only disk"
        case ENOSPC: return "the disk is full"
        default: break
        }
        if access(url.path, W_OK) != 0 { return "there is no permission to write in the folder \(place)" }
        return nil
    }

    /// The POSIX error number under a Foundation error, if any.
    static func posixCode(_ error: any Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
            return Int32(under.code)
        }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteOutOfSpace: return ENOSPC
        default: return nil
        }
    }

    /// `url` as the user wrote it when it is `relativeTo` or one of its ancestors.
    static func shown(_ url: URL, relativeTo folder: URL) -> String {
        var given = folder.relativePath
        var candidate = folder.standardizedFileURL
        while candidate.path != url.path, candidate.path != "/" {
            candidate = candidate.deletingLastPathComponent()
            given = (given as NSString).deletingLastPathComponent
        }
        return given.isEmpty ? url.path : given
    }
}
