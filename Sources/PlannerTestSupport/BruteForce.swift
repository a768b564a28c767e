import PlannerCore

extension AllocationProblem {
    /// The best feasible choice and its value, by trying every combination of broadcast channels
    /// per campaign and direct channels per segment (small instances only: the optimality tests).
    public func bruteForce() -> (AllocationChoice, AllocationValue) {
        let options =
            campaigns.map { $0.available.intersection(.broadcast).subsets }
            + segments.map { campaigns[$0.campaign].available.intersection(.direct).subsets }
        var best: (AllocationChoice, AllocationValue)?
        forEachCombination(of: options) { chosen in
            let choice = AllocationChoice(
                broadcast: Array(chosen[0..<campaigns.count]), direct: Array(chosen[campaigns.count...]))
            let v = evaluate(choice)
            if v.feasible, best == nil || v.isBetter(than: best!.1) { best = (choice, v) }
        }
        return best!
    }
}
