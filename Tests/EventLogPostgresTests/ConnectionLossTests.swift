import EventLog
import EventLogPostgres
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

    @Test("an append whose connection is killed while it commits is not acknowledged: it fails, retryable")
    func appendKilledWhileCommittingIsNotAcknowledged() async throws {
        try await TestDatabase.withStore(options: PostgresEventStore.Options(requestTimeout: .seconds(60))) { store, configuration in
            // A deferred trigger holds the commit of one event type. The append's rows and CommandComplete are
            // written by then, and a backend killed there sends them before it goes: only the store's confirmation
            // of the commit tells that the append was rolled back.
            try await TestDatabase.withClient(configuration) { owner in
                _ = try await owner.query(
                    """
                    CREATE FUNCTION test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.event_type = 'test.slow-commit' THEN PERFORM pg_sleep(600); END IF;
                        RETURN NULL;
                    END
                    $$
                    """, logger: TestDatabase.logger)
                _ = try await owner.query(
                    """
                    CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON cunshi_events
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_slow_commit()
                    """, logger: TestDatabase.logger)
            }
            let stream = EventFixtures.stream("slow")
            let appending = Task {
                try await store.append([EventFixtures.event("test.slow-commit")], to: stream, expected: .noStream)
            }
            try await TestDatabase.withClient(try TestDatabase.baseConfiguration()) { admin in
                let giveUp = ContinuousClock.now + .seconds(60)
                while true {
                    let rows = try await admin.query(
                        """
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = \(configuration.database ?? "") AND wait_event = 'PgSleep'
                        """, logger: TestDatabase.logger)
                    var killed: Int64 = 0
                    for try await count in rows.decode(Int64.self) { killed = count }
                    if killed > 0 { break }
                    try #require(ContinuousClock.now < giveUp, "the append never reached its commit")
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            switch await appending.result {
            case .success(let result):
                Issue.record("acknowledged at \(result.positions), though its transaction was rolled back")
            case .failure(let error):
                #expect((error as? EventLogError)?.isRetryable == true, "\(error)")
            }
            #expect(try await store.streamVersion(stream) == 0)
        }
    }
}
