/// Which events of the whole log a reader wants. Empty criteria match everything; criteria combine with AND.
public struct LogFilter: Hashable, Sendable {
    /// Stream categories (the part of a stream id before the first `-`); `nil` means every category.
    public var categories: [String]?
    /// Event types; `nil` means every type.
    public var eventTypes: [String]?
    /// Only events recorded for this county (6-digit division code); `nil` means every county.
    public var county: String?

    public init(categories: [String]? = nil, eventTypes: [String]? = nil, county: String? = nil) {
        self.categories = categories
        self.eventTypes = eventTypes
        self.county = county
    }

    public static let all = LogFilter()

    public static func category(_ name: String) -> LogFilter { LogFilter(categories: [name]) }

    public static func eventTypes(_ types: [String]) -> LogFilter { LogFilter(eventTypes: types) }

    /// Whether `event` passes this filter (the stores filter in SQL; this is the same rule in Swift).
    public func matches(_ event: RecordedEvent) -> Bool {
        if let categories, !categories.contains(event.streamID.category) { return false }
        if let eventTypes, !eventTypes.contains(event.type) { return false }
        if let county, event.metadata.county != county { return false }
        return true
    }
}
