import FileBytes
import Foundation
public import PlannerCore

/// Every export of a plan, as files to write beside plan.json.
public enum PlanExports {
    /// One file: its name in the output folder and its bytes.
    public struct File: Sendable, Hashable {
        public var name: String
        public var text: String
    }

    /// The files for `plan`, in a fixed order, given the state the last export left (nil when
    /// there is none). The state file comes last. Pure: the same inputs give the same bytes.
    public static func render(_ plan: Plan, options: ExportOptions, previousState: ExportState?) -> [File] {
        var files: [File] = []
        var state: ExportState?
        var cal: CalendarExport.Output?
        // The items' descriptions, made once for calendar.ics and the calendar CSVs.
        let descriptions =
            options.formats.ics || options.formats.csv ? CalendarExport.descriptions(plan, options: options) : nil
        if options.formats.ics {
            let built = CalendarExport.build(plan, options: options, previous: previousState, descriptions: descriptions)
            files.append(File(name: "calendar.ics", text: built.calendar))
            files.append(File(name: "tasks.ics", text: built.tasks))
            for (c, text) in built.perChannel { files.append(File(name: "calendar-\(c.rawValue).ics", text: text)) }
            state = built.state
            cal = built
        }
        if options.formats.csv {
            files.append(File(name: "plan.csv", text: CSVExports.plan(plan, options: options)))
            let rows = CSVExports.rows(plan, options: options, descriptions: descriptions)
            files.append(File(name: "google-calendar.csv", text: CSVExports.google(rows)))
            files.append(File(name: "outlook-calendar.csv", text: CSVExports.outlook(rows)))
            for p in options.socialPlatforms.sorted(by: { $0.rawValue < $1.rawValue }) {
                files.append(File(name: CSVExports.socialFileName(p), text: CSVExports.social(plan, platform: p, options: options)))
            }
        }
        if options.formats.markdown {
            files.append(File(name: "plan.md", text: PlanMarkdown.render(plan, options: options)))
        }
        if let digest = options.digest {
            // The attachments take calendar.ics's entries as this export writes them.
            let events = cal?.events ?? CalendarExport.build(plan, options: options, previous: previousState).events
            for m in Digest.messages(plan, options: options, digest: digest, events: events) {
                files.append(File(name: Digest.fileName(week: m.week), text: m.eml))
            }
        }
        if let state { files.append(File(name: ExportState.fileName, text: state.render())) }
        return files
    }

    /// Writes every export of `plan` into `folder` (the folder of plan.json): the one call
    /// `planner plan` makes. Reads the state the last export left there, renders every file, writes
    /// each to a temporary name in the folder and only then renames them over the old files, the
    /// state file last; if anything fails before the renames, the previous exports are left as
    /// they were and the temporary files are removed. Returns the names written.
    @discardableResult
    public static func write(_ plan: Plan, to folder: URL, options: ExportOptions) throws -> [String] {
        let stateURL = folder.appendingPathComponent(ExportState.fileName)
        let previous = (try? String(contentsOf: stateURL, encoding: .utf8)).flatMap(ExportState.parse)
        let files = render(plan, options: options, previousState: previous)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pid = ProcessInfo.processInfo.processIdentifier
        var staged: [(tmp: URL, target: URL)] = []
        do {
            for f in files {
                let target = folder.appendingPathComponent(f.name)
                // Names may hold a subfolder (digest/2027-W03.eml): the temporary file goes beside its target.
                let dir = target.deletingLastPathComponent()
                if f.name.contains("/") { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
                let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).tmp-\(pid)")
                try writeWithoutSync(f.text, to: tmp)
                // Only files this run wrote are ever removed.
                staged.append((tmp, target))
            }
        } catch {
            for s in staged { try? FileManager.default.removeItem(at: s.tmp) }
            throw error
        }
        // rename(2) replaces each file atomically; the state file is renamed last, so a run cut
        // short here leaves a state that still describes what the calendars hold or held before.
        for s in staged {
            guard rename(s.tmp.path, s.target.path) == 0 else {
                let code = errno
                for r in staged { try? FileManager.default.removeItem(at: r.tmp) }
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: s.target.path,
                        NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code)),
                    ])
            }
        }
        return files.map(\.name)
    }

    /// Writes a new file with no fsync(2) (`UnsyncedWrite`): the rename still means a stopped or
    /// killed run leaves the earlier exports whole; after a power cut a file just renamed may not
    /// have reached the disk (ext4's auto_da_alloc flushes a file renamed over another). The
    /// exports can be made again from plan.json (`planner export`), which is written with a sync.
    static func writeWithoutSync(_ text: String, to url: URL) throws {
        if let code = UnsyncedWrite.write(text, toPath: url.path) { throw posixError(code, url) }
    }

    static func posixError(_ code: Int32, _ url: URL) -> CocoaError {
        CocoaError(
            .fileWriteUnknown,
            userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
    }
}
