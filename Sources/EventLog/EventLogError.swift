/// Everything the event log refuses, as typed values with a stable ``code``, the offending ``field`` and a
/// ``message`` a person can act on. A refused append has appended nothing.
public enum EventLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stream's version did not satisfy the append's expectation.
    case wrongExpectedVersion(stream: StreamID, expected: ExpectedVersion, actual: Int64)
    /// An event id was appended before with different content (or in a different batch).
    case duplicateEventID(UUIDString, reason: String)
    case invalidStreamID(String, reason: String)
    case invalidExpectedVersion(String)
    case invalidEventType(String)
    case invalidSchemaVersion(Int)
    case payloadNotJSONObject(eventID: UUIDString)
    case payloadTooLarge(eventID: UUIDString, bytes: Int, limit: Int)
    case emptyAppend
    case tooManyEvents(count: Int, limit: Int)
    /// The same stream appears twice in one atomic multi-stream append.
    case repeatedStream(StreamID)
    /// The store could not be reached or answered unexpectedly; the append may or may not have happened, and
    /// retrying it with the same event ids is safe.
    case unavailable(String)

    public typealias UUIDString = String

    /// Whether the same request, sent again unchanged, may succeed: true only for ``unavailable(_:)``, where the
    /// outcome of an append is unknown and its event ids make the retry safe (an append that did go in is answered
    /// with its original positions). Every other case is a refusal that a retry would only repeat.
    public var isRetryable: Bool {
        if case .unavailable = self { return true }
        return false
    }

    public var code: String {
        switch self {
        case .wrongExpectedVersion: "WRONG_EXPECTED_VERSION"
        case .duplicateEventID: "DUPLICATE_EVENT_ID"
        case .invalidStreamID: "INVALID_STREAM_ID"
        case .invalidExpectedVersion: "INVALID_EXPECTED_VERSION"
        case .invalidEventType: "INVALID_EVENT_TYPE"
        case .invalidSchemaVersion: "INVALID_SCHEMA_VERSION"
        case .payloadNotJSONObject: "PAYLOAD_NOT_JSON_OBJECT"
        case .payloadTooLarge: "PAYLOAD_TOO_LARGE"
        case .emptyAppend: "EMPTY_APPEND"
        case .tooManyEvents: "TOO_MANY_EVENTS"
        case .repeatedStream: "REPEATED_STREAM"
        case .unavailable: "STORE_UNAVAILABLE"
        }
    }

    public var field: String? {
        switch self {
        case .wrongExpectedVersion: "expectedVersion"
        case .duplicateEventID: "events.id"
        case .invalidStreamID, .repeatedStream: "streamID"
        case .invalidExpectedVersion: "expectedVersion"
        case .invalidEventType: "events.type"
        case .invalidSchemaVersion: "events.schemaVersion"
        case .payloadNotJSONObject, .payloadTooLarge: "events.payload"
        case .emptyAppend, .tooManyEvents: "events"
        case .unavailable: nil
        }
    }

    public var message: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            "stream '\(stream)' is at version \(actual), but the append expected \(expected); reload it and decide again"
        case let .duplicateEventID(id, reason):
            "event id \(id) was already appended \(reason); give new events new ids"
        case let .invalidStreamID(id, reason):
            "stream id '\(id)' \(reason)"
        case let .invalidExpectedVersion(text):
            "expected version '\(text)' is not one of any, no_stream, stream_exists or a version number ≥ 0"
        case let .invalidEventType(type):
            "event type '\(type)' must be 1–100 characters of letters, digits, '.', '_' or '-'"
        case let .invalidSchemaVersion(version):
            "schema version \(version) must be 1 or more"
        case let .payloadNotJSONObject(id):
            "the payload of event \(id) is not a JSON object"
        case let .payloadTooLarge(id, bytes, limit):
            "the payload of event \(id) is \(bytes) bytes; the limit is \(limit)"
        case .emptyAppend:
            "an append needs at least one event"
        case let .tooManyEvents(count, limit):
            "an append of \(count) events is over the limit of \(limit); split it"
        case let .repeatedStream(stream):
            "stream '\(stream)' appears more than once in one atomic append"
        case let .unavailable(detail):
            "the event store is unavailable (\(detail)); retrying with the same event ids is safe"
        }
    }

    public var description: String { "\(code): \(message)" }
}
