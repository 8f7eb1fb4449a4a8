@testable import BenchWorkloads
import EventLog
import Foundation
import Projections
import Testing
import TestSupport

@Suite("The projection benchmark's generated domain events")
struct DomainMixTests {
    @Test("every generated event is a readable domain event, and the read models match what was generated")
    func readableAndProjected() async throws {
        var mix = DomainMix(seed: 7, villages: 40, active: 60)
        var events: [(StreamID, NewEvent)] = []
        for _ in 0..<4_000 { events.append(mix.next()) }
        var types: Set<String> = []
        for (stream, event) in events {
            let recorded = RecordedEvent(
                id: event.id, streamID: stream, version: 1, position: 1, cursor: LogCursor(commitOrder: 1, position: 1),
                type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, metadata: event.metadata,
                recordedAt: Date())
            #expect(throws: Never.self, "\(event.type): \(String(decoding: event.payload, as: UTF8.self))") {
                _ = try #require(try DomainEvent.decode(recorded))
            }
            types.insert(event.type)
        }
        #expect(types.count >= 25, "a broad mix: \(types.sorted())")
        #expect(mix.tally.items > 100 && mix.tally.itemsPublished > 50 && mix.tally.tours > 0 && mix.tally.deals > 0)

        var replay = DomainMix(seed: 7, villages: 40, active: 60)
        #expect((0..<50).map { _ in replay.next().1.payload } == events.prefix(50).map(\.1.payload), "deterministic")

        try await TemporarySQLite.withStore { store, path in
            var again = DomainMix(seed: 7, villages: 40, active: 60)
            _ = try await DomainLoad.append(4_000, of: &again, to: store, batch: 700)
            let storage = try SQLiteProjectionStorage(path: path.replacingOccurrences(of: "events.sqlite", with: "readmodels.sqlite"))
            // Pages of 250: sixteen, so that runners keeping together (as on a kiosk) wait for each other on the way.
            let daemon = ProjectionDaemon(
                store: store, storage: storage, options: .init(batchSize: 250, idleWait: .milliseconds(20)), keepTogether: true)
            let task = Task { await daemon.run() }
            defer { task.cancel() }
            let last = try await SettledLog.read(store, through: .start).last?.cursor ?? .start
            for projection in daemon.projections {
                try await daemon.readModels.waitUntil(projection.name, reached: last, timeout: .seconds(60))
            }
            task.cancel()
            await task.value
            #expect(try await ProjectionWorkloads.verify(again.tally, events: 4_000, storage: storage) == nil)
        }
    }
}
