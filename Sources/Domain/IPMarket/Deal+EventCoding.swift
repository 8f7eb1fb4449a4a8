import Foundation

extension Deal.Event: DomainEventCoding {
    public enum EventType {
        public static let created = "market.deal-created"
        public static let signed = "market.deal-signed"
        public static let activated = "market.deal-activated"
        public static let paymentRecorded = "market.payment-recorded"
        public static let terminated = "market.deal-terminated"
        public static let expired = "market.deal-expired"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [
        EventType.created, EventType.signed, EventType.activated, EventType.paymentRecorded, EventType.terminated,
        EventType.expired,
    ]

    public var eventType: String {
        switch self {
        case .created: EventType.created
        case .signed: EventType.signed
        case .activated: EventType.activated
        case .paymentRecorded: EventType.paymentRecorded
        case .terminated: EventType.terminated
        case .expired: EventType.expired
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .created(let p): try EventJSON.encode(p)
        case .signed(let p): try EventJSON.encode(p)
        case .activated(let p): try EventJSON.encode(p)
        case .paymentRecorded(let p): try EventJSON.encode(p)
        case .terminated(let p): try EventJSON.encode(p)
        case .expired(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        func read<T: Decodable>(_ type: T.Type) throws -> T { try EventJSON.decode(type, from: data, eventType: eventType) }
        switch eventType {
        case EventType.created: return .created(try read(Deal.Created.self))
        case EventType.signed: return .signed(try read(Deal.Signed.self))
        case EventType.activated: return .activated(try read(Deal.Activated.self))
        case EventType.paymentRecorded: return .paymentRecorded(try read(Deal.PaymentRecorded.self))
        case EventType.terminated: return .terminated(try read(Deal.Terminated.self))
        case EventType.expired: return .expired(try read(Deal.Expired.self))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
