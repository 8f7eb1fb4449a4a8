import Domain
import EventLog
import Foundation

/// One stream's share of a decision: its events, the version they were decided against, and the county the
/// stream belongs to (stamped on every event's metadata).
struct StreamWrite: Sendable {
    var streamID: StreamID
    var expected: ExpectedVersion
    var events: [EncodedEvent]
    var county: CountyCode?

    init<E: DomainEventCoding>(
        _ streamID: StreamID, expected: ExpectedVersion, events: [E], county: CountyCode?
    ) throws(CommandError) {
        self.streamID = streamID
        self.expected = expected
        self.county = county
        var encoded: [EncodedEvent] = []
        for event in events {
            do {
                encoded.append(EncodedEvent(type: event.eventType, schemaVersion: E.schemaVersion, payload: try event.encodedPayload()))
            } catch {
                throw .store(error)
            }
        }
        self.events = encoded
    }
}

struct EncodedEvent: Sendable {
    var type: String
    var schemaVersion: Int
    var payload: Data
}

/// What deciding a command came to.
enum Decision: Sendable {
    /// Append these writes (target stream first); empty writes are skipped.
    case write([StreamWrite])
    /// The command's events are already in the log (same `commandID`): answer with the original outcome.
    case alreadyApplied(CommandOutcome)
}
