/// Patient sex as NHS Digital's list-size extract records it: the columns of a profile's
/// patient list and the `sex` of a taxonomy group sized by sex and age.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male, female
}
