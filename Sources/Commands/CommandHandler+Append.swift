import Domain
import EventLog
import Foundation

extension CommandHandler {
    /// Appends the writes — one stream with `append`, several with `appendAtomically` — with ids derived from
    /// the command id when there is one (event i of the whole command, target stream first).
    func append(_ writes: [StreamWrite], for request: CommandRequest) async throws -> [AppendResult] {
        var index = 0
        var requests: [AppendRequest] = []
        for write in writes {
            let metadata = Self.metadata(for: request, county: write.county)
            var events: [NewEvent] = []
            for event in write.events {
                let id = request.commandID.map { DeterministicEventID.make(commandID: $0, index: index) } ?? UUIDv7.make()
                events.append(NewEvent(id: id, type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, metadata: metadata))
                index += 1
            }
            requests.append(AppendRequest(streamID: write.streamID, expected: write.expected, events: events))
        }
        if requests.count == 1 { return [try await store.append(requests[0])] }
        return try await store.appendAtomically(requests)
    }

    /// The metadata of every event of `request` written to a stream of `county` (the actor's county when the
    /// stream has none, e.g. an admin's command on a thing that does not exist — which deciders refuse anyway).
    static func metadata(for request: CommandRequest, county: CountyCode?) -> EventMetadata {
        let actor = request.context.actor
        return EventMetadata(
            actor: ActorRef(role: actor.roleName, id: actor.id),
            deviceID: request.deviceID,
            deviceSequence: request.deviceSequence,
            clock: request.clock,
            deviceTime: request.deviceTime,
            correlationID: request.correlationID,
            causationID: request.causationID,
            county: (county ?? actor.county)?.rawValue)
    }

    /// The original outcome of a command whose events are already in the log, or `nil`.
    ///
    /// Looks for event 0 of the command in the target stream's events (loaded anyway); if it is there, collects
    /// the run of the command's events in the target stream, then in each of `companions` (the other streams
    /// the command may have written, in the order it writes them).
    func replayedOutcome(
        of request: CommandRequest, target: [RecordedEvent], companions: [StreamID]
    ) async throws(CommandError) -> CommandOutcome? {
        guard let commandID = request.commandID else { return nil }
        var index = 0
        func run(in events: [RecordedEvent]) -> [RecordedEvent] {
            guard let start = events.firstIndex(where: { $0.id == DeterministicEventID.make(commandID: commandID, index: index) })
            else { return [] }
            var found: [RecordedEvent] = []
            for event in events[start...] {
                guard event.id == DeterministicEventID.make(commandID: commandID, index: index) else { break }
                found.append(event)
                index += 1
            }
            return found
        }
        let first = run(in: target)
        guard !first.isEmpty else { return nil }
        var runs = [first]
        for stream in companions {
            let events: [RecordedEvent]
            do { events = try await store.readStream(stream) } catch { throw .store(error) }
            let found = run(in: events)
            if !found.isEmpty { runs.append(found) }
        }
        let results = runs.map { events in
            AppendResult(
                streamID: events[0].streamID, positions: events.map(\.position), lastVersion: events[events.count - 1].version,
                wasDuplicate: true, lastCursor: events.map(\.cursor).max() ?? .start)
        }
        return CommandOutcome(results: results, retries: 0, eventTypes: runs.flatMap { $0.map(\.type) })
    }

    /// Refuses a command whose client-side `expectedVersion` is not the target stream's version.
    static func checkExpectedVersion(_ request: CommandRequest, stream: StreamID, version: Int64) throws(CommandError) {
        guard let expected = request.expectedVersion, expected != version else { return }
        throw .rejected(DomainError(
            CommandError.versionConflictCode, field: "expectedVersion",
            "\(stream) is at version \(version), not \(expected): it changed since you read it; reload and try again"))
    }
}
