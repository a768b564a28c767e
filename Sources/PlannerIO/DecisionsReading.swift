import Foundation
import PlannerCore

/// A practice's decisions file, found and read for a plan: the one named explicitly (which
/// must exist), else the profile's own (which need not exist yet: no file means no decisions).
public struct DecisionsReading: Sendable {
    public var url: URL
    /// The path as messages show it.
    public var shownPath: String
    /// Problems in the file, or the missing explicit file; sorted as the file reports them.
    public var diagnostics: [Diagnostic]
    /// The decisions to apply: none when the file has errors.
    public var decisions: [ManagerDecision]
    /// True when an explicitly named file does not exist.
    public var isMissing: Bool

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
    public var errorCount: Int { diagnostics.filter(\.isError).count }
    /// Every diagnostic, separated by blank lines (no final newline).
    public var report: String { diagnostics.map(\.description).joined(separator: "\n\n") }

    /// Reads the decisions of `practice`, whose profile was read from `profilePath`;
    /// `explicit` is a file named by the user (`--decisions`).
    public static func read(for practice: PracticeProfile, profilePath: String, explicit: String?) -> DecisionsReading {
        let (url, shown) = location(for: practice, profilePath: profilePath, explicit: explicit)
        // No file yet simply means no decisions yet (the samples name theirs before it exists);
        // only a file named on the command line must exist.
        if explicit != nil, !FileManager.default.fileExists(atPath: url.path) {
            let missing = Diagnostic(
                .error, SourceLocation(path: shown), "There is no decisions file at this path.",
                hint: "Check the path, or create it with planner decide (see docs/decisions.md).")
            return DecisionsReading(url: url, shownPath: shown, diagnostics: [missing], decisions: [], isMissing: true)
        }
        let file = DecisionsFile.load(contentsOf: url, displayPath: shown)
        return DecisionsReading(
            url: url, shownPath: shown, diagnostics: file.diagnostics, decisions: file.decisions, isMissing: false)
    }

    /// Where a practice's decisions file is, and the path to show for it: `explicit` when given,
    /// else the profile's `decisionsFile` (relative to the profile's folder), else
    /// `<profile name>.decisions.yaml` beside the profile. With no profile read (it had errors),
    /// the default name beside the profile.
    public static func location(for practice: PracticeProfile?, profilePath: String, explicit: String?) -> (
        url: URL, shown: String
    ) {
        if let explicit { return (URL(fileURLWithPath: explicit), explicit) }
        let profileURL = URL(fileURLWithPath: profilePath)
        let folder = (profilePath as NSString).deletingLastPathComponent
        let url: URL
        if let practice {
            url = ProfileLoader.decisionsFileURL(for: practice, profileURL: profileURL)
        } else {
            url = profileURL.deletingPathExtension().appendingPathExtension("decisions.yaml")
        }
        if let set = practice?.decisionsFile, set.hasPrefix("/") { return (url, set) }
        let name = practice?.decisionsFile ?? url.lastPathComponent
        return (url, folder.isEmpty ? name : "\(folder)/\(name)")
    }
}
