/// The name of one event stream, e.g. `item-0192f3a1`.
///
/// Rules a caller must know:
/// - 1 to ``maxUTF8Length`` bytes of UTF-8, with no whitespace or control characters.
/// - The **category** is the part before the first `-` (`item` for `item-0192f3a1`), or the whole id when it has
///   no `-`. Readers filter the log by category.
public struct StreamID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The longest stream id accepted, in UTF-8 bytes.
    public static let maxUTF8Length = 200

    public let rawValue: String

    /// Validates `rawValue`; throws ``EventLogError/invalidStreamID(_:reason:)`` when it breaks a rule.
    public init(_ rawValue: String) throws(EventLogError) {
        if rawValue.isEmpty {
            throw .invalidStreamID(rawValue, reason: "is empty")
        }
        if rawValue.utf8.count > Self.maxUTF8Length {
            throw .invalidStreamID(
                String(rawValue.prefix(40)) + "…",
                reason: "is \(rawValue.utf8.count) bytes long; the limit is \(Self.maxUTF8Length)")
        }
        if rawValue.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            throw .invalidStreamID(rawValue, reason: "contains whitespace or a control character")
        }
        self.rawValue = rawValue
    }

    /// An id read back from a store that validated it when it was appended; not checked again.
    public init(stored rawValue: String) {
        self.rawValue = rawValue
    }

    /// The part before the first `-`, or the whole id.
    public var category: String {
        if let dash = rawValue.firstIndex(of: "-") {
            return String(rawValue[..<dash])
        }
        return rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: StreamID, rhs: StreamID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        try self.init(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
