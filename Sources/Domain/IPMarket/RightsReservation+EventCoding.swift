import Foundation

extension RightsReservation.Event: DomainEventCoding {
    public enum EventType {
        public static let grantReserved = "rights.grant-reserved"
        public static let grantReleased = "rights.grant-released"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [EventType.grantReserved, EventType.grantReleased]

    public var eventType: String {
        switch self {
        case .grantReserved: EventType.grantReserved
        case .grantReleased: EventType.grantReleased
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .grantReserved(let p): try EventJSON.encode(p)
        case .grantReleased(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        func read<T: Decodable>(_ type: T.Type) throws -> T { try EventJSON.decode(type, from: data, eventType: eventType) }
        switch eventType {
        case EventType.grantReserved: return .grantReserved(try read(RightsReservation.GrantReserved.self))
        case EventType.grantReleased: return .grantReleased(try read(RightsReservation.GrantReleased.self))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
