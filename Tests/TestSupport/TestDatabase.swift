import EventLog
import EventLogPostgres
import Foundation
import Logging
import PostgresNIO

/// Fresh PostgreSQL databases for tests, on the server that `scripts/test.sh` starts
/// (`CUNSHI_TEST_DATABASE_URL`). Every test gets its own migrated database, so whole-log assertions are exact.
public enum TestDatabase {
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "CUNSHI_TEST_DATABASE_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL"
        }
    }

    public static let logger: Logger = {
        var logger = Logger(label: "cunshi.tests")
        logger.logLevel = .error
        return logger
    }()

    public static func baseConfiguration() throws -> PostgresClient.Configuration {
        guard let url = ProcessInfo.processInfo.environment["CUNSHI_TEST_DATABASE_URL"] else { throw NotConfigured() }
        return try PostgresURL.configuration(url)
    }

    /// Runs `body` with a client whose `run()` is going, and stops it afterwards.
    @discardableResult
    public static func withClient<T: Sendable>(
        _ configuration: PostgresClient.Configuration,
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return try await client.whileRunning { try await body(client) }
    }

    /// Creates an empty database, optionally migrated, runs `body` with its configuration, and drops it.
    public static func withFreshDatabase<T: Sendable>(
        migrated: Bool = true,
        _ body: (PostgresClient.Configuration) async throws -> T
    ) async throws -> T {
        let base = try baseConfiguration()
        let name = "cunshi_t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await withClient(base) { admin in
            _ = try await admin.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        var configuration = base
        configuration.database = name
        do {
            if migrated {
                try await withClient(configuration) { client in
                    try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
                }
            }
            let result = try await body(configuration)
            try await dropDatabase(name, base: base)
            return result
        } catch {
            try? await dropDatabase(name, base: base)
            throw error
        }
    }

    /// A migrated fresh database with a running ``PostgresEventStore`` (LISTEN/NOTIFY included).
    public static func withStore<T: Sendable>(
        options: PostgresEventStore.Options = PostgresEventStore.Options(),
        _ body: (PostgresEventStore, PostgresClient.Configuration) async throws -> T
    ) async throws -> T {
        try await withFreshDatabase { configuration in
            try await withRunningStore(configuration, options: options) { store in try await body(store, configuration) }
        }
    }

    /// A ``PostgresEventStore`` on its own client for `configuration`, with `run()` going.
    public static func withRunningStore<T: Sendable>(
        _ configuration: PostgresClient.Configuration,
        options: PostgresEventStore.Options = PostgresEventStore.Options(),
        _ body: (PostgresEventStore) async throws -> T
    ) async throws -> T {
        try await withClient(configuration) { client in
            let store = PostgresEventStore(client: client, logger: logger, options: options)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await store.run() }
                defer { group.cancelAll() }
                return try await body(store)
            }
        }
    }

    private static func dropDatabase(_ name: String, base: PostgresClient.Configuration) async throws {
        try await withClient(base) { admin in
            _ = try await admin.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
        }
    }
}
