import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: a cluster whose transaction counter is behind the log is refused")
struct CommitOrderCheckTests {
    @Test("a log committed by this cluster passes; one with commit orders ahead of the cluster's counter is refused with the pg_resetwal to run")
    func counterBehindTheLog() async throws {
        try await TestDatabase.withStore { store, configuration in
            _ = try await store.append(EventFixtures.events(3), to: EventFixtures.stream(), expected: .noStream)
            try await TestDatabase.withClient(configuration) { client in
                try await CommitOrderCheck.verify(client: client, logger: TestDatabase.logger)

                // As after a restore into a new cluster: an event committed at a transaction this cluster has not reached.
                let rows = try await client.query(
                    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text", logger: TestDatabase.logger)
                var next: UInt64 = 0
                for try await text in rows.decode(String.self) { next = UInt64(text) ?? 0 }
                let restored = next + 3_000_000
                _ = try await client.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO cunshi_events (txid, stream_id, category, version, event_id, event_type, schema_version, payload, metadata)
                    VALUES ('\(restored)'::xid8, 'restored-1', 'restored', 1, gen_random_uuid(), 'test.restored', 1, '{}', '{}')
                    """), logger: TestDatabase.logger)

                let error = await #expect(throws: CommitOrderCheck.Behind.self) {
                    try await CommitOrderCheck.verify(client: client, logger: TestDatabase.logger)
                }
                #expect(error?.newest == restored)
                #expect((error?.next ?? .max) <= restored)
                let advance = try #require(error?.advanceTo)
                #expect(advance > restored && advance - restored <= 1_048_576 && advance % 1_048_576 == 0)
                #expect(error?.description.contains("pg_resetwal -e 0 -x \(advance) ") == true)
            }
        }
    }
}
