import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
@testable import Projections
import Testing
import TestSupport

@Suite("Read-model generations in partitions of their own (PostgreSQL)")
struct GenerationPartitionTests {
    @Test("a rebuilt generation is written into a partition of its own, and dropping it drops that table")
    func rebuiltGenerationInItsPartition() async throws {
        try await Harness.with(.postgres) { store, storage, extras in
            let client = try #require(extras.client)
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            var last = try await P.append(store, P.itemStream("p-0"), try P.publishedItem("p-0", title: ["en": "Zero"]))
            for index in 1..<5 {
                last = try await P.append(store, P.itemStream("p-\(index)"), try P.publishedItem("p-\(index)", title: ["en": "Item \(index)"]))
            }
            let catalog = CatalogProjection()
            try await Harness.catchUp([catalog], store: store, storage: storage, to: last.lastCursor)
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 1) == ["rm_catalog_items_default"])
            let live = try await Harness.snapshot(catalog, storage: storage)

            let daemon = ProjectionDaemon(store: store, storage: storage, projections: [catalog], options: Harness.fastOptions)
            #expect(try await daemon.rebuild("catalog") == 2)
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 2) == ["rm_catalog_items_g2"])
            #expect(try await Self.homes(client, "rm_catalog_villages", generation: 2) == ["rm_catalog_villages_g2"])
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 1).isEmpty, "generation 1 deleted from the default partition")

            #expect(try await daemon.rebuild("catalog") == 3)
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 3) == ["rm_catalog_items_g3"])
            #expect(try await Self.exists(client, "rm_catalog_items_g2") == false)
            #expect(try await Self.exists(client, "rm_catalog_villages_g2") == false)
            #expect(try await Harness.snapshot(catalog, storage: storage) == live)
        }
    }

    @Test("a generation whose partition cannot be made lives in the default partition; a table that only bears a partition's name is never dropped")
    func generationWithoutPartition() async throws {
        try await Harness.with(.postgres) { store, storage, extras in
            let client = try #require(extras.client)
            // Not a partition: `CREATE TABLE IF NOT EXISTS … PARTITION OF` finds the name taken and makes none.
            try await client.query("CREATE TABLE rm_catalog_items_g2 (note text)", logger: TestDatabase.logger)
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            let last = try await P.append(store, P.itemStream("s-0"), try P.publishedItem("s-0", title: ["en": "Stranger"]))
            let catalog = CatalogProjection()
            try await Harness.catchUp([catalog], store: store, storage: storage, to: last.lastCursor)
            let live = try await Harness.snapshot(catalog, storage: storage)

            let daemon = ProjectionDaemon(store: store, storage: storage, projections: [catalog], options: Harness.fastOptions)
            #expect(try await daemon.rebuild("catalog") == 2)
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 2) == ["rm_catalog_items_default"])
            #expect(try await Self.homes(client, "rm_catalog_villages", generation: 2) == ["rm_catalog_villages_g2"])
            #expect(try await daemon.rebuild("catalog") == 3)
            #expect(try await Self.homes(client, "rm_catalog_items", generation: 2).isEmpty, "generation 2 deleted row by row")
            #expect(try await Self.exists(client, "rm_catalog_items_g2"), "the table that only bore the name is still there")
            #expect(try await Self.exists(client, "rm_catalog_villages_g2") == false)
            #expect(try await Harness.snapshot(catalog, storage: storage) == live)
        }
    }

    @Test("migration 0031 keeps the rows a read-model table held, in its default partition")
    func migrationKeepsRows() async throws {
        try await TestDatabase.withFreshDatabase(migrated: false) { configuration in
            let bundled = try PostgresMigrator.bundled()
            try await TestDatabase.withClient(configuration) { client in
                let before = PostgresMigrator(migrations: bundled.migrations.filter { $0.number < 31 })
                try await before.migrate(client: client, logger: TestDatabase.logger)
                try await client.query(
                    "INSERT INTO rm_catalog_items (generation, key, status, doc) VALUES (1, 'kept', 'published', '{}')",
                    logger: TestDatabase.logger)
                #expect(try await bundled.migrate(client: client, logger: TestDatabase.logger).contains(31))
                #expect(try await Self.homes(client, "rm_catalog_items", generation: 1) == ["rm_catalog_items_default"])
                let rows = try await client.query(
                    "SELECT relkind::text FROM pg_class WHERE oid = to_regclass('rm_catalog_items')", logger: TestDatabase.logger)
                var kinds: [String] = []
                for try await kind in rows.decode(String.self) { kinds.append(kind) }
                #expect(kinds == ["p"], "rm_catalog_items is a partitioned table")
            }
        }
    }

    /// The tables (partitions) that hold the rows of `generation` in `table`.
    static func homes(_ client: PostgresClient, _ table: String, generation: Int) async throws -> Set<String> {
        let rows = try await client.query(
            PostgresQuery(unsafeSQL: "SELECT DISTINCT tableoid::regclass::text FROM \(table) WHERE generation = \(generation)"),
            logger: TestDatabase.logger)
        var homes: Set<String> = []
        for try await home in rows.decode(String.self) { homes.insert(home) }
        return homes
    }

    static func exists(_ client: PostgresClient, _ table: String) async throws -> Bool {
        let rows = try await client.query("SELECT to_regclass(\(table)) IS NOT NULL", logger: TestDatabase.logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }
}
