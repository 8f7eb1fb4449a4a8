import Foundation

/// The search normalisation shared by the catalog's writer and its readers: Unicode NFKC (full-width Latin and
/// digits become ASCII), case folded, whitespace collapsed. Chinese text is kept as it is, so a query for `趟栊`
/// matches any description containing those characters, on PostgreSQL and SQLite alike (`LIKE '%…%'`), without
/// extensions. (No simplified/traditional folding yet: `趟櫳` does not find `趟栊`.)
public enum SearchText {
    public static func normalize(_ text: String) -> String {
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.precomposedStringWithCompatibilityMapping.lowercased()
        // Collapse runs of Unicode White_Space (the property `Character.isWhitespace` reads) into one space and trim
        // the ends, working on scalars and UTF-8 bytes rather than grapheme clusters.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(contentsOf: scalar.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unicode's White_Space property, spelled out (it is small and does not change).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
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
