// libFuzzer target over the practice-profile loader (`make fuzz-profile`): YAML bytes in.
// Built with `swift build --product ProfileFuzz --sanitize=fuzzer`, libFuzzer's main drives
// LLVMFuzzerTestOneInput; in a plain build this is an executable that does nothing.
import PlannerCore
import PlannerIO

/// 2027-Q1, the window every accepted profile is sized and planned for (no calendar days:
/// the fuzzer is after the profile's numbers, not the calendar's).
private let window = DateWindow(from: CivilDate(year: 2027, month: 1, day: 1), to: CivilDate(year: 2027, month: 4, day: 1))

@_cdecl("LLVMFuzzerTestOneInput")
public func profileFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // As `ProfileLoader.load`: bytes that are not UTF-8 are refused before parsing.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    let result = ProfileLoader.validate(yaml: text, path: "fuzz.yaml", isKnownZone: { $0 == "Europe/London" })
    if (result.profile == nil) != result.hasErrors {
        fatalError("a profile came back with errors, or none without: \(result.report)")
    }
    for d in result.diagnostics where d.location.path != "fuzz.yaml" {
        fatalError("diagnostic names the wrong file: \(d)")
    }
    guard let profile = result.profile else { return 0 }
    // Everything the planner works out from an accepted profile must be computable.
    let taxonomy = Taxonomy.bundled
    for id in taxonomy.groupIds {
        if let s = PlannerCore.size(ofGroup: id, in: profile, taxonomy: taxonomy), !s.count.isFinite {
            fatalError("group \(id) has size \(s.count)")
        }
    }
    let input = PlanningInput.build(
        profile: profile, window: window, days: [], matches: [], relevance: [], taxonomy: taxonomy, bankHolidays: [])
    _ = QuarterPlanner.plan(input)
    _ = profile.summaryLine
    return 0
}
