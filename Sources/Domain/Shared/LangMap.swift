import Foundation

/// Text keyed by language: `{"zh-Hans": "碉楼", "yue-Hant": "碉樓", "en": "Watchtower"}`.
///
/// A `LangMap` received in a command is raw: call ``validated(field:requireText:)`` in the decider to check the
/// tags (`BAD_LANG_TAG` with a hint), canonicalise their case and drop blank texts. Maps stored in events are
/// always validated. Encodes as a plain JSON object from tag to text.
public struct LangMap: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The texts by tag, as given (raw) or canonical (validated).
    public private(set) var entries: [String: String]

    public init(_ entries: [String: String] = [:]) { self.entries = entries }
    public init(dictionaryLiteral elements: (String, String)...) {
        self.entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }
    public init(from decoder: any Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: String].self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// The text in `language`, if present.
    public subscript(language: LanguageTag) -> String? { entries[language.rawValue] }

    /// The offered languages that have a text (meaningful on a validated map).
    public var languages: Set<LanguageTag> { Set(entries.keys.compactMap(LanguageTag.init(rawValue:))) }

    /// Whether no language has a text.
    public var isEmpty: Bool { entries.values.allSatisfy { Text.isBlank($0) } }

    /// The first text along the fallback chain yue-Hant → zh-Hans → en, with the language it came from.
    public func preferred(_ order: [LanguageTag] = LanguageTag.fallbackOrder) -> (LanguageTag, String)? {
        for tag in order { if let text = self[tag] { return (tag, text) } }
        return nil
    }

    /// Checks every tag is offered (`BAD_LANG_TAG`), canonicalises tags, trims texts and drops blank ones.
    /// With `requireText`, an empty result throws `requiredCode` (e.g. `TITLE_REQUIRED`).
    public func validated(
        field: String, requireText: Bool = false, requiredCode: String = ErrorCode.fieldRequired, maxLength: Int = 4000
    ) throws(DomainError) -> LangMap {
        var canonical: [String: String] = [:]
        for key in entries.keys.sorted() {
            let tag = try LanguageTag.parse(key, field: "\(field).\(key)")
            let text = Text.trimmed(entries[key] ?? "")
            guard !text.isEmpty else { continue }
            try Text.limit(text, max: maxLength, field: "\(field).\(tag.rawValue)")
            canonical[tag.rawValue] = text
        }
        if requireText, canonical.isEmpty {
            throw DomainError(requiredCode, field: field, "\(field) is required in at least one of zh-Hans, yue-Hant, en")
        }
        return LangMap(canonical)
    }

    /// A copy with the texts of `other` laid over this one.
    public func merging(_ other: LangMap) -> LangMap {
        LangMap(entries.merging(other.entries, uniquingKeysWith: { _, new in new }))
    }
}
