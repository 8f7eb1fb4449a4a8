import EventLogPostgres
import PostgresNIO
import Sync
import TestSupport
import Testing

/// The hub's epoch function finds its table wherever the migrations put it (its schema on the search path).
@Suite("Sync epoch in a non-public schema")
struct EpochSchemaTests {
    @Test("a hub migrated into its own schema reads and rotates its epoch")
    func epochInSchema() async throws {
        try await TestDatabase.withFreshDatabase(migrated: false) { configuration in
            try await TestDatabase.withClient(configuration) { admin in
                _ = try await admin.query("CREATE SCHEMA hub_a", logger: TestDatabase.logger)
            }
            var inSchema = configuration
            inSchema.options.additionalStartupParameters = [("search_path", "hub_a")]
            try await TestDatabase.withClient(inSchema) { client in
                try await PostgresMigrator.bundled().migrate(client: client, logger: TestDatabase.logger)
                let epoch = PostgresHubEpoch(client: client, logger: TestDatabase.logger)
                let first = try await epoch.current()
                #expect(first.split(separator: ".").count == 4)
                let rotated = try await epoch.rotate()
                #expect(rotated != first)
                #expect(try await epoch.current() == rotated)
            }
        }
    }
}
