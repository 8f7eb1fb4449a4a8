import ArgumentParser
import EventLogPostgres
import Logging
import PostgresNIO

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending Schema/postgres migrations (safe when several hubs start at once)."
    )

    @Option(help: "postgres://user:password@host:port/database (default: CUNSHI_DATABASE_URL)")
    var databaseURL: String?

    func run() async throws {
        guard let url = Environment.databaseURL(databaseURL) else {
            throw ValidationError("give --database-url or set CUNSHI_DATABASE_URL")
        }
        let logger = Logger(label: "cunshi.migrate")
        let client = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger)
        let applied = try await client.whileRunning {
            let applied = try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
            try await CommitOrderCheck.verify(client: client, logger: logger)
            return applied
        }
        print(applied.isEmpty ? "up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
    }
}
