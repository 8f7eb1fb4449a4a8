import ArgumentParser
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Logging
import PostgresNIO
import SeedLoader

/// `cunshi seed`: loads the bundled seed (real Lingnan villages, their archives, tours and listings) through the
/// command handler. Idempotent: a second run appends nothing.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the seed villages, archives, tours and IP listings through commands (idempotent).",
        discussion: """
            With --database-url (or CUNSHI_DATABASE_URL) the hub's PostgreSQL log is migrated and seeded; otherwise \
            the embedded SQLite log in --data-dir (default ./data, or CUNSHI_DATA_DIR) is. Seeding stops at the \
            first record that breaks a rule and names the file, the record and the rule.
            """
    )

    @Option(help: "postgres://user:password@host:port/database (default: CUNSHI_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "Directory of the embedded SQLite log (default: CUNSHI_DATA_DIR or ./data)")
    var dataDir: String?

    @Option(help: "Seed data directory to load instead of the bundled one (for trying out changed seed files)")
    var seeds: String?

    @Flag(help: "Print every command as it runs")
    var verbose = false

    func validate() throws {
        if databaseURL != nil, dataDir != nil {
            throw ValidationError("give either --database-url or --data-dir, not both")
        }
    }

    func run() async throws {
        let directory = seeds.map { URL(fileURLWithPath: $0, isDirectory: true) }
        let verbose = self.verbose
        let progress: @Sendable (SeedStep, SeedStepResult) -> Void = { step, result in
            guard verbose else { return }
            let what = result.alreadyApplied ? "already applied" : "\(result.appendedEvents) events"
            print("\(step.file) \(step.record) \(step.step): \(what)")
        }
        let report: SeedReport
        do {
            if dataDir == nil, let url = Environment.databaseURL(databaseURL) {
                report = try await seedPostgres(url: url, directory: directory, progress: progress)
            } else {
                let dir = Environment.dataDirectory(dataDir)
                let path = URL(fileURLWithPath: dir, isDirectory: true).appendingPathComponent("events.sqlite").path
                let store = try SQLiteEventStore(path: path)
                report = try await SeedLoader(store: store).load(from: directory, progress: progress)
            }
        } catch let error as SeedError {
            throw ValidationError(error.description)
        }
        print("seeded: \(report.summary)")
    }

    private func seedPostgres(
        url: String, directory: URL?, progress: @escaping @Sendable (SeedStep, SeedStepResult) -> Void
    ) async throws -> SeedReport {
        var logger = Logger(label: "cunshi.seed")
        logger.logLevel = .warning
        let client = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            _ = try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
            let store = PostgresEventStore(client: client, logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { inner in
                inner.addTask { await store.run() }
                defer { inner.cancelAll() }
                return try await SeedLoader(store: store).load(from: directory, progress: progress)
            }
        }
    }
}
