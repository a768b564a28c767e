import Foundation
import PlannerCore

extension ProfileLoader {
    /// The decisions file that goes with a profile read from `profileURL`: the profile's
    /// `decisionsFile` (a relative path is taken from the profile's folder), or, when it sets
    /// none, `<profile name>.decisions.yaml` beside the profile.
    public static func decisionsFileURL(for profile: PracticeProfile, profileURL: URL) -> URL {
        let folder = profileURL.deletingLastPathComponent()
        if let path = profile.decisionsFile {
            return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        }
        let stem = profileURL.deletingPathExtension().lastPathComponent
        return folder.appendingPathComponent("\(stem).decisions.yaml")
    }
}
