/// Validation helpers for free text supplied by people (curators, villagers at kiosks, agents).
///
/// Free text is stored as data and never interpreted: it is only trimmed for emptiness checks and measured
/// in `Character`s (grapheme clusters), so that `趟栊` counts as 2.
public enum Text {
    /// The text with surrounding whitespace removed.
    public static func trimmed(_ raw: String) -> String { raw.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Whether the text is empty after trimming.
    public static func isBlank(_ raw: String?) -> Bool { raw.map { trimmed($0).isEmpty } ?? true }

    /// Returns the trimmed text, or throws `code` (default `FIELD_REQUIRED`) when it is blank.
    public static func required(
        _ raw: String?, field: String, code: String = ErrorCode.fieldRequired, what: String? = nil
    ) throws(DomainError) -> String {
        let value = trimmed(raw ?? "")
        guard !value.isEmpty else { throw DomainError(code, field: field, "\(what ?? field) is required") }
        return value
    }

    /// Throws `TEXT_TOO_LONG` when `raw` has more than `max` characters.
    public static func limit(_ raw: String, max: Int, field: String) throws(DomainError) {
        let count = raw.count
        guard count <= max else {
            throw DomainError(ErrorCode.textTooLong, field: field, "\(field) has \(count) characters; at most \(max)")
        }
    }
}

import Foundation
