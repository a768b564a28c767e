import Foundation
import PlannerCore

/// The files of `planner plan --emit-model FILE [--model-solution SOLUTION]` (issue 11, item 1):
/// the model in LP format, its sidecar JSON (what the variables mean, the planner's own
/// objective, rule checks and plan as a start), and the check of a solver's solution decoded
/// into a plan. The CLI only parses and prints; this writes.
public enum PlanModelFiles {
    public enum Failure: Error, Sendable {
        /// A file could not be written (exit 73).
        case cannotWrite(path: String, reason: String)
        /// The solution file is not JSON with "values" by variable name (exit 65).
        case notASolution(path: String)
    }

    /// Writes `path` (the LP) and `path.json` (the sidecar) for `input`, and, when `solution`
    /// is given, `solution.check.json`: the decoded solution's objective, rule violations and
    /// the planner's scheduler's refusals.
    public static func write(_ input: PlanningInput, to path: String, solution: String? = nil) throws(Failure) {
        let model = PlanModel(input)
        let (_, schedule) = QuarterPlanner.planAndSchedule(input)
        let sidecar = model.sidecarJSON(
            planner: model.objective(schedule), plannerViolations: PlanRules.violations(schedule, model: model),
            start: model.encode(schedule))
        do {
            try AtomicWrite.write(model.lpText(), to: URL(fileURLWithPath: path))
            try AtomicWrite.write(sidecar, to: URL(fileURLWithPath: path + ".json"))
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
        guard let solution else { return }
        guard let values = values(atPath: solution) else { throw .notASolution(path: solution) }
        do {
            try AtomicWrite.write(model.checkJSON(model.decode(values)), to: URL(fileURLWithPath: solution + ".check.json"))
        } catch {
            throw .cannotWrite(path: solution + ".check.json", reason: error.localizedDescription)
        }
    }

    /// A solution file's values by variable name (`tools/verify-plan/solve.py` writes them).
    public static func values(atPath path: String) -> [String: Double]? {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let raw = object["values"] as? [String: Any]
        else { return nil }
        var values: [String: Double] = [:]
        for (k, v) in raw { if let n = v as? NSNumber { values[k] = n.doubleValue } }
        return values
    }
}
