import Foundation

extension Listing.Event: DomainEventCoding {
    public enum EventType {
        public static let drafted = "market.listing-drafted"
        public static let submitted = "market.listing-submitted"
        public static let published = "market.listing-published"
        public static let paused = "market.listing-paused"
        public static let resumed = "market.listing-resumed"
        public static let closed = "market.listing-closed"
        public static let offerMade = "market.offer-made"
        public static let offerCountered = "market.offer-countered"
        public static let offerWithdrawn = "market.offer-withdrawn"
        public static let offerRejected = "market.offer-rejected"
        public static let offerExpired = "market.offer-expired"
        public static let offerAccepted = "market.offer-accepted"
    }

    public static let schemaVersion = 1
    public static let eventTypes = [
        EventType.drafted, EventType.submitted, EventType.published, EventType.paused, EventType.resumed,
        EventType.closed, EventType.offerMade, EventType.offerCountered, EventType.offerWithdrawn,
        EventType.offerRejected, EventType.offerExpired, EventType.offerAccepted,
    ]

    public var eventType: String {
        switch self {
        case .drafted: EventType.drafted
        case .submitted: EventType.submitted
        case .published: EventType.published
        case .paused: EventType.paused
        case .resumed: EventType.resumed
        case .closed: EventType.closed
        case .offerMade: EventType.offerMade
        case .offerCountered: EventType.offerCountered
        case .offerWithdrawn: EventType.offerWithdrawn
        case .offerRejected: EventType.offerRejected
        case .offerExpired: EventType.offerExpired
        case .offerAccepted: EventType.offerAccepted
        }
    }

    public func encodedPayload() throws -> Data {
        switch self {
        case .drafted(let p): try EventJSON.encode(p)
        case .submitted(let p), .paused(let p), .resumed(let p): try EventJSON.encode(p)
        case .published(let p): try EventJSON.encode(p)
        case .closed(let p): try EventJSON.encode(p)
        case .offerMade(let p): try EventJSON.encode(p)
        case .offerCountered(let p): try EventJSON.encode(p)
        case .offerWithdrawn(let p), .offerRejected(let p), .offerExpired(let p): try EventJSON.encode(p)
        case .offerAccepted(let p): try EventJSON.encode(p)
        }
    }

    public static func decode(eventType: String, schemaVersion: Int, payload: Data) throws -> Self {
        let data = try EventJSON.prepare(Self.self, eventType: eventType, schemaVersion: schemaVersion, payload: payload)
        func read<T: Decodable>(_ type: T.Type) throws -> T { try EventJSON.decode(type, from: data, eventType: eventType) }
        switch eventType {
        case EventType.drafted: return .drafted(try read(Listing.Drafted.self))
        case EventType.submitted: return .submitted(try read(Listing.ListingEventRef.self))
        case EventType.published: return .published(try read(Listing.Published.self))
        case EventType.paused: return .paused(try read(Listing.ListingEventRef.self))
        case EventType.resumed: return .resumed(try read(Listing.ListingEventRef.self))
        case EventType.closed: return .closed(try read(Listing.Closed.self))
        case EventType.offerMade: return .offerMade(try read(Listing.OfferMade.self))
        case EventType.offerCountered: return .offerCountered(try read(Listing.OfferCountered.self))
        case EventType.offerWithdrawn: return .offerWithdrawn(try read(Listing.OfferEventRef.self))
        case EventType.offerRejected: return .offerRejected(try read(Listing.OfferEventRef.self))
        case EventType.offerExpired: return .offerExpired(try read(Listing.OfferEventRef.self))
        case EventType.offerAccepted: return .offerAccepted(try read(Listing.OfferAccepted.self))
        default: throw EventJSON.unknown(eventType)
        }
    }
}
