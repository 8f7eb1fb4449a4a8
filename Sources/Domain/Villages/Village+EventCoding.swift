import Foundation
import JSONText

extension Village.Event: DomainEventCoding {
    public enum EventType {
        public static let registered = "village.registered"
        public static let revised = "village.revised"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [EventType.registered, EventType.revised]

    public var eventType: String {
        switch self {
        case .registered: EventType.registered
        case .revised: EventType.revised
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .registered(let p): try EventJSON.encode(p)
        case .revised(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        let read = JSONTextReader.read(data) { (reader) throws(JSONTextReader.Malformed) in try Self.read(eventType, from: &reader) }
        return try read ?? decodeWithJSONDecoder(eventType: eventType, data: data)
    }

    /// The slow path of ``decode(eventType:schemaVersion:payload:)``, which decides on what the hand-written readers
    /// refuse.
    static func decodeWithJSONDecoder(eventType: String, data: Data) throws -> Self {
        switch eventType {
        case EventType.registered: return .registered(try EventJSON.decode(Village.Registered.self, from: data, eventType: eventType))
        case EventType.revised: return .revised(try EventJSON.decode(Village.Revised.self, from: data, eventType: eventType))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
