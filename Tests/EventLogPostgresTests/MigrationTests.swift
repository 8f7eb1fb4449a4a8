import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL migrations")
struct MigrationTests {
    @Test("hubs starting at once apply each migration exactly once; a second run applies nothing")
    func concurrentMigrations() async throws {
        try await TestDatabase.withFreshDatabase(migrated: false) { configuration in
            let migrator = try PostgresMigrator.bundled()
            let runs = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await TestDatabase.withClient(configuration) { client in
                            try await migrator.migrate(client: client, logger: TestDatabase.logger)
                        }
                    }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(runs.flatMap { $0 }.sorted() == migrator.migrations.map(\.number))
            try await TestDatabase.withClient(configuration) { client in
                #expect(try await migrator.migrate(client: client, logger: TestDatabase.logger).isEmpty)
                #expect(try await migrator.pending(client: client, logger: TestDatabase.logger).isEmpty)
                let rows = try await client.query("SELECT count(*) FROM cunshi_schema_migrations", logger: TestDatabase.logger)
                for try await count in rows.decode(Int64.self) { #expect(count == Int64(migrator.migrations.count)) }
            }
        }
    }

    @Test("an applied migration whose file changed is refused")
    func editedMigrationRefused() async throws {
        try await TestDatabase.withFreshDatabase { configuration in
            let bundled = try PostgresMigrator.bundled()
            var edited = bundled.migrations
            edited[0] = .init(number: edited[0].number, name: edited[0].name, sql: edited[0].sql + "\n-- edited")
            try await TestDatabase.withClient(configuration) { client in
                await #expect(throws: PostgresMigrator.MigrationError.self) {
                    try await PostgresMigrator(migrations: edited).migrate(client: client, logger: TestDatabase.logger)
                }
            }
        }
    }

    @Test("the SQL splitter keeps function bodies, quotes and comments whole")
    func splitter() throws {
        let statements = try PostgresMigrator.bundled().migrations.flatMap { PostgresMigrator.statements(of: $0) }
        #expect(statements.contains { $0.contains("CREATE FUNCTION cunshi_refuse_change()") && $0.hasSuffix("$$") })
        #expect(statements.allSatisfy { !$0.hasPrefix("--") || $0.contains("\n") })
    }
}
