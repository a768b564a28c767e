/// Medical and formal words with the plain words to use first.
///
/// The NHS content guide ("How we write" and the A to Z of NHS health writing, NHS digital service
/// manual) asks for the plain word first and the medical term in brackets when it is needed:
/// "piles (haemorrhoids)". A term written straight after an opening bracket is therefore accepted.
public enum Jargon {
    /// (medical or formal term, plain term), matched as whole words, case ignored. Sorted by term.
    public static let table: [(term: String, plain: String)] = [
        ("administer", "give"),
        ("adverse reaction", "side effect"),
        ("analgesia", "painkillers"),
        ("cardiovascular disease", "heart and circulation problems"),
        ("cerebrovascular accident", "stroke"),
        ("chronic", "long-term"),
        ("commence", "start"),
        ("contraindicated", "not suitable"),
        ("dyspnoea", "breathlessness"),
        ("eligible", "able to have"),
        ("haemorrhoids", "piles"),
        ("hypertension", "high blood pressure"),
        ("hypoglycaemia", "low blood sugar"),
        ("immunisation", "vaccination"),
        ("inoculation", "vaccination"),
        ("malignant", "cancerous"),
        ("myocardial infarction", "heart attack"),
        ("obtain", "get"),
        ("oncology", "cancer care"),
        ("paediatric", "children's"),
        ("prophylaxis", "prevention"),
        ("pyrexia", "high temperature"),
        ("renal", "kidney"),
        ("subsequently", "later"),
        ("utilise", "use"),
    ]

    /// Every use of a term in the table that is not already inside brackets after its plain form.
    public static func findings(in locator: TextLocator) -> [JargonFinding] {
        let s = locator.scalars
        let lowered = s.map(Readability.lower)
        var found: [JargonFinding] = []
        // One pass over the text, trying at each place the terms that start with its letter; a
        // term's next match is looked for after the end of its last one (as a scan per term does).
        var nextFrom = [Int](repeating: 0, count: terms.count)
        for i in lowered.indices {
            let v = lowered[i].value
            guard v < 128 else { continue }
            for k in termsByFirst[Int(v)] {
                let t = terms[k].term
                guard i >= nextFrom[k], i + t.count <= lowered.count else { continue }
                if matches(lowered, i, t),
                    !(i > 0 && PyChar.isWord(s[i - 1])),
                    !(i + t.count < s.count && PyChar.isWord(s[i + t.count]))
                {
                    if !(i > 0 && s[i - 1] == "(") {
                        let (line, column) = locator.location(of: i)
                        found.append(
                            JargonFinding(
                                line: line, column: column, term: locator.string(i..<(i + t.count)), plain: terms[k].plain))
                    }
                    nextFrom[k] = i + t.count
                }
            }
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The table with each term as scalars.
    static let terms: [(term: [Unicode.Scalar], plain: String)] = table.map { (Array($0.term.unicodeScalars), $0.plain) }

    /// For each ASCII letter, the terms (indices into `terms`) that start with it.
    static let termsByFirst: [[Int]] = {
        var by = [[Int]](repeating: [], count: 128)
        for (k, t) in terms.enumerated() { by[Int(t.term[0].value)].append(k) }
        return by
    }()

    static func matches(_ s: [Unicode.Scalar], _ at: Int, _ t: [Unicode.Scalar]) -> Bool {
        for k in 0..<t.count where s[at + k] != t[k] { return false }
        return true
    }
}
