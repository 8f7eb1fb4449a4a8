import EventLog
import Foundation
import PostgresNIO
@testable import Projections
import Testing
import TestSupport

@Suite("Projection runner: one active runner per projection across hub instances (PostgreSQL)")
struct LockTests {
    @Test("a second instance stands by; when the first loses its lock session it notices, and the second takes over")
    func failover() async throws {
        try await Harness.with(.postgres) { store, storage, extras in
            let first = try await P.append(store, P.itemStream("l-1"), try P.publishedItem("l-1", title: ["en": "One"]))
            // The first instance retries the lock slowly, so that the second one is the one to take over.
            var slow = Harness.fastOptions
            slow.lockRetry = .seconds(30)
            let hubA = ProjectionDaemon(store: store, storage: storage, projections: [CatalogProjection()], options: slow)
            let taskA = Task { await hubA.run() }
            defer { taskA.cancel() }
            try await hubA.readModels.waitUntil("catalog", reached: first.lastCursor, timeout: .seconds(20))

            let hubB = ProjectionDaemon(store: store, storage: storage, projections: [CatalogProjection()], options: Harness.fastOptions)
            let taskB = Task { await hubB.run() }
            defer { taskB.cancel() }
            try await eventually { hubB.phase("catalog") == .standby }
            #expect(hubA.phase("catalog") == .live(generation: 1))

            // The first instance's lock session dies (network partition, backend killed).
            let client = try #require(extras.client)
            let key = PostgresProjectionStorage.lockKey("catalog", generation: 1, schema: "public")
            try await client.query("""
                SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND classid::bigint = \(Int64(PostgresProjectionStorage.lockNamespace)) AND objid::bigint = \(Int64(key))
                """, logger: TestDatabase.logger)

            // The first notices (its lock session no longer answers or holds the lock) and stops; the second takes over.
            try await eventually {
                if case .stopped(let stop)? = hubA.phase("catalog") { return stop.reason == .lockLost }
                return hubA.phase("catalog") == .standby
            }
            try await eventually { hubB.phase("catalog") == .live(generation: 1) }
            let second = try await P.append(store, P.itemStream("l-2"), try P.publishedItem("l-2", title: ["en": "Two"]))
            let item = try await hubB.readModels.waiting(for: second.lastCursor, timeout: .seconds(10)).catalogItem("l-2")
            #expect(item?.status == .published)
            #expect(try await storage.checkpoint("catalog", generation: 1)?.eventsSeen == 10, "no event applied twice or lost")
            taskA.cancel()
            taskB.cancel()
            await taskA.value
            await taskB.value
        }
    }

    private func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<400 {
            if condition() { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("condition never held")
    }
}
