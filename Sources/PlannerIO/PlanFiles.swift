import Foundation
import PlannerCore

/// The plan files of an output folder (issue 11, item 4): plan.json, and beside it a copy
/// named by its window, `plan-<first day>-<last day>.json`, so that the next window's run finds
/// the plan it continues from. Their bytes come from PlannerExport; this module only names and
/// finds the files.
public enum PlanFiles {
    /// "plan-2027-01-01-2027-03-31.json": the window's first and last days.
    public static func windowedName(_ window: DateWindow) -> String {
        "plan-\(window.from.iso)-\(window.to.adding(days: -1).iso).json"
    }

    /// The window a file name of `windowedName` stands for, or nil for any other name.
    public static func window(ofName name: String) -> DateWindow? {
        guard name.hasPrefix("plan-"), name.hasSuffix(".json") else { return nil }
        let middle = name.dropFirst(5).dropLast(5)
        guard middle.count == 21, let from = CivilDate(iso: middle.prefix(10)),
            middle.dropFirst(10).first == "-", let last = CivilDate(iso: middle.suffix(10)), from <= last
        else { return nil }
        return DateWindow(from: from, to: last.adding(days: 1))
    }

    /// The previous plan in `folder` for `window`: the windowed plan file that ends the day before
    /// the window starts; of several, the one that starts latest (the shortest). nil when none.
    public static func previous(in folder: URL, before window: DateWindow) -> URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var best: (name: String, from: CivilDate)?
        for name in names.sorted() {
            guard let w = PlanFiles.window(ofName: name), w.to == window.from else { continue }
            if best == nil || w.from > best!.from { best = (name, w.from) }
        }
        return best.map { folder.appendingPathComponent($0.name) }
    }
}
