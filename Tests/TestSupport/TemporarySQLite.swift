import EventLog
import EventLogSQLite
import Foundation

/// Fresh SQLite event stores for tests: a real database file in a new temporary directory, deleted afterwards.
public enum TemporarySQLite {
    /// Runs `body` with a new, empty temporary directory, and deletes it (with everything in it) afterwards.
    public static func withDirectory<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cunshi-sqlite-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// Runs `body` with a store on a fresh database file (`events.sqlite` in a temporary directory) and the file's
    /// path, for opening more stores on the same file.
    public static func withStore<T: Sendable>(_ body: (SQLiteEventStore, String) async throws -> T) async throws -> T {
        try await withDirectory { directory in
            let path = directory.appendingPathComponent("events.sqlite").path
            let store = try SQLiteEventStore(path: path)
            return try await body(store, path)
        }
    }
}
