import Domain
import EventLog

/// A stream folded into its aggregate's state.
public struct LoadedAggregate<A: EventSourcedAggregate>: Sendable {
    public var streamID: StreamID
    /// The state after every event of the stream (``EventSourcedAggregate/initialState`` for an empty stream).
    public var state: A.State
    /// The stream's version: the number of its events; 0 when it has none.
    public var version: Int64
    /// The stream's events as stored, oldest first.
    public var events: [RecordedEvent]

    /// The expectation an append decided against this state must carry.
    public var expected: ExpectedVersion { version == 0 ? .noStream : .exact(version) }
}

/// Loads aggregates from an event store: reads a stream, decodes each event with the aggregate's
/// `Event.decode` — which upcasts older schema versions through ``EventUpcasters/standard`` first — and folds
/// them with `evolve`.
///
/// Used by ``CommandHandler`` to decide, and by projections and sync wherever a state is needed. Reading a
/// stream is not a lock: a command decided against a loaded state must append with ``LoadedAggregate/expected``.
public struct AggregateLoader: Sendable {
    public let store: any EventStore

    public init(store: any EventStore) {
        self.store = store
    }

    /// Loads the aggregate of type `A` with id `id` (stream `A.streamID(for: id)`).
    public func load<A: EventSourcedAggregate>(_ aggregate: A.Type, id: String) async throws(CommandError)
        -> LoadedAggregate<A>
    {
        try await load(aggregate, stream: Self.streamID(A.streamID(for: id), field: "id"))
    }

    /// Loads `stream` as an aggregate of type `A`; with `throughVersion`, only its first events (the state as of
    /// that version — time travel).
    public func load<A: EventSourcedAggregate>(
        _ aggregate: A.Type, stream: StreamID, throughVersion: Int64? = nil
    ) async throws(CommandError) -> LoadedAggregate<A> {
        var events: [RecordedEvent]
        do { events = try await store.readStream(stream) } catch { throw .store(error) }
        if let throughVersion { events = events.filter { $0.version <= throughVersion } }
        let state = try Self.fold(aggregate, events)
        return LoadedAggregate(streamID: stream, state: state, version: events.last?.version ?? 0, events: events)
    }

    /// Folds stored events into a state, starting from `state` (the initial state by default).
    public static func fold<A: EventSourcedAggregate>(
        _ aggregate: A.Type, _ events: [RecordedEvent], from state: A.State = A.initialState
    ) throws(CommandError) -> A.State {
        var state = state
        for event in events { state = A.evolve(state, try decode(aggregate, event)) }
        return state
    }

    /// Decodes one stored event as an event of `A`, upcasting an older schema version. A stored event that
    /// cannot be read (unknown type, newer schema, bad payload) is ``CommandError/store(_:)`` carrying the
    /// ``DomainError``: the log, not the caller, is at fault.
    public static func decode<A: EventSourcedAggregate>(_: A.Type, _ event: RecordedEvent) throws(CommandError) -> A.Event {
        do {
            return try A.Event.decode(eventType: event.type, schemaVersion: event.schemaVersion, payload: event.payload)
        } catch {
            throw .store(error)
        }
    }

    /// A stream id made from a command's id; an id that cannot name a stream is refused as `INVALID_ID`.
    static func streamID(_ raw: String, field: String) throws(CommandError) -> StreamID {
        do throws(EventLogError) {
            return try StreamID(raw)
        } catch {
            throw .rejected(DomainError(ErrorCode.invalidID, field: field, "'\(raw)' cannot name a stream: \(error.message)"))
        }
    }
}
