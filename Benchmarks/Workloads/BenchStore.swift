import EventLog
import EventLogPostgres
import Foundation
import Logging
import PostgresNIO

/// A fresh, migrated store for one workload: its own schema, dropped afterwards.
enum BenchStore {
    static let logger: Logger = {
        var logger = Logger(label: "cunshi.bench")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a running store on a new schema; `connections` are opened before `body` starts.
    static func withFreshStore<T: Sendable>(
        _ settings: BenchSettings, name: String, connections: Int,
        _ body: (PostgresEventStore, PostgresClient) async throws -> T
    ) async throws -> T {
        let schema = "cunshi_bench_\(name.lowercased())_\(settings.run)_\(UInt32.random(in: 0...UInt32.max))"
        try await withClient(settings.configuration) { admin in
            _ = try await admin.query("CREATE SCHEMA \(unescaped: schema)", logger: logger)
        }
        var configuration = settings.configuration
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        configuration.options.maximumConnections = max(connections + 2, 4)
        let result: Result<T, any Error>
        do {
            result = .success(try await withClient(configuration) { client in
                try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
                try await openConnections(client, count: connections)
                let store = PostgresEventStore(
                    client: client, logger: logger,
                    options: PostgresEventStore.Options(concurrentCommits: settings.concurrentCommits))
                return try await body(store, client)
            })
        } catch {
            result = .failure(error)
        }
        try await withClient(settings.configuration) { admin in
            _ = try await admin.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: logger)
        }
        return try result.get()
    }

    static func checkpoint(_ client: PostgresClient) async throws {
        _ = try await client.query("CHECKPOINT", logger: logger)
    }

    static func withClient<T: Sendable>(
        _ configuration: PostgresClient.Configuration, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        // Errors only from the pool: a lease racing `run()` starting is not worth a warning line among the results.
        var poolLogger = logger
        poolLogger.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: poolLogger)
        return try await client.whileRunning { try await body(client) }
    }

    /// Opens `count` pooled connections by holding them all at once, so connection setup is not timed.
    private static func openConnections(_ client: PostgresClient, count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await client.withConnection { connection in
                        _ = try await connection.query("SELECT pg_sleep(0.05)", logger: logger)
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
