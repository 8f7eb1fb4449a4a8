import ArgumentParser
import Foundation
import Hub
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the hub: the HTTP API over PostgreSQL (--database-url) or an embedded SQLite store (--data-dir).",
        discussion: """
            Without a database URL the hub keeps its log in <data-dir>/events.sqlite (default ./data), and loads the
            bundled seed on first start (an empty log) unless --no-seed. With --database-url it applies the pending
            migrations before it accepts requests. SIGTERM and SIGINT shut it down gracefully.

            Modes: development (the default on the embedded store) generates a JWT key at start when none is given and
            prints an admin token; production (the default on PostgreSQL) refuses to start without --jwt-key or
            CUNSHI_JWT_KEY. The API contract is served at /openapi.yaml.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (default: CUNSHI_HOST or 127.0.0.1)")
    var host: String?

    @Option(help: "Port to listen on (default: CUNSHI_PORT or 8080)")
    var port: Int?

    @Flag(help: "Do not load the bundled seed into an empty embedded store")
    var noSeed = false

    @Option(help: "development or production (default: CUNSHI_MODE; development on SQLite, production on PostgreSQL)")
    var mode: String?

    @Option(help: "HS256 signing key for bearer tokens, at least 32 bytes (default: CUNSHI_JWT_KEY)")
    var jwtKey: String?

    func run() async throws {
        let configuration = try hubConfiguration()
        var logger = Logger(label: "cunshi.hub")
        logger.logLevel = Environment.value("LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        let built = try await HubServer.application(configuration, logger: logger)
        if let token = built.developmentAdminToken {
            say("""
                cunshi hub (development mode): a JWT key was generated for this run; tokens die with the process.
                admin token: \(token)
                try: curl -H 'Authorization: Bearer \(token)' http://\(configuration.host):\(configuration.port)/v1/whoami
                """)
        }
        say("cunshi hub listening on http://\(configuration.host):\(configuration.port) (contract: /openapi.yaml)")
        try await built.app.runService()
    }

    /// Prints a line at once (stdout may be a pipe, which would otherwise hold it back).
    func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    func hubConfiguration() throws -> HubConfiguration {
        let database = self.database.location
        let modeText = mode ?? Environment.value("CUNSHI_MODE")
        let mode: HubConfiguration.Mode
        if let modeText {
            guard let parsed = HubConfiguration.Mode(rawValue: modeText) else {
                throw ValidationError("--mode must be development or production")
            }
            mode = parsed
        } else {
            if case .postgres = database { mode = .production } else { mode = .development }
        }
        let portValue = port ?? Environment.value("CUNSHI_PORT").flatMap(Int.init) ?? 8080
        guard (1...65535).contains(portValue) else { throw ValidationError("--port must be 1–65535") }
        return HubConfiguration(
            database: database, host: host ?? Environment.value("CUNSHI_HOST") ?? "127.0.0.1", port: portValue, mode: mode,
            jwtKey: jwtKey ?? Environment.value("CUNSHI_JWT_KEY"), seed: !noSeed)
    }
}
