import Foundation

extension Device.Event: DomainEventCoding {
    public enum EventType {
        public static let registered = "device.registered"
        public static let credentialRotated = "device.credential-rotated"
        public static let revoked = "device.revoked"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [EventType.registered, EventType.credentialRotated, EventType.revoked]

    public var eventType: String {
        switch self {
        case .registered: EventType.registered
        case .credentialRotated: EventType.credentialRotated
        case .revoked: EventType.revoked
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .registered(let p): try EventJSON.encode(p)
        case .credentialRotated(let p): try EventJSON.encode(p)
        case .revoked(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        switch eventType {
        case EventType.registered:
            return .registered(try EventJSON.decode(Device.Registered.self, from: data, eventType: eventType))
        case EventType.credentialRotated:
            return .credentialRotated(try EventJSON.decode(Device.CredentialRotated.self, from: data, eventType: eventType))
        case EventType.revoked:
            return .revoked(try EventJSON.decode(Device.Revoked.self, from: data, eventType: eventType))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
