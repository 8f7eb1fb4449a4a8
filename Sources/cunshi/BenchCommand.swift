import ArgumentParser
import BenchWorkloads
import EventLogPostgres
import Foundation
import PostgresNIO

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the peer workloads (W1–W4) against the PostgreSQL store; prints the harness's key=value lines.",
        discussion: """
            Without --database-url it connects with the peer harness's POSTGRES_HOST/PORT/DBNAME/USER/PASSWORD.
            Build with -c release. Each workload gets a fresh schema, dropped afterwards.
            """
    )

    @Option(help: "postgres://user:password@host:port/database")
    var databaseURL: String?

    @Option(help: "Comma-separated workloads: W1,W2,W3,W4")
    var workloads: String = "W1,W2,W3,W4"

    @Option(help: "The run label printed on each line (default: $RUN or 1)")
    var run: Int = Int(ProcessInfo.processInfo.environment["RUN"] ?? "") ?? 1

    @Option(help: "Scale the event counts (0.1 for a quick smoke test; only 1 compares with the peers)")
    var scale: Double = 1

    @Option(help: "Group commits in flight at once")
    var concurrentCommits: Int = PostgresEventStore.defaultConcurrentCommits

    func run() async throws {
        let settings = BenchSettings(
            configuration: try configuration(),
            workloads: workloads.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() },
            run: run, scale: scale, peer: "cunshi-0.1", concurrentCommits: concurrentCommits)
        try await BenchRunner.run(settings) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    private func configuration() throws -> PostgresClient.Configuration {
        if let url = Environment.databaseURL(databaseURL) { return try PostgresURL.configuration(url) }
        let env = ProcessInfo.processInfo.environment
        return PostgresClient.Configuration(
            host: env["POSTGRES_HOST"] ?? "127.0.0.1", port: Int(env["POSTGRES_PORT"] ?? "") ?? 55432,
            username: env["POSTGRES_USER"] ?? "bench", password: env["POSTGRES_PASSWORD"] ?? "bench",
            database: env["POSTGRES_DBNAME"] ?? "bench", tls: .disable)
    }
}
