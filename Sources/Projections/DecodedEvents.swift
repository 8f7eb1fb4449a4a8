import EventLog
import Foundation
import Synchronization

/// Domain events this process decoded lately, shared by its projections: every runner reads the same events, and
/// each would otherwise decode the same JSON again (five projections read every archive item event).
///
/// An entry is only used for an event with the same id, type, schema version **and payload bytes**, so the cache
/// never answers for a different event — even across stores in one process. Failed decodes are not kept (a poison
/// event is decoded, and fails, each time). Bounded: two generations of `limit` entries.
///
/// Side by side, the runners of a rebuild drift apart by up to the pages ``SharedLogPages`` retains (8 pages of up
/// to 10,000 events): with a smaller `limit` the slower runners decode most events again (10,000 cost all seven
/// rebuilt together 30 % more client CPU); a larger one (80,000, measured) gains nothing and costs memory.
final class DecodedEvents: Sendable {
    static let shared = DecodedEvents(limit: 40_000)

    /// Whether ``DomainEvent/decode(_:)`` goes through ``shared`` in this task and its child tasks. A projection
    /// rebuilt on its own shares its events with no other runner: there the cache would only cost — a lookup and a
    /// copy per event, and tens of thousands of decoded events kept alive (``ProjectionDaemon/rebuild(_:)-(String)``
    /// turns it off).
    @TaskLocal static var isShared = true

    private struct Entry {
        var type: String
        var schemaVersion: Int
        var payload: Data
        var event: DomainEvent
    }

    private struct State {
        var recent: [UUID: Entry] = [:]
        var older: [UUID: Entry] = [:]
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) {
        self.limit = max(1, limit)
        state.withLock { $0.recent.reserveCapacity(self.limit) }
    }

    func event<Failure: Error>(
        for recorded: RecordedEvent, decode: () throws(Failure) -> DomainEvent?
    ) throws(Failure) -> DomainEvent? {
        let cached = state.withLock { state -> DomainEvent? in
            guard let entry = state.recent[recorded.id] ?? state.older[recorded.id],
                  entry.type == recorded.type, entry.schemaVersion == recorded.schemaVersion, entry.payload == recorded.payload
            else { return nil }
            return entry.event
        }
        if let cached { return cached }
        guard let decoded = try decode() else { return nil }
        let entry = Entry(type: recorded.type, schemaVersion: recorded.schemaVersion, payload: recorded.payload, event: decoded)
        state.withLock { state in
            state.recent[recorded.id] = entry
            if state.recent.count >= limit {
                state.older = state.recent
                state.recent = Dictionary(minimumCapacity: limit)
            }
        }
        return decoded
    }
}
