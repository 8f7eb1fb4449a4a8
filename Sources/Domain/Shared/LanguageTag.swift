/// The languages the platform offers for its own texts (titles, descriptions, tour scripts).
///
/// Tags are BCP 47 and matched case-insensitively (`ZH-hans` is read as `zh-Hans`); anything else is
/// `BAD_LANG_TAG` with a hint naming the offered tag to use.
public enum LanguageTag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Mandarin in simplified characters.
    case zhHans = "zh-Hans"
    /// Cantonese in traditional characters.
    case yueHant = "yue-Hant"
    /// English.
    case en = "en"

    /// The order used for fallback and for listing missing translations: yue-Hant → zh-Hans → en.
    public static let fallbackOrder: [LanguageTag] = [.yueHant, .zhHans, .en]

    public static func < (lhs: LanguageTag, rhs: LanguageTag) -> Bool {
        fallbackOrder.firstIndex(of: lhs)! < fallbackOrder.firstIndex(of: rhs)!
    }

    /// Parses one of the offered tags, or throws `BAD_LANG_TAG` with a hint.
    public static func parse(_ raw: String, field: String) throws(DomainError) -> LanguageTag {
        let trimmed = Text.trimmed(raw)
        if let tag = allCases.first(where: { $0.rawValue.lowercased() == trimmed.lowercased() }) { return tag }
        let offered = allCases.map(\.rawValue).joined(separator: ", ")
        if let suggestion = hint(for: trimmed) {
            throw DomainError(ErrorCode.badLangTag, field: field, "'\(raw)' — use '\(suggestion.rawValue)'")
        }
        if BCP47.isWellFormed(trimmed) {
            throw DomainError(
                ErrorCode.badLangTag, field: field, "'\(raw)' is not offered — use one of \(offered)")
        }
        throw DomainError(ErrorCode.badLangTag, field: field, "'\(raw)' is not a BCP 47 tag — use one of \(offered)")
    }

    /// The offered tag a person most likely meant by `raw`, if any.
    static func hint(for raw: String) -> LanguageTag? {
        let key = raw.lowercased().replacingOccurrences(of: "_", with: "-")
        if hints[key] != nil { return hints[key] }
        if key.hasPrefix("yue") || key.hasPrefix("zh-hant-hk") || key.hasPrefix("zh-hk") || key.hasPrefix("zh-mo") {
            return .yueHant
        }
        if key.hasPrefix("zh") || key.hasPrefix("cmn") { return .zhHans }
        if key.hasPrefix("en") { return .en }
        return nil
    }

    private static let hints: [String: LanguageTag] = [
        "cantonese": .yueHant, "粤语": .yueHant, "粵語": .yueHant, "广东话": .yueHant, "廣東話": .yueHant,
        "白话": .yueHant, "yue": .yueHant, "zh-yue": .yueHant, "yue-hans": .yueHant,
        "mandarin": .zhHans, "chinese": .zhHans, "普通话": .zhHans, "中文": .zhHans, "汉语": .zhHans,
        "english": .en, "英语": .en, "eng": .en,
    ]
}
