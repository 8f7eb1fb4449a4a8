import EventLog
import Foundation
import Logging
import PostgresNIO

/// Applies the numbered SQL files of `Schema/postgres` (bundled as resources) that a database has not had yet.
///
/// Rules:
/// - Files are named `NNNN_name.sql` and applied in number order, each in its own transaction, and recorded in
///   `cunshi_schema_migrations` with a checksum of their text.
/// - The whole run holds a session advisory lock, so several hubs starting at once apply each file exactly once.
/// - A recorded migration whose file has since changed is refused (``MigrationError/checksumMismatch``): migrations
///   are never edited once applied; add a new file instead.
public struct PostgresMigrator: Sendable {
    public typealias Migration = SchemaMigration
    public typealias MigrationError = SchemaMigrationError

    static let advisoryLockKey: Int64 = 0x6375_6e73_6869_0001

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.number < $1.number }
    }

    /// The migrations bundled with this module.
    public static func bundled() throws -> PostgresMigrator {
        PostgresMigrator(migrations: try SchemaMigration.load(from: Bundle.module.url(forResource: "Migrations", withExtension: nil)))
    }

    /// Applies what is pending and returns the numbers applied now (empty when the database was up to date).
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withConnection { connection in
            _ = try await connection.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))", logger: logger)
            do {
                let applied = try await apply(on: connection, logger: logger)
                _ = try await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))", logger: logger)
                throw error
            }
        }
    }

    /// The numbers of the bundled migrations that the database has not had yet.
    public func pending(client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withConnection { connection in
            let recorded = try await recordedChecksums(on: connection, logger: logger)
            return migrations.map(\.number).filter { recorded[$0] == nil }
        }
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        _ = try await connection.query("""
            CREATE TABLE IF NOT EXISTS cunshi_schema_migrations (
                number integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        let recorded = try await recordedChecksums(on: connection, logger: logger)
        var applied: [Int] = []
        for migration in migrations {
            if let checksum = recorded[migration.number] {
                guard checksum == migration.checksum else {
                    throw MigrationError.checksumMismatch(number: migration.number, name: migration.name)
                }
                continue
            }
            logger.info("applying migration", metadata: ["migration": "\(migration.name)"])
            try await connection.withTransaction(logger: logger) { connection in
                for statement in Self.statements(of: migration) {
                    _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                _ = try await connection.query(
                    "INSERT INTO cunshi_schema_migrations (number, name, checksum) VALUES (\(Int32(migration.number)), \(migration.name), \(migration.checksum))",
                    logger: logger)
            }
            applied.append(migration.number)
        }
        return applied
    }

    /// The statements of a migration file, in order, as they are sent.
    public static func statements(of migration: Migration) -> [String] {
        SQLStatementSplitter.split(migration.sql)
    }

    private func recordedChecksums(on connection: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        let exists = try await connection.query(
            "SELECT to_regclass('cunshi_schema_migrations') IS NOT NULL", logger: logger)
        for try await present in exists.decode(Bool.self) where !present { return [:] }
        var recorded: [Int: String] = [:]
        let rows = try await connection.query("SELECT number, checksum FROM cunshi_schema_migrations", logger: logger)
        for try await (number, checksum) in rows.decode((Int32, String).self) {
            recorded[Int(number)] = checksum
        }
        return recorded
    }
}
