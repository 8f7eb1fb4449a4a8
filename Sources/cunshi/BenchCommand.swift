import ArgumentParser
import BenchWorkloads
import EventLogPostgres
import Foundation
import PostgresNIO
import Projections

/// `cunshi bench [workloads] | rebuild | lag | load | sync`: benchmarks against PostgreSQL, printing `key=value` lines.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks against PostgreSQL: the peer workloads (W1–W4), a projection rebuild, the projections' live lag, kiosk sync.",
        discussion: """
            Without --database-url it connects with the peer harness's POSTGRES_HOST/PORT/DBNAME/USER/PASSWORD.
            Build with -c release. Each run gets a fresh schema, dropped afterwards. Never part of the test suite.
            """,
        subcommands: [Workloads.self, Rebuild.self, Lag.self, Load.self, SyncKiosk.self],
        defaultSubcommand: Workloads.self
    )

    struct Connection: ParsableArguments {
        @Option(help: "postgres://user:password@host:port/database")
        var databaseURL: String?

        @Option(help: "The run label printed on each line (default: $RUN or 1)")
        var run: Int = Int(ProcessInfo.processInfo.environment["RUN"] ?? "") ?? 1

        @Option(help: "Group commits in flight at once")
        var concurrentCommits: Int = PostgresEventStore.defaultConcurrentCommits

        func settings(workloads: [String] = [], scale: Double = 1) throws -> BenchSettings {
            BenchSettings(
                configuration: try configuration(), workloads: workloads, run: run, scale: scale, peer: "cunshi-0.1",
                concurrentCommits: concurrentCommits)
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

    struct Workloads: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workloads", abstract: "The peer harness's workloads W1–W4 against the event store (the default).")

        @OptionGroup var connection: Connection

        @Option(help: "Comma-separated workloads: W1,W2,W3,W4")
        var workloads: String = "W1,W2,W3,W4"

        @Option(help: "Scale the event counts (0.1 for a quick smoke test; only 1 compares with the peers)")
        var scale: Double = 1

        func run() async throws {
            let settings = try connection.settings(
                workloads: workloads.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() },
                scale: scale)
            try await BenchRunner.run(settings, print: CLILog.say)
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill a fresh log with a realistic domain event mix, then time a rebuild of each projection and of all at once.",
            discussion: """
                The events (villages, kiosks, archive items with media, rights, reviews and revisions, tours, IP \
                listings with offers and deals) are appended in batches of 5,000, untimed. Each rebuild line gives \
                events/s over the whole log and the process's peak RSS during that rebuild.
                """)

        @OptionGroup var connection: Connection

        @Option(help: "Events in the log") var events = 1_000_000
        @Option(help: "Rounds of rebuilds on the same log") var runs = 3
        @Option(help: "Events per rebuild batch (one transaction each), 1–100000") var batchSize = ProjectionRunner.Options.rebuild.batchSize

        func validate() throws {
            guard events >= 1_000 else { throw ValidationError("--events must be at least 1000") }
            guard (1...ProjectionRunner.Options.maxBatchSize).contains(batchSize) else {
                throw ValidationError("--batch-size must be 1–\(ProjectionRunner.Options.maxBatchSize)")
            }
        }

        func run() async throws {
            try await ProjectionWorkloads.rebuild(
                try connection.settings(), events: events, runs: runs, batchSize: batchSize, print: CLILog.say)
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append the rebuild benchmark's domain event mix to the database itself (to try rebuilds and replays on a big log).",
            discussion: "Not a scratch schema: the events stay. Use a database made for it.")

        @OptionGroup var connection: Connection

        @Option(help: "Events to append") var events = 1_000_000

        func run() async throws {
            guard Environment.databaseURL(connection.databaseURL) != nil else {
                throw ValidationError("give --database-url (or CUNSHI_DATABASE_URL): the events stay in that database")
            }
            try await ProjectionWorkloads.load(try connection.settings(), events: events, print: CLILog.say)
        }
    }

    struct Lag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The projections' live lag (append acknowledged → projected by all of them) under W1's load.",
            discussion: """
                Preloads a domain event log, starts every projection live, then 8 writers append single domain \
                events as fast as they can (W1). Prints p50/p99/max of the lag over every append, and each \
                projection's p99.
                """)

        @OptionGroup var connection: Connection

        @Option(help: "Events in the log before the measurement") var preload = 100_000
        @Option(help: "Events appended during the measurement") var events = 20_000
        @Option(help: "Concurrent writers") var writers = 8

        func run() async throws {
            try await ProjectionWorkloads.lag(
                try connection.settings(), preload: preload, events: events, writers: writers, print: CLILog.say)
        }
    }
}

extension BenchCommand {
    struct SyncKiosk: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "A new kiosk's initial sync of its county (pulled, applied, projected), incremental syncs of 100 events, and the sync of 1,000 contributions recorded offline.",
            discussion: """
                The hub (PostgreSQL, the sync routes in this process) and the kiosk (an SQLite file in a temporary \
                directory) talk over loopback HTTP with gzip. The county's log is a domain event mix of one village, \
                appended untimed. The initial line's events/s covers pull + apply + all seven projections; the \
                sync-push-1000 line's seconds cover pushing the 1,000 entries (each decided again on the hub) and \
                pulling their events back.
                """)

        @OptionGroup var connection: BenchCommand.Connection

        @Option(help: "Events of the kiosk's county on the hub") var events = 100_000
        @Option(help: "Incremental syncs of 100 events") var rounds = 15

        func run() async throws {
            try await SyncWorkload.run(try connection.settings(), events: events, rounds: rounds, print: CLILog.say)
        }
    }
}
