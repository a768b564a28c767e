import Foundation
import PlannerCore
import PlannerIO
import PlannerTestSupport
import Testing

/// Issue 11: "a high-value day left out while a lower one is in must come with a reason that
/// names the binding constraint correctly". A day that ends the rounds on one channel says why
/// each other channel was lost, and its money figures are the plan's: what the plan leaves of
/// each budget, against the day's smallest text or letter batch.
@Suite struct LeftOutReasonTests {
    static func plans() throws -> [(String, Plan)] {
        var out: [(String, Plan)] = []
        for profile in ["coastal-older", "urban-young"] {
            let path = TestPaths.packageRoot.appendingPathComponent("Profiles/\(profile).yaml").path
            for quarter in 1...4 {
                let outcome = PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q\(quarter)")!).run()
                out.append(("\(profile) 2027-Q\(quarter)", try #require(outcome.result).plan))
            }
        }
        // Planned on 1 March: the prep of April's days is short of time.
        let path = TestPaths.packageRoot.appendingPathComponent("Profiles/coastal-older.yaml").path
        var run = PlanningRun(profilePath: path, window: DateWindow(quarter: "2027-Q2")!)
        run.today = CivilDate(iso: "2027-03-01")!
        out.append(("coastal-older 2027-Q2 from 1 March", try #require(run.run().result).plan))
        return out
    }

    /// "£442.16 of SMS money left" -> 44216.
    static func pence(_ text: Substring) -> Int? {
        let digits = text.replacingOccurrences(of: ",", with: "").split(separator: ".")
        guard digits.count == 2, let pounds = Int(digits[0]), let p = Int(digits[1]) else { return nil }
        return pounds * 100 + p
    }

    @Test func moneyFiguresAreThePlansAndTheClaimMatchesThem() throws {
        var checked = 0
        for (name, plan) in try Self.plans() {
            for w in plan.warnings where w.code == .dayNotFitted && w.message.contains("for a second channel")
                || w.message.contains("to run on two channels")
            {
                // The old wording claimed the money "buys more reach" whatever the figures.
                #expect(!w.message.contains("buys more reach"), "\(name): \(w.message)")
                let short = w.message.contains("the money is short")
                #expect(short != w.message.contains("although money is left"), "\(name): \(w.message)")
                var affordable = 0
                for x in [PlanChannel.sms, .letter] {
                    let label = "£([0-9,]+\\.[0-9]{2}) of \(x.displayName) money left, "
                    guard let r = w.message.range(of: label, options: .regularExpression) else { continue }
                    let figure = w.message[r].dropFirst().prefix { $0 != " " }
                    let spent = plan.items.filter { $0.channel == x }.reduce(0) { $0 + $1.costPence }
                    let budget = try #require(plan.totals.channels.first { $0.channel == x }?.budgetPence)
                    #expect(Self.pence(figure) == budget - spent, "\(name): \(x) \(figure) in \(w.message)")
                    if w.message[r.upperBound...].hasPrefix("enough for") { affordable += 1 }
                    checked += 1
                }
                if !short { #expect(affordable >= 1, "\(name): \(w.message)") }
            }
        }
        #expect(checked > 0, "no warning of a day short of a second channel in these plans")
    }

    @Test func eachLostChannelIsNamedWithItsReason() throws {
        var checked = 0
        for (name, plan) in try Self.plans() {
            for w in plan.warnings where w.code == .dayNotFitted && w.message.contains("; so it needs ") {
                #expect(w.message.contains("item could not be placed: ") || w.message.contains("a batch needs"), "\(name): \(w.message)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}
