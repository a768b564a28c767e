import Foundation
import PlannerCore

/// The practice's own phone numbers from a profile's top-level `phone:` field, for
/// `planner check --profile`: only that field is read (one number, or a list in brackets), so a
/// profile with other problems still lends its number to the checks.
public enum ProfilePhones {
    public struct Outcome: Sendable {
        /// The numbers, in the order written; empty when the field is missing.
        public var phones: [String]
        /// An error when the file cannot be read; a note when it has no phone field.
        public var diagnostics: [Diagnostic]
        public var failed: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func read(_ path: String) -> Outcome {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            return Outcome(
                phones: [],
                diagnostics: [
                    Diagnostic(
                        .error, SourceLocation(path: path), "The profile could not be read.",
                        hint: "Check the path, e.g. --profile Profiles/urban-young.yaml.")
                ])
        }
        if let phones = phones(inProfileText: text) { return Outcome(phones: phones, diagnostics: []) }
        return Outcome(
            phones: [],
            diagnostics: [
                Diagnostic(
                    .note, SourceLocation(path: path),
                    "the profile has no phone field, so no number is treated as the practice's own; use --practice-phone.")
            ])
    }

    /// The top-level `phone:` value of a profile's text, or nil when there is none.
    public static func phones(inProfileText text: String) -> [String]? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("phone:") else { continue }
            var value = String(line.dropFirst("phone:".count))
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
            value = value.trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("[") && value.hasSuffix("]") { value = String(value.dropFirst().dropLast()) }
            return value.split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
            }.filter { !$0.isEmpty }
        }
        return nil
    }
}
