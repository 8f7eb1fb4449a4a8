import EventLog
import Foundation
import GRDB

/// Applies the numbered SQL files of `Schema/sqlite` (bundled as resources) that a database file has not had yet.
///
/// Rules:
/// - Files are named `NNNN_name.sql` and applied in number order, and recorded in `cunshi_schema_migrations` with a
///   checksum of their text.
/// - One run is one `BEGIN IMMEDIATE` transaction: every pending file is applied, or none is. Several processes
///   opening the same file at once wait for one another (SQLite's write lock), so each file is applied once.
/// - A recorded migration whose file has since changed is refused (``MigrationError/checksumMismatch(number:name:)``):
///   migrations are never edited once applied; add a new file instead.
public struct SQLiteMigrations: Sendable {
    public typealias Migration = SchemaMigration
    public typealias MigrationError = SchemaMigrationError

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.number < $1.number }
    }

    /// The migrations bundled with this module.
    public static func bundled() throws -> SQLiteMigrations {
        SQLiteMigrations(migrations: try SchemaMigration.load(from: Bundle.module.url(forResource: "Migrations", withExtension: nil)))
    }

    /// Applies what is pending and returns the numbers applied now (empty when the file was up to date).
    @discardableResult
    public func migrate(_ writer: some DatabaseWriter) throws -> [Int] {
        try writer.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS cunshi_schema_migrations (
                    number INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))
                """)
            var recorded: [Int: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT number, checksum FROM cunshi_schema_migrations") {
                recorded[try row.decode(Int.self, atIndex: 0)] = try row.decode(String.self, atIndex: 1)
            }
            var applied: [Int] = []
            for migration in migrations {
                if let checksum = recorded[migration.number] {
                    guard checksum == migration.checksum else {
                        throw MigrationError.checksumMismatch(number: migration.number, name: migration.name)
                    }
                    continue
                }
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: "INSERT INTO cunshi_schema_migrations (number, name, checksum) VALUES (?, ?, ?)",
                    arguments: [migration.number, migration.name, migration.checksum])
                applied.append(migration.number)
            }
            return applied
        }
    }

    /// The numbers of these migrations that the database has not had yet.
    public func pending(_ reader: some DatabaseReader) throws -> [Int] {
        try reader.read { db in
            guard try db.tableExists("cunshi_schema_migrations") else { return migrations.map(\.number) }
            let recorded = Set(try Int.fetchAll(db, sql: "SELECT number FROM cunshi_schema_migrations"))
            return migrations.map(\.number).filter { !recorded.contains($0) }
        }
    }
}
