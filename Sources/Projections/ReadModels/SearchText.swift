import Foundation

/// The search normalisation shared by the catalog's writer and its readers: Unicode NFKC (full-width Latin and
/// digits become ASCII), case folded, whitespace collapsed. Chinese text is kept as it is, so a query for `趟栊`
/// matches any description containing those characters, on PostgreSQL and SQLite alike (`LIKE '%…%'`), without
/// extensions. (No simplified/traditional folding yet: `趟櫳` does not find `趟栊`.)
public enum SearchText {
    public static func normalize(_ text: String) -> String {
        var text = text
        if let folded = text.withUTF8({ try? foldSimple($0) }) { return folded }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
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

    /// Most catalog text is made only of scalars that fold on their own (``simpleFold(_:)``): such text is folded
    /// and its whitespace collapsed in one pass over its UTF-8 bytes, without the whole-string NFKC. Throws at the
    /// first other scalar.
    private static func foldSimple(_ utf8: UnsafeBufferPointer<UInt8>) throws -> String {
        try String(unsafeUninitializedCapacity: utf8.count) { out in
            // The result is never longer than the text: a scalar folds to itself or to ASCII, and runs of spaces
            // shrink.
            var count = 0
            var pendingSpace = false
            var index = 0
            while index < utf8.count {
                let lead = utf8[index]
                let value: UInt32, width: Int
                if lead < 0x80 {
                    (value, width) = (UInt32(lead), 1)
                } else if lead & 0xF0 == 0xE0 {  // every simple scalar above ASCII takes three bytes
                    value = UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                    width = 3
                } else {
                    throw NotSimple()
                }
                guard let folded = Unicode.Scalar(value).flatMap(simpleFold) else { throw NotSimple() }
                if isWhitespace(folded) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        out[count] = 0x20
                        count += 1
                        pendingSpace = false
                    }
                    if folded.isASCII {
                        out[count] = UInt8(folded.value)
                        count += 1
                    } else {  // a simple scalar that is not ASCII folds to itself: its bytes stay
                        for offset in 0..<width { out[count + offset] = utf8[index + offset] }
                        count += width
                    }
                }
                index += width
            }
            return count
        }
    }

    private struct NotSimple: Error {}

    /// What NFKC and lowercasing make of `scalar` when that does not depend on its neighbours, for the scalars of
    /// most catalog text; `nil` for every other scalar. Each of these is a starter that composes with nothing, so a
    /// text made only of them folds scalar by scalar, exactly as the whole-string NFKC would fold it (a test checks
    /// every scalar listed here against Foundation). A scalar it changes becomes ASCII; every other stays itself:
    /// - ASCII: letters lowercased;
    /// - CJK Unified Ideographs and Extension A, and CJK symbols and punctuation U+3001…U+3029: unchanged;
    /// - U+3000 IDEOGRAPHIC SPACE: a space;
    /// - full-width ASCII U+FF01…U+FF5E: the ASCII character, lowercased.
    static func simpleFold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x41...0x5A: Unicode.Scalar(UInt8(scalar.value + 0x20))
        case 0x00...0x7F, 0x3001...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF: scalar
        case 0x3000: " "
        case 0xFF21...0xFF3A: Unicode.Scalar(UInt8(scalar.value - 0xFEE0 + 0x20))
        case 0xFF01...0xFF5E: Unicode.Scalar(UInt8(scalar.value - 0xFEE0))
        default: nil
        }
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
