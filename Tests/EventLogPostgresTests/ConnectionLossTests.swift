import EventLog
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: surviving killed connections")
struct ConnectionLossTests {
    @Test("killing every connection to the store's database, five times over, loses, doubles and skips nothing")
    func survivesTerminatedBackends() async throws {
        _ = try await OutageScenario().run { progress, configuration in
            let database = configuration.database ?? ""
            try await TestDatabase.withClient(try TestDatabase.baseConfiguration()) { admin in
                for _ in 0..<5 {
                    let before = progress.acknowledgedCounts
                    // Only this test's own database: other tests' connections are left alone.
                    let rows = try await admin.query(
                        """
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = \(database) AND pid <> pg_backend_pid()
                        """, logger: TestDatabase.logger)
                    for try await _ in rows.decode(Int64.self) {}
                    try await progress.waitUntil(
                        "every writer has an append acknowledged since the connections were killed", within: .seconds(60)
                    ) { zip($0.acknowledgedCounts, before).allSatisfy { $0 > $1 } }
                }
            }
        }
    }
}
