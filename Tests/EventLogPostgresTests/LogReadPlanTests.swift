import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: a page of the log is read by an index in log order, whatever the table's statistics")
struct LogReadPlanTests {
    @Test("without statistics the planner would read every matching row and sort; the store's reads walk an index and sort nothing")
    func noSortWithoutStatistics() async throws {
        try await TestDatabase.withStore { store, configuration in
            try await TestDatabase.withClient(configuration) { client in
                // As a log just loaded, or a county whose events all came after the last ANALYZE.
                _ = try await client.query("ALTER TABLE cunshi_events SET (autovacuum_enabled = false)", logger: TestDatabase.logger)
                _ = try await client.query("""
                    INSERT INTO cunshi_events (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, county)
                    SELECT 'test-' || (n / 100), 'test', n % 100 + 1, gen_random_uuid(), 'test.happened', 1,
                           jsonb_build_object('n', n), '{"county": "440783"}', '440783'
                    FROM generate_series(0, 49999) AS n
                    """, logger: TestDatabase.logger)
                let filters: [LogFilter] = [.all, LogFilter(county: "440783"), LogFilter(categories: ["test"])]
                for filter in filters {
                    let query = PostgresEventStore.logQuery(after: .start, filter: filter, limit: LogPage.maxEvents)
                    let explain = PostgresQuery(unsafeSQL: "EXPLAIN (FORMAT JSON) " + query.sql, binds: query.binds)
                    func plan(_ connection: PostgresConnection) async throws -> String {
                        var text = ""
                        for try await line in try await connection.query(explain, logger: TestDatabase.logger).decode(String.self) {
                            text += line
                        }
                        return text
                    }
                    // The premise: planned as usual, this table gets a sort of everything after the cursor.
                    let usual = try await client.withConnection { try await plan($0) }
                    #expect(usual.contains("\"Sort\""), "filter \(filter): \(usual)")
                    let store = try await client.withConnection { connection in
                        try await PostgresEventStore.withLogOrderPlanning(connection, logger: TestDatabase.logger) { try await plan($0) }
                    }
                    #expect(!store.contains("\"Sort\"") && store.contains("\"Index Scan\""), "filter \(filter): \(store)")
                }
                let page = try await store.readLog(after: .start, filter: LogFilter(county: "440783"), limit: 500)
                #expect(page.events.count == 500)
                #expect(page.events.map(\.position) == page.events.map(\.position).sorted())
            }
        }
    }
}
