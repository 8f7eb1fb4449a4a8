import ArgumentParser
import Foundation
import Logging
import Operations
import Projections

/// `cunshi projections status | rebuild | restart` (docs/projections.md).
struct ProjectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "projections",
        abstract: "The read models: their state and lag, rebuilds beside the live generation, restarts after a poison event.",
        subcommands: [Status.self, Rebuild.self, Restart.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each projection's state (running, catching up, idle, rebuilding, stopped and why), position and lag.",
            discussion: """
                Read from the checkpoints and the runner locks, so it shows what every hub on the database is doing.
                A projection stopped on a poison event names the event (position, type, stream) and the error.
                """)

        @OptionGroup var database: DatabaseOptions

        @Flag(help: "Print JSON instead of a table")
        var json = false

        func run() async throws {
            let asJSON = json
            let output = try await AdminDatabase.with(database.location, logger: CLILog.logger) { db in
                let statuses = try await db.daemon().status()
                return asJSON ? try StatusReport.json(statuses) : StatusReport.table(statuses)
            }
            print(output)
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild a projection from the whole log beside its live generation; readers switch when it has caught up.",
            discussion: """
                Safe while hubs run on the same database: they keep serving the old generation, and the switch — in the \
                same transaction as the new generation's checkpoint — fences their runners off it; they continue on the \
                new one. An interrupted rebuild resumes where it stopped when run again. Prints a progress bar on a \
                terminal (plain lines every 5 s otherwise), then a summary. Projections: \
                \(ProjectionRebuild.names.joined(separator: ", ")).
                """)

        @Argument(help: "The projection to rebuild")
        var name: String?

        @Flag(help: "Rebuild every projection, side by side (reading the log once for all)")
        var all = false

        @Option(help: "Events per batch (one transaction each), 1–100000")
        var batchSize: Int = ProjectionRunner.Options.rebuild.batchSize

        @Option(help: "MiB of read-model rows kept in memory, for one projection or for all side by side, 0–65536")
        var cacheMib: Int = ProjectionRunner.Options.rebuild.cacheBytes >> 20

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if all, name != nil { throw ValidationError("give a projection name or --all, not both") }
            if !all, name == nil {
                throw ValidationError("name the projection to rebuild (or --all): \(ProjectionRebuild.names.joined(separator: ", "))")
            }
            if let name { try ProjectionRebuild.validate(name) }
            guard (1...ProjectionRunner.Options.maxBatchSize).contains(batchSize) else {
                throw ValidationError("--batch-size must be 1–\(ProjectionRunner.Options.maxBatchSize)")
            }
            guard (0...65_536).contains(cacheMib) else { throw ValidationError("--cache-mib must be 0–65536") }
        }

        func run() async throws {
            let names = all ? ProjectionRebuild.names : name.map { [$0] } ?? []
            var options = ProjectionRunner.Options.rebuild
            options.batchSize = batchSize
            options.cacheBytes = cacheMib << 20
            let terminal = isatty(STDOUT_FILENO) != 0
            let columns = Int(Environment.value("COLUMNS") ?? "") ?? 100
            try await AdminDatabase.with(database.location, logger: CLILog.logger) { db in
                CLILog.say("rebuilding \(names.count == 1 ? names[0] : "\(names.count) projections side by side") on \(db.place)")
                let label = names.count == 1 ? names[0] : "all (slowest)"
                let printer = ProgressPrinter(label: label, isTerminal: terminal, columns: columns) { CLILog.write($0) }
                let summaries = try await ProjectionRebuild.run(names, in: db, options: options) { snapshot, final in
                    // Its elapsed time is on the rebuild's own monotonic clock.
                    let at = snapshot.elapsed
                    if final { printer.finish(snapshot, at: at) } else { printer.update(snapshot, at: at) }
                }
                for summary in summaries { CLILog.say(summary.text) }
            }
        }
    }

    struct Restart: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear a projection's stop (after a poison event) so that its runner retries the same event.",
            discussion: "Deploy the fix first: the event is retried, never skipped. Hubs pick the restart up within a second.")

        @Argument(help: "The projection to restart")
        var name: String

        @OptionGroup var database: DatabaseOptions

        func validate() throws { try ProjectionRebuild.validate(name) }

        func run() async throws {
            let name = name
            try await AdminDatabase.with(database.location, logger: CLILog.logger) { db in
                try await db.daemon().restart(name)
            }
            print("restarted \(name): its runner retries from its checkpoint")
        }
    }
}

/// Output helpers of the operator's commands.
enum CLILog {
    /// Warnings and errors only: the commands print their own results.
    static let logger: Logger = {
        var logger = Logger(label: "cunshi.cli")
        logger.logLevel = Environment.value("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }()

    /// Writes at once (stdout may be a pipe, which would otherwise hold progress back).
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func say(_ line: String) { write(line + "\n") }
}
