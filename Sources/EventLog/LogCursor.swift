/// A reader's place in the whole log: one opaque, totally ordered token.
///
/// Readers resume **after** a cursor. The log's order is the order of ``commitOrder`` then ``position``;
/// on PostgreSQL `commitOrder` is the appending transaction's id, so a reader can never pass a transaction that is
/// still open. Treat the token as opaque: store ``token`` and parse it back with ``init(token:)``.
public struct LogCursor: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The beginning of the log; every event is after it.
    public static let start = LogCursor(commitOrder: 0, position: 0)

    public let commitOrder: UInt64
    public let position: Int64

    public init(commitOrder: UInt64, position: Int64) {
        self.commitOrder = commitOrder
        self.position = position
    }

    /// Parses a token made by ``token``; `nil` for anything else.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let order = UInt64(parts[0]), let position = Int64(parts[1]), position >= 0 else {
            return nil
        }
        self.init(commitOrder: order, position: position)
    }

    /// The opaque text form, safe in URLs and JSON.
    public var token: String { "\(commitOrder).\(position)" }

    public var description: String { token }

    public static func < (lhs: LogCursor, rhs: LogCursor) -> Bool {
        (lhs.commitOrder, lhs.position) < (rhs.commitOrder, rhs.position)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let cursor = LogCursor(token: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a log cursor: \(text)")
        }
        self = cursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(token)
    }
}
