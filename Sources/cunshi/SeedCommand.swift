import ArgumentParser
import Foundation
import Operations
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

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Seed data directory to load instead of the bundled one (for trying out changed seed files)")
    var seeds: String?

    @Flag(help: "Print every command as it runs")
    var verbose = false

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
            report = try await AdminDatabase.with(database.location, createEmbedded: true, logger: CLILog.logger) { db in
                try await SeedLoader(store: db.store).load(from: directory, progress: progress)
            }
        } catch let error as SeedError {
            throw ValidationError(error.description)
        }
        print("seeded: \(report.summary)")
    }
}
