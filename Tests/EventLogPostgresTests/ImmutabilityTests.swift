import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: the log is immutable")
struct ImmutabilityTests {
    @Test("UPDATE, DELETE and TRUNCATE are refused, even for the table's owner")
    func ownerCannotChangeRows() async throws {
        try await TestDatabase.withStore { store, configuration in
            let stream = EventFixtures.stream()
            _ = try await store.append(EventFixtures.events(2), to: stream, expected: .noStream)
            try await TestDatabase.withClient(configuration) { client in
                for statement in [
                    "UPDATE cunshi_events SET payload = '{\"forged\":true}'",
                    "DELETE FROM cunshi_events",
                    "TRUNCATE cunshi_events",
                ] {
                    await #expect(throws: PSQLError.self, "\(statement)") {
                        _ = try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                    }
                }
            }
            #expect(try await store.readStream(stream).count == 2)
        }
    }

    @Test("the application role can append and read, but cannot change rows, triggers or the table")
    func applicationRoleCannotLiftImmutability() async throws {
        try await TestDatabase.withStore { store, configuration in
            let role = "cunshi_hub_\(UUID().uuidString.prefix(8).lowercased())"
            try await TestDatabase.withClient(configuration) { owner in
                _ = try await owner.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN IN ROLE cunshi_app"), logger: TestDatabase.logger)
            }
            var appConfiguration = configuration
            appConfiguration.username = role
            try await TestDatabase.withRunningStore(appConfiguration) { appStore in
                let stream = EventFixtures.stream()
                _ = try await appStore.append(EventFixtures.events(2), to: stream, expected: .noStream)
                #expect(try await appStore.readStream(stream).count == 2)
                try await TestDatabase.withClient(appConfiguration) { app in
                    for statement in [
                        "UPDATE cunshi_events SET payload = '{}'",
                        "DELETE FROM cunshi_events",
                        "TRUNCATE cunshi_events",
                        "ALTER TABLE cunshi_events DISABLE TRIGGER cunshi_events_immutable",
                        "DROP TRIGGER cunshi_events_immutable ON cunshi_events",
                        "DROP TABLE cunshi_events",
                        "CREATE OR REPLACE FUNCTION cunshi_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                    ] {
                        await #expect(throws: PSQLError.self, "\(statement)") {
                            _ = try await app.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
                        }
                    }
                }
                #expect(try await appStore.readStream(stream).count == 2)
            }
            try await TestDatabase.withClient(configuration) { owner in
                _ = try await owner.query(PostgresQuery(unsafeSQL: "DROP OWNED BY \(role)"), logger: TestDatabase.logger)
                _ = try await owner.query(PostgresQuery(unsafeSQL: "DROP ROLE \(role)"), logger: TestDatabase.logger)
            }
        }
    }
}
