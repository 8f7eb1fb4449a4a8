import Foundation
import Testing

@testable import Domain

/// For payloads a hand-written reader must refuse: checks that it refuses each (`fast` is `nil`) and that the public
/// `decode` then answers as `JSONDecoder` alone (`slow`) does — the same event, or the same `EVENT_PAYLOAD_INVALID`.
func expectRefusedAndDecidedByJSONDecoder<Event: Equatable>(
    _ texts: [String], fast: (Data) -> Event?, decode: (Data) throws -> Event, slow: (Data) throws -> Event
) {
    for text in texts {
        let payload = Data(text.utf8)
        #expect(fast(payload) == nil, "read: \(text)")
        let decoded = Result { try decode(payload) }
        let decider = Result { try slow(payload) }
        switch (decoded, decider) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a as DomainError), .failure(let b as DomainError)):
            #expect(a.code == ErrorCode.eventPayloadInvalid && a.code == b.code, "\(text)")
        default: Issue.record("\(text): \(decoded) against \(decider)")
        }
    }
}

/// Checks that `events` cover every event type of `Event`, and that the hand-written reader (`fast`) reads each one's
/// payload — never falling back — as the event itself and as `JSONDecoder` (`slow`) reads it.
func expectEveryEventTypeReadByHand<Event: DomainEventCoding>(
    _ events: [Event], fast: (String, Data) -> Event?, slow: (String, Data) throws -> Event
) throws {
    #expect(Set(events.map(\.eventType)) == Set(Event.eventTypes))
    for event in events {
        let payload = try event.encodedPayload()
        let read = try #require(fast(event.eventType, payload), "\(event.eventType) fell back")
        #expect(read == event)
        #expect(try slow(event.eventType, payload) == read)
    }
}
