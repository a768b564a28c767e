import Foundation
import PlannerCore

/// The days of a window matched to the taxonomy's groups and services and, with a profile,
/// scored for that practice: what `planner match` and `planner explain` show. Like
/// `PlanningRun` it returns values and prints nothing; it stops at a broken taxonomy or profile
/// and goes on past calendar errors with the days that could be read.
public struct MatchingRun: Sendable {
    public var source: AwarenessSource
    public var window: DateWindow
    /// A profile to score relevance for, if any.
    public var profilePath: String?

    public init(source: AwarenessSource = AwarenessSource(), window: DateWindow, profilePath: String? = nil) {
        self.source = source
        self.window = window
        self.profilePath = profilePath
    }

    public struct Outcome: Sendable {
        public enum Stage: Sendable, Hashable {
            case taxonomy, profile
        }

        /// Where the run stopped; nil when it matched.
        public var stoppedAt: Stage?
        public var taxonomyDiagnostics: [Diagnostic] = []
        /// The profile as read, when one was asked for.
        public var profile: ProfileValidation?
        public var calendarDiagnostics: [Diagnostic] = []
        public var calendarHasErrors = false
        public var taxonomy: Taxonomy?
        public var practice: PracticeProfile?
        /// The cleaned days, in contract order.
        public var days: [CleanOccurrence] = []
        /// One per day, same order.
        public var matches: [MatchResult] = []
        /// One per match, same order; nil without a profile.
        public var relevance: [Relevance]?

        /// True when any input had an error (exit code 65).
        public var hasInputErrors: Bool { stoppedAt != nil || calendarHasErrors }

        /// For a day labelled with X-GP-GROUPS / X-GP-SERVICES, what the vocabulary alone finds
        /// (as it would for a third-party feed); nil for a day without labels.
        public func unlabelledMatch(_ day: CleanOccurrence) -> MatchResult? {
            guard let taxonomy, day.explicitGroups != nil || day.explicitServices != nil else { return nil }
            var plain = day
            plain.explicitGroups = nil
            plain.explicitServices = nil
            return Matcher(taxonomy: taxonomy).match(plain)
        }
    }

    /// The positions in `days` of the days `query` names: by uid (or a merged uid), else by
    /// title with case and year ignored, exactly, else as a part of the title.
    public static func days(named query: String, in days: [CleanOccurrence]) -> [Int] {
        let wanted = TextCleaning.normalizedTitle(query).lowercased()
        var found = days.indices.filter { days[$0].uid == query || days[$0].mergedUids.contains(query) }
        if found.isEmpty { found = days.indices.filter { days[$0].normalizedTitle.lowercased() == wanted } }
        if found.isEmpty { found = days.indices.filter { days[$0].normalizedTitle.lowercased().contains(wanted) } }
        return found
    }

    /// The title closest to `query` for a "did you mean", if one is close enough.
    public static func suggestion(for query: String, in days: [CleanOccurrence]) -> String? {
        closestMatch(to: TextCleaning.normalizedTitle(query), in: days.map(\.normalizedTitle))
    }

    /// Taxonomy, then the profile, then the calendars; matching, then relevance.
    public func run() -> Outcome {
        var outcome = Outcome()
        let taxonomy: Taxonomy
        do {
            taxonomy = try source.taxonomy()
        } catch {
            outcome.taxonomyDiagnostics = error.diagnostics
            outcome.stoppedAt = .taxonomy
            return outcome
        }
        outcome.taxonomy = taxonomy
        if let profilePath {
            let validation = ProfileLoader.load(contentsOf: URL(fileURLWithPath: profilePath), displayPath: profilePath, taxonomy: taxonomy)
            outcome.profile = validation
            guard let practice = validation.profile else {
                outcome.stoppedAt = .profile
                return outcome
            }
            outcome.practice = practice
        }
        let cleaned = source.cleanedDays(window: window)
        outcome.calendarDiagnostics = cleaned.diagnostics
        outcome.calendarHasErrors = cleaned.hasErrors
        outcome.days = cleaned.days
        outcome.matches = Matcher(taxonomy: taxonomy).match(cleaned.days)
        if let practice = outcome.practice {
            outcome.relevance = outcome.matches.map { Relevance.assess($0, profile: practice, taxonomy: taxonomy) }
        }
        return outcome
    }
}
