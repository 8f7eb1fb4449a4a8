import Foundation

/// The search normalisation shared by the catalog's writer and its readers: Unicode NFKC (full-width Latin and
/// digits become ASCII), case folded, whitespace collapsed. Chinese text is kept as it is, so a query for `趟栊`
/// matches any description containing those characters, on PostgreSQL and SQLite alike (`LIKE '%…%'`), without
/// extensions. (No simplified/traditional folding yet: `趟櫳` does not find `趟栊`.)
public enum SearchText {
    public static func normalize(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The terms of a query: each must occur (AND).
    public static func terms(_ query: String) -> [String] {
        normalize(query).split(separator: " ").map(String.init).filter { !$0.isEmpty }
    }

    /// The text searched for an item: titles and descriptions in every language, subjects, creators, place.
    static func document(_ parts: [String?]) -> String {
        // A separator that no query term contains, so terms cannot match across fields.
        parts.compactMap { $0 }.map(normalize).filter { !$0.isEmpty }.joined(separator: " \u{1F} ")
    }
}
