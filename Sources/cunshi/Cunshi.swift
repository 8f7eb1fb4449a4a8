import ArgumentParser

/// The `cunshi` command line: the hub, its database, kiosks and tools. Every option can also be given as a
/// `CUNSHI_…` environment variable (e.g. `--database-url` as `CUNSHI_DATABASE_URL`).
@main
struct Cunshi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cunshi",
        abstract: "Cunshi (村史): the village-history event log, its hub and its kiosks.",
        subcommands: [
            MigrateCommand.self, BenchCommand.self, SeedCommand.self, ServeCommand.self, ProjectionsCommand.self,
            ReplayCommand.self, TokenCommand.self, DeviceCommand.self, KioskCommand.self,
        ]
    )
}
