import Foundation
import GRDB

/// SQLite's temporary files — statement journals, spilled sorts, temporary tables — as this process holds them open.
/// SQLite names them `etilqs_…` and unlinks them at once, so they show only among the open file descriptors.
public enum SQLiteTemporaryFiles {
    /// The temporary files open in this process now.
    public static func open() -> [String] {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors
            .compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
            .filter { $0.contains("etilqs_") }
    }

    /// The temporary files open at the end of a write transaction on `pool` whose last statement needs a large
    /// statement journal: 200 inserts of 2 KiB into a scratch table with a unique column, then one update of every
    /// row (a statement that may abort halfway keeps the pages it changes, here ~100, to undo them). The transaction
    /// is rolled back.
    public static func openAfterLongTransaction(_ pool: DatabasePool) throws -> [String] {
        struct RollBack: Error {}
        var found: [String] = []
        do {
            try pool.write { db in
                try db.execute(sql: "CREATE TABLE scratch_journal_probe (n INTEGER UNIQUE, body TEXT NOT NULL)")
                for n in 0..<200 {
                    try db.execute(
                        sql: "INSERT INTO scratch_journal_probe VALUES (?, ?)",
                        arguments: [n, String(repeating: "x", count: 2048)])
                }
                try db.execute(sql: "UPDATE scratch_journal_probe SET n = n + 1000, body = body || 'y'")
                found = open()
                throw RollBack()
            }
        } catch is RollBack {}
        return found
    }
}
