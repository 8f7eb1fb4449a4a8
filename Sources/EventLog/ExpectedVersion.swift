/// What an append expects of its stream's current version.
///
/// Stream versions start at 1 for the first event; a stream that has no events is at version 0.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream's version is.
    case any
    /// The stream must have no events.
    case noStream
    /// The stream must have at least one event.
    case streamExists
    /// The stream's last event must have exactly this version (`exact(0)` is the same as ``noStream``).
    case exact(Int64)

    /// Parses the wire forms `any`, `no_stream`, `stream_exists` and a non-negative integer.
    /// Anything else is ``EventLogError/invalidExpectedVersion(_:)``.
    public init(parsing text: String) throws(EventLogError) {
        switch text {
        case "any": self = .any
        case "no_stream", "noStream": self = .noStream
        case "stream_exists", "streamExists": self = .streamExists
        default:
            guard let value = Int64(text), value >= 0 else { throw .invalidExpectedVersion(text) }
            self = .exact(value)
        }
    }

    /// Whether a stream at `actual` satisfies this expectation.
    public func isSatisfied(by actual: Int64) -> Bool {
        switch self {
        case .any: true
        case .noStream: actual == 0
        case .streamExists: actual > 0
        case .exact(let value): actual == value
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no_stream"
        case .streamExists: "stream_exists"
        case .exact(let value): String(value)
        }
    }
}
