import Domain
import EventLog

/// A log event read as the domain event it stores (after upcasting), for projections to switch over.
public enum DomainEvent: Sendable, Equatable {
    case village(Village.Event)
    case device(Device.Event)
    case item(ArchiveItem.Event)
    case tour(Tour.Event)
    case listing(Listing.Event)
    case deal(Deal.Event)
    case reservation(RightsReservation.Event)

    /// Decodes `event`; `nil` when its type is not a domain event type. Throws
    /// ``ProjectionError/undecodableEvent(eventType:reason:)`` for a domain type whose payload cannot be read.
    /// The projections of one process share the work (``DecodedEvents``); a projection reads its events with
    /// ``ReadModelChanges/domainEvent(_:)``, which also takes what a shared page has decoded already.
    public static func decode(_ event: RecordedEvent) throws(ProjectionError) -> DomainEvent? {
        guard DecodedEvents.isShared else { return try decodeAlone(event) }
        return try DecodedEvents.shared.event(for: event) { () throws(ProjectionError) in try decodeAlone(event) }
    }

    /// Decodes `event` without the shared cache (``decode(_:)``'s errors).
    static func decodeAlone(_ event: RecordedEvent) throws(ProjectionError) -> DomainEvent? {
        do {
            return try decodeKnown(event)
        } catch let error as ProjectionError {
            throw error
        } catch let error as DomainError {
            throw ProjectionError.undecodableEvent(eventType: event.type, reason: error.message)
        } catch {
            throw ProjectionError.undecodableEvent(eventType: event.type, reason: "\(error)")
        }
    }

    private static func decodeKnown(_ event: RecordedEvent) throws -> DomainEvent? {
        let type = event.type, version = event.schemaVersion, payload = event.payload
        if ArchiveItem.Event.eventTypes.contains(type) {
            return .item(try ArchiveItem.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if Tour.Event.eventTypes.contains(type) {
            return .tour(try Tour.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if Listing.Event.eventTypes.contains(type) {
            return .listing(try Listing.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if Deal.Event.eventTypes.contains(type) {
            return .deal(try Deal.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if RightsReservation.Event.eventTypes.contains(type) {
            return .reservation(try RightsReservation.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if Village.Event.eventTypes.contains(type) {
            return .village(try Village.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        if Device.Event.eventTypes.contains(type) {
            return .device(try Device.Event.decode(eventType: type, schemaVersion: version, payload: payload))
        }
        return nil
    }
}
