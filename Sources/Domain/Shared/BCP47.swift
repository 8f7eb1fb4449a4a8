/// A structural check of BCP 47 language tags (RFC 5646 `langtag` production, without the registry lookup).
///
/// Used for `dc:language` of archive items, where any language may occur (Hakka `hak`, Teochew `nan-Hant`…),
/// and to tell a malformed tag from a well-formed tag that the platform does not offer.
public enum BCP47 {
    /// Whether `tag` is a well-formed language tag: language (2–3 or 5–8 letters), optional script (4 letters),
    /// region (2 letters or 3 digits), variants, extensions and private use, separated by `-`.
    public static func isWellFormed(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return false }
        if first.lowercased() == "x" { return parts.count > 1 && parts.dropFirst().allSatisfy { isAlnum($0, 1...8) } }
        guard isAlpha(first, 2...3) || isAlpha(first, 5...8) else { return false }
        var index = 1
        // extlang: up to three 3-letter subtags after a 2–3 letter language
        var extlangs = 0
        while index < parts.count, first.count <= 3, extlangs < 3, isAlpha(parts[index], 3...3) {
            index += 1
            extlangs += 1
        }
        if index < parts.count, isAlpha(parts[index], 4...4) { index += 1 }
        if index < parts.count, isAlpha(parts[index], 2...2) || isDigit(parts[index], 3...3) { index += 1 }
        while index < parts.count, isVariant(parts[index]) { index += 1 }
        while index < parts.count {
            let singleton = parts[index].lowercased()
            guard singleton.count == 1, isAlnum(singleton, 1...1) else { return false }
            let minimum = singleton == "x" ? 1 : 2
            var consumed = 0
            index += 1
            while index < parts.count, parts[index].count >= minimum, isAlnum(parts[index], minimum...8),
                !(singleton != "x" && parts[index].count == 1)
            {
                index += 1
                consumed += 1
            }
            guard consumed > 0 else { return false }
            if singleton == "x" { return index == parts.count }
        }
        return true
    }

    /// Returns `raw` or throws `BAD_LANG_TAG`.
    public static func validated(_ raw: String, field: String) throws(DomainError) -> String {
        guard isWellFormed(raw) else {
            let hint = LanguageTag.hint(for: raw).map { " — use '\($0.rawValue)'" } ?? ""
            throw DomainError(ErrorCode.badLangTag, field: field, "'\(raw)' is not a BCP 47 tag\(hint)")
        }
        return raw
    }

    private static func isVariant(_ s: String) -> Bool {
        isAlnum(s, 5...8) || (s.count == 4 && s.first!.isNumber && isAlnum(s, 4...4))
    }
    private static func isAlpha(_ s: String, _ r: ClosedRange<Int>) -> Bool {
        r.contains(s.count) && s.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic }
    }
    private static func isDigit(_ s: String, _ r: ClosedRange<Int>) -> Bool {
        r.contains(s.count) && s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
    private static func isAlnum(_ s: String, _ r: ClosedRange<Int>) -> Bool {
        r.contains(s.count)
            && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}
