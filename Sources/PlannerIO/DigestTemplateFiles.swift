import Foundation
public import PlannerCore

/// The practice's own digest templates: `digest-text.mustache` and `digest-html.mustache` in the
/// folder the profile's `templates` field names (relative to the profile's folder). Either file
/// may be missing (the bundled template is used); a folder that does not exist is an error.
public enum DigestTemplateFiles {
    public static let textFileName = "digest-text.mustache"
    public static let htmlFileName = "digest-html.mustache"

    /// The templates found, with the paths they were read from (for messages).
    public struct Found: Sendable, Hashable {
        public var text: String?
        public var html: String?
        public var textPath: String?
        public var htmlPath: String?
        /// The folder as shown in messages.
        public var folder: String?
    }

    /// The practice's templates; a diagnostic when the folder or a file cannot be read.
    public struct Failure: Error, Sendable, Hashable {
        public var diagnostic: Diagnostic
    }

    public static func read(for profile: PracticeProfile, profilePath: String) -> Result<Found, Failure> {
        guard let templates = profile.templates else { return .success(Found()) }
        let profileURL = URL(fileURLWithPath: profilePath)
        let folder =
            templates.hasPrefix("/")
            ? URL(fileURLWithPath: templates) : profileURL.deletingLastPathComponent().appendingPathComponent(templates)
        let shownFolder = templates.hasPrefix("/") ? templates : (profilePath as NSString).deletingLastPathComponent.isEmpty
            ? templates : (profilePath as NSString).deletingLastPathComponent + "/" + templates
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(Failure(diagnostic:
                Diagnostic(
                    .error, SourceLocation(path: profilePath), "The templates folder \"\(templates)\" does not exist.",
                    hint: "Create \(shownFolder) with \(textFileName) and/or \(htmlFileName), or remove the templates line.")))
        }
        var found = Found(folder: shownFolder)
        for (name, isText) in [(textFileName, true), (htmlFileName, false)] {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                return .failure(Failure(diagnostic:
                    Diagnostic(
                        .error, SourceLocation(path: shownFolder + "/" + name), "The template cannot be read as UTF-8 text.",
                        hint: "Save it as UTF-8 plain text.")))
            }
            if isText {
                found.text = text
                found.textPath = shownFolder + "/" + name
            } else {
                found.html = text
                found.htmlPath = shownFolder + "/" + name
            }
        }
        return .success(found)
    }
}
