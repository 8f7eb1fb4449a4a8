import Foundation
import JSONText

/// How an aggregate's events are stored in the log.
///
/// Rules a caller must know:
/// - `eventType` is an explicit, stable string constant (`"archive.item-registered"`), never derived from Swift
///   type names; renaming a Swift case must not change it.
/// - `encodedPayload()` is a JSON object (UTF-8), with dates as ISO 8601 strings at millisecond precision.
/// - `schemaVersion` is the version of the aggregate's payload shapes that `encodedPayload()` writes; store it
///   in the envelope. `decode` accepts any version up to it and upcasts older payloads through
///   ``EventUpcasters`` before decoding; a newer version is `UNSUPPORTED_SCHEMA_VERSION`.
/// - `decode` throws a ``DomainError`` (`UNKNOWN_EVENT_TYPE`, `EVENT_PAYLOAD_INVALID`, …) on bad input.
public protocol DomainEventCoding: Sendable, Equatable {
    var eventType: String { get }
    static var schemaVersion: Int { get }
    /// Every event type string this enum can produce.
    static var eventTypes: [String] { get }
    static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self
    func encodedPayload() throws -> Data
}

/// The JSON encoder and decoder every event payload goes through.
public enum EventJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return try encoder.encode(value)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, eventType: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = UTCTimestamp.parseISO8601(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        do { return try decoder.decode(type, from: data) } catch {
            throw DomainError(ErrorCode.eventPayloadInvalid, field: eventType, "\(eventType) payload: \(error)")
        }
    }

    /// Checks the version, upcasts older payloads, and returns the bytes to decode.
    public static func prepare<E: DomainEventCoding>(
        _: E.Type, eventType: String, schemaVersion: Int, payload: Data
    ) throws -> Data {
        guard E.eventTypes.contains(eventType) else {
            throw DomainError(ErrorCode.unknownEventType, field: "eventType", "'\(eventType)' is not a known event type")
        }
        guard (1...E.schemaVersion).contains(schemaVersion) else {
            throw DomainError(
                ErrorCode.unsupportedSchemaVersion, field: "schemaVersion",
                "\(eventType) v\(schemaVersion); this build reads v1…v\(E.schemaVersion)")
        }
        return try EventUpcasters.standard.upcast(
            eventType: eventType, from: schemaVersion, to: E.schemaVersion, payload: payload)
    }

    static func unknown(_ eventType: String) -> DomainError {
        DomainError(ErrorCode.unknownEventType, field: "eventType", "'\(eventType)' is not a known event type")
    }
}
