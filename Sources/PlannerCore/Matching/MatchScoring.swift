/// Scores predicted (event uid, id) pairs against labelled ones.
public enum MatchScoring {
    /// Micro-averaged precision, recall and F1 over (uid, id) pairs. Pairs whose id is not
    /// in `validIds` (the taxonomy's ids) are ignored on both sides, as are duplicates.
    /// With nothing predicted and nothing labelled, all three are 1.
    public static func microF1(
        predicted: [(uid: String, id: String)], gold: [(uid: String, id: String)], validIds: Set<String>
    ) -> (precision: Double, recall: Double, f1: Double) {
        struct Pair: Hashable {
            var uid: String
            var id: String
        }
        let p = Set(predicted.filter { validIds.contains($0.id) }.map { Pair(uid: $0.uid, id: $0.id) })
        let g = Set(gold.filter { validIds.contains($0.id) }.map { Pair(uid: $0.uid, id: $0.id) })
        let tp = Double(p.intersection(g).count)
        if p.isEmpty, g.isEmpty { return (1, 1, 1) }
        let precision = p.isEmpty ? 0 : tp / Double(p.count)
        let recall = g.isEmpty ? 0 : tp / Double(g.count)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1)
    }
}
