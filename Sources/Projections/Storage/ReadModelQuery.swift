/// A condition on a read-model column, rendered for either database by ``SQLBuilder``.
public enum Condition: Sendable, Hashable {
    case equals(String, SQLValue)
    case notEquals(String, SQLValue)
    case isIn(String, [SQLValue])
    case isNull(String)
    case lessOrEqual(String, SQLValue)
    case greaterOrEqual(String, SQLValue)
    /// The column's text contains `needle` (case as stored); `LIKE '%…%' ESCAPE '\'` on both databases.
    case contains(String, String)
}

/// An ordering of query results.
public struct Ordering: Sendable, Hashable {
    public var column: String
    public var descending: Bool

    public init(_ column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    public static func asc(_ column: String) -> Ordering { Ordering(column) }
    public static func desc(_ column: String) -> Ordering { Ordering(column, descending: true) }
}

/// A query of one read-model table (within one generation).
public struct ReadModelQuery: Sendable, Hashable {
    public var conditions: [Condition]
    public var ordering: [Ordering]
    public var limit: Int?
    public var offset: Int

    public init(_ conditions: [Condition] = [], orderBy ordering: [Ordering] = [.asc("key")], limit: Int? = nil, offset: Int = 0) {
        self.conditions = conditions
        self.ordering = ordering
        self.limit = limit
        self.offset = offset
    }
}
