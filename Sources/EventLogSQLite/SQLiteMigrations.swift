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
    /// One migration file.
    public struct Migration: Sendable, Hashable {
        public let number: Int
        public let name: String
        public let sql: String

        public init(number: Int, name: String, sql: String) {
            self.number = number
            self.name = name
            self.sql = sql
        }

        /// FNV-1a 64 of the file's bytes, in hex (the same checksum as the PostgreSQL migrator's).
        public var checksum: String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in sql.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
            return String(hash, radix: 16)
        }
    }

    public enum MigrationError: Error, CustomStringConvertible {
        case checksumMismatch(number: Int, name: String)
        case unreadableName(String)
        case missingResources

        public var description: String {
            switch self {
            case let .checksumMismatch(number, name):
                "migration \(number) (\(name)) was applied with other contents; never edit an applied migration"
            case let .unreadableName(name):
                "migration file '\(name)' is not named NNNN_name.sql"
            case .missingResources:
                "the bundled Schema/sqlite migrations were not found"
            }
        }
    }

    public let migrations: [Migration]

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.number < $1.number }
    }

    /// The migrations bundled with this module.
    public static func bundled() throws -> SQLiteMigrations {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw MigrationError.missingResources
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        let migrations = try files.map { file -> Migration in
            guard let number = Int(file.prefix { $0.isNumber }), file.contains("_") else {
                throw MigrationError.unreadableName(file)
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(number: number, name: String(file.dropLast(4)), sql: sql)
        }
        return SQLiteMigrations(migrations: migrations)
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
