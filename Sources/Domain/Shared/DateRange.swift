/// An inclusive range of days, e.g. a licence term 2026-01-01…2028-12-31.
public struct DateRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public let start: CalendarDate
    public let end: CalendarDate

    /// Creates a range; throws `BAD_DATE` when `end` is before `start`.
    public init(start: CalendarDate, end: CalendarDate, field: String = "term") throws(DomainError) {
        guard start <= end else {
            throw DomainError(ErrorCode.badDate, field: field, "term ends (\(end)) before it starts (\(start))")
        }
        self.start = start
        self.end = end
    }

    /// Parses two `YYYY-MM-DD` days.
    public static func parse(start: String, end: String, field: String = "term") throws(DomainError) -> DateRange {
        try DateRange(
            start: CalendarDate.parse(start, field: "\(field).start"),
            end: CalendarDate.parse(end, field: "\(field).end"), field: field)
    }

    /// Whether the two ranges share at least one day.
    public func intersects(_ other: DateRange) -> Bool { start <= other.end && other.start <= end }

    /// Whether `other` lies entirely within this range.
    public func contains(_ other: DateRange) -> Bool { start <= other.start && other.end <= end }

    /// Whether `day` lies within this range.
    public func contains(_ day: CalendarDate) -> Bool { start <= day && day <= end }

    /// `2026–2028` for whole calendar years, else `2026-03-01–2027-02-28`.
    public var description: String {
        if start.month == 1, start.day == 1, end.month == 12, end.day == 31 {
            return start.year == end.year ? "\(start.year)" : "\(start.year)–\(end.year)"
        }
        return "\(start)–\(end)"
    }

    private enum CodingKeys: String, CodingKey { case start, end }
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(CalendarDate.self, forKey: .start)
        let end = try container.decode(CalendarDate.self, forKey: .end)
        do { self = try DateRange(start: start, end: end) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
