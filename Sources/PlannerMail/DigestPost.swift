import Foundation
import PlannerIO

/// The digest's files beside the exports and the rules for sending them:
///
///     <exports>/digest/2027-W03.eml      the week's message (written by `plan` and `digest`)
///     <exports>/digest/outbox/*.eml      messages waiting to be sent (a failed send leaves them)
///     <exports>/digest/sent.tsv          one line per week sent: week, Message-ID, when
///
/// A week in sent.tsv is not sent again unless asked (`--resend`); every run first tries what is
/// in the outbox, oldest week first, so a message kept after a failure goes out with the next run.
public struct DigestPost: Sendable {
    public var folder: URL
    public init(exportsFolder: URL) { folder = exportsFolder.appendingPathComponent("digest") }

    public var outbox: URL { folder.appendingPathComponent("outbox") }
    public var sentFile: URL { folder.appendingPathComponent("sent.tsv") }

    public static let sentHeader = "week\tmessage-id\tsent-at"

    /// One line of sent.tsv.
    public struct Sent: Sendable, Hashable {
        public var week: String
        public var messageID: String
        public var sentAt: String
        public init(week: String, messageID: String, sentAt: String) {
            self.week = week
            self.messageID = messageID
            self.sentAt = sentAt
        }
    }

    /// The weeks sent so far (sorted by week); none when there is no record yet.
    public func sent() -> [Sent] {
        guard let text = try? String(contentsOf: sentFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return f.count == 3 ? Sent(week: f[0], messageID: f[1], sentAt: f[2]) : nil
        }.sorted { $0.week < $1.week }
    }

    /// Records `entry`, replacing an earlier line for the same week (a resend).
    public func record(_ entry: Sent) throws {
        var all = sent().filter { $0.week != entry.week }
        all.append(entry)
        all.sort { $0.week < $1.week }
        let lines = [Self.sentHeader] + all.map { "\($0.week)\t\($0.messageID)\t\($0.sentAt)" }
        try AtomicWrite.write(lines.joined(separator: "\n") + "\n", to: sentFile)
    }

    /// The week names waiting in the outbox, oldest first.
    public func waiting() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }.sorted()
    }

    public func messageURL(week: String) -> URL { folder.appendingPathComponent("\(week).eml") }
    public func outboxURL(week: String) -> URL { outbox.appendingPathComponent("\(week).eml") }

    /// Puts the week's message into the outbox (replacing an older copy of the same week).
    public func enqueue(_ message: String, week: String) throws {
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        try AtomicWrite.write(message, to: outboxURL(week: week))
    }

    /// What happened to one message.
    public enum Outcome: Sendable, Hashable {
        case sent(week: String)
        case failed(week: String, reason: String)
    }

    /// Sends every message in the outbox, oldest week first, through `send` (which throws on a
    /// failure); each sent message leaves the outbox and is recorded. Stops at the first failure,
    /// leaving it and the later ones in the outbox.
    public func flush(sentAt: String, send: (_ message: [UInt8], _ week: String) throws -> Void) -> [Outcome] {
        var out: [Outcome] = []
        for week in waiting() {
            let url = outboxURL(week: week)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            do {
                try send(Array(data), week)
            } catch {
                out.append(.failed(week: week, reason: String(describing: error)))
                return out
            }
            do {
                try record(Sent(week: week, messageID: Self.messageID(in: data) ?? "", sentAt: sentAt))
                try FileManager.default.removeItem(at: url)
            } catch {
                out.append(.failed(week: week, reason: "sent, but the record could not be written: \(error.localizedDescription)"))
                return out
            }
            out.append(.sent(week: week))
        }
        return out
    }

    /// The Message-ID header's value of a message, if it has one.
    public static func messageID(in data: Data) -> String? {
        let text = String(decoding: data.prefix(8192), as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            if line.isEmpty { break }
            if line.lowercased().hasPrefix("message-id:") {
                return line.dropFirst("message-id:".count).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
