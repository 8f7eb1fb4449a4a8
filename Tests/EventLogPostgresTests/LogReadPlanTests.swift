import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: a page of the log is read by an index in log order, whatever the table's statistics")
struct LogReadPlanTests {
    /// 50,000 events of one county inserted in one statement, with autovacuum off: a log just loaded, or a county whose
    /// events all came after the last `ANALYZE`.
    static func unanalyzedLog(_ client: PostgresClient) async throws {
        _ = try await client.query("ALTER TABLE cunshi_events SET (autovacuum_enabled = false)", logger: TestDatabase.logger)
        _ = try await client.query("""
            INSERT INTO cunshi_events (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county)
            SELECT 'test-' || (n / 100), 'test', n % 100 + 1, gen_random_uuid(), 'test.happened', 1,
                   jsonb_build_object('n', n), '{"county": "440783"}', '440783'
            FROM generate_series(0, 49999) AS n
            """, logger: TestDatabase.logger)
    }

    static let filters: [LogFilter] = [.all, LogFilter(county: "440783"), LogFilter(categories: ["test"])]

    @Test("on an unanalyzed log, a page planned as usual sorts every matching row after the cursor; the store's read sorts nothing")
    func storeReadsSortNothing() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            // No sort may spill to disk in this database: a read that sorts its matching rows (2,000 of them and more
            // do not fit in 64 kB) fails, one that walks an index does not.
            try await TestDatabase.withClient(configuration) { client in
                try await Self.unanalyzedLog(client)
                let database = try #require(configuration.database)
                _ = try await client.query(
                    PostgresQuery(unsafeSQL: "ALTER DATABASE \(database) SET work_mem = '64kB'"), logger: TestDatabase.logger)
                _ = try await client.query(
                    PostgresQuery(unsafeSQL: "ALTER DATABASE \(database) SET temp_file_limit = 0"), logger: TestDatabase.logger)
            }
            // Connections opened from here on have those settings.
            try await TestDatabase.withClient(configuration) { client in
                for filter in Self.filters {
                    // The premise: planned as usual, this read sorts (and so fails here).
                    let query = PostgresEventStore.logQuery(after: .start, filter: filter, limit: LogPage.maxEvents)
                    await #expect(throws: (any Error).self, "filter \(filter)") {
                        for try await _ in try await client.query(query, logger: TestDatabase.logger) {}
                    }
                }
            }
            try await TestDatabase.withRunningStore(configuration) { store in
                for filter in Self.filters {
                    let page = try await store.readLog(after: .start, filter: filter, limit: LogPage.maxEvents)
                    #expect(page.events.count == LogPage.maxEvents, "filter \(filter)")
                    #expect(page.events.map(\.position) == page.events.map(\.position).sorted())
                }
            }
        }
    }

    @Test("the store's planning turns the sort into an index scan in log order")
    func planWithoutSort() async throws {
        try await TestDatabase.withStore { _, configuration in
            try await TestDatabase.withClient(configuration) { client in
                try await Self.unanalyzedLog(client)
                for filter in Self.filters {
                    let query = PostgresEventStore.logQuery(after: .start, filter: filter, limit: LogPage.maxEvents)
                    let explain = PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + query.sql, binds: query.binds)
                    func plan(_ connection: PostgresConnection) async throws -> String {
                        var text = ""
                        for try await line in try await connection.query(explain, logger: TestDatabase.logger).decode(String.self) {
                            text += line
                        }
                        return text
                    }
                    let usual = try await client.withConnection { try await plan($0) }
                    #expect(usual.contains("\"Sort\""), "filter \(filter): \(usual)")
                    let planned = try await client.withConnection { connection in
                        try await PostgresEventStore.withLogOrderPlanning(connection, logger: TestDatabase.logger) { try await plan($0) }
                    }
                    #expect(!planned.contains("\"Sort\"") && planned.contains("\"Index Scan\""), "filter \(filter): \(planned)")
                }
            }
        }
    }
}
