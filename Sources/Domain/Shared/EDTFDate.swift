/// A date in the Extended Date/Time Format (ISO 8601-2, level 0 and the common level 1 forms).
///
/// Accepted: `1921`, `1921-05`, `1921-05-03`; unspecified digits `193X`, `19XX`, `1921-XX`, `1921-05-XX`;
/// a trailing qualifier `?` (uncertain), `~` (approximate) or `%` (both); seasons `1921-21`…`1921-24`;
/// intervals `1930/1940`, `1921-05/1921-08`, open or unknown ends `1930/..`, `/1940`.
/// Anything else is `BAD_DATE` with a hint (`'1930s' — use '193X'`).
///
/// A command carries the raw text; call ``validated(field:)`` in the decider. Encodes as a plain string.
public struct EDTFDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Returns the trimmed date, or throws `BAD_DATE` with a hint.
    public func validated(field: String) throws(DomainError) -> EDTFDate {
        let trimmed = Text.trimmed(rawValue)
        _ = try EDTFParser.bounds(of: trimmed, field: field)
        return EDTFDate(trimmed)
    }

    /// The earliest day the date may denote (`193X` → 1930-01-01); `nil` for an open start or a malformed date.
    public var earliestDay: CalendarDate? { try? EDTFParser.bounds(of: rawValue, field: "date").lower }

    /// The latest day the date may denote (`193X` → 1939-12-31); `nil` for an open end or a malformed date.
    public var latestDay: CalendarDate? { try? EDTFParser.bounds(of: rawValue, field: "date").upper }

    /// Throws `DATE_IN_FUTURE` when even the earliest day the date may denote is after `today`.
    public func requireNotAfter(_ today: CalendarDate, field: String) throws(DomainError) {
        if let earliest = earliestDay, earliest > today {
            throw DomainError(ErrorCode.dateInFuture, field: field, "'\(rawValue)' is after today (\(today))")
        }
    }
}
