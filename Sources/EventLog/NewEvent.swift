import Foundation
import JSONText

/// An event to append. Its ``id`` is made by the client (a UUIDv7, see ``UUIDv7``), so that re-sending the same
/// event — after a timeout, or months later from a kiosk — appends it once.
public struct NewEvent: Sendable, Hashable {
    /// The largest payload accepted, in bytes of JSON.
    public static let maxPayloadBytes = 64 * 1024

    public var id: UUID
    /// The stored event type, e.g. `archive.item-registered`; 1–100 of `[A-Za-z0-9._-]`.
    public var type: String
    /// The version of the payload's shape, starting at 1.
    public var schemaVersion: Int
    /// The payload: UTF-8 JSON whose top level is an object.
    public var payload: Data
    public var metadata: EventMetadata

    public init(id: UUID = UUIDv7.make(), type: String, schemaVersion: Int = 1, payload: Data, metadata: EventMetadata = .init()) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.payload = payload
        self.metadata = metadata
    }

    /// Throws the ``EventLogError`` for the first rule this event breaks; stores call it before appending.
    public func validate() throws(EventLogError) {
        guard (1...100).contains(type.utf8.count),
              type.utf8.allSatisfy({ Self.typeCharacters.contains($0) })
        else { throw .invalidEventType(type) }
        guard schemaVersion >= 1 else { throw .invalidSchemaVersion(schemaVersion) }
        guard payload.count <= Self.maxPayloadBytes else {
            throw .payloadTooLarge(eventID: UUIDText.format(id), bytes: payload.count, limit: Self.maxPayloadBytes)
        }
        guard JSONObjectValidator.isObject(payload) else {
            throw .payloadNotJSONObject(eventID: UUIDText.format(id))
        }
    }

    private static let typeCharacters: Set<UInt8> = Set(
        Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".utf8))
}
