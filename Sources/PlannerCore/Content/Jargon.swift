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
        for (t, plain) in terms {
            guard t.count <= lowered.count else { continue }
            var i = 0
            while i + t.count <= lowered.count {
                if matches(lowered, i, t),
                    !(i > 0 && PyChar.isWord(s[i - 1])),
                    !(i + t.count < s.count && PyChar.isWord(s[i + t.count]))
                {
                    if !(i > 0 && s[i - 1] == "(") {
                        let (line, column) = locator.location(of: i)
                        found.append(
                            JargonFinding(
                                line: line, column: column, term: locator.string(i..<(i + t.count)), plain: plain))
                    }
                    i += t.count
                } else {
                    i += 1
                }
            }
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The table with each term as scalars.
    static let terms: [(term: [Unicode.Scalar], plain: String)] = table.map { (Array($0.term.unicodeScalars), $0.plain) }

    static func matches(_ s: [Unicode.Scalar], _ at: Int, _ t: [Unicode.Scalar]) -> Bool {
        for k in 0..<t.count where s[at + k] != t[k] { return false }
        return true
    }
}
