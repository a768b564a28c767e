import Foundation
import PlannerCore

/// A UTF-8 text file read whole, for the commands that check a draft: a missing, unreadable or
/// non-UTF-8 file is one clear diagnostic.
public enum TextFile {
    /// The text at `path`. `missingHint` tells the user what to give instead when there is no
    /// file there ("Check the path, e.g. --file draft.txt.").
    public static func read(_ path: String, missingHint: String) throws(DiagnosticList) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DiagnosticList([
                Diagnostic(
                    .error, SourceLocation(path: path),
                    exists ? "The file could not be read." : "There is no file at this path.",
                    hint: exists ? "Check the file's permissions." : missingHint)
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DiagnosticList([
                Diagnostic(
                    .error, SourceLocation(path: path), "The file is not UTF-8 text.",
                    hint: "Save the file as UTF-8 (plain text) and try again.")
            ])
        }
        return text
    }
}
