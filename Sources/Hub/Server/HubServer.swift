import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import Projections
import SeedLoader
import ServiceLifecycle
import Sync

/// Builds and runs the hub: the store (PostgreSQL or embedded SQLite), its projections and the HTTP server, as
/// one service group with graceful shutdown on SIGTERM/SIGINT.
///
/// Start-up order (the HTTP server accepts no request before 3):
/// 1. the PostgreSQL client (PostgreSQL only);
/// 2. migrations (PostgreSQL; SQLite applies its own when the file opens), then — embedded store only, when the
///    log is empty and seeding is on — the bundled seed, loaded through the command handler;
/// 3. the HTTP server, with the store's LISTEN/NOTIFY loop and the projection runners beside it.
/// A failed migration or seed stops the hub with the error; it never serves a half-prepared database.
public enum HubServer {
    public typealias App = Application<RouterResponder<HubRequestContext>>

    /// What ``application(_:logger:)`` built.
    public struct Built: Sendable {
        public var app: App
        public var dependencies: HubDependencies
        /// Development mode without a configured key: the generated key's admin token, to print.
        public var developmentAdminToken: String?
    }

    /// Builds the application (does not run it).
    /// - Parameter now: the hub's clock (tests move it to expire offers and deals).
    public static func application(
        _ configuration: HubConfiguration, logger: Logger = Logger(label: "cunshi.hub"), now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Built {
        let (tokens, generated) = try await tokens(for: configuration)
        let developmentToken = generated ? try await tokens.issue(subject: "dev-admin", role: .admin) : nil
        let gate = StartGate()
        var services: [any Service] = []
        let store: any EventStore
        let daemon: ProjectionDaemon
        let epoch: any HubEpochSource
        let readiness: @Sendable () async -> HubDependencies.Readiness
        let prepare: @Sendable () async throws -> Void
        let live: @Sendable () async -> Void

        switch configuration.database {
        case .postgres(let url):
            let client = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger)
            let postgresStore = PostgresEventStore(client: client, logger: logger)
            store = postgresStore
            daemon = ProjectionDaemon(store: store, storage: PostgresProjectionStorage(client: client, logger: logger), logger: logger)
            epoch = PostgresHubEpoch(client: client, logger: logger)
            services.append(client)
            let migrator = try PostgresMigrator.bundled()
            prepare = {
                let applied = try await migrator.migrate(client: client, logger: logger)
                if !applied.isEmpty { logger.info("applied migrations", metadata: ["migrations": "\(applied)"]) }
                try await CommitOrderCheck.verify(client: client, logger: logger)
            }
            live = { await postgresStore.run() }
            readiness = {
                do {
                    _ = try await client.query("SELECT 1", logger: logger)
                } catch {
                    return .init(ready: false, database: "unreachable: \(String(describing: error).prefix(200))", migrations: "unknown")
                }
                do {
                    let pending = try await migrator.pending(client: client, logger: logger)
                    return .init(ready: pending.isEmpty, database: "postgresql reachable",
                                 migrations: pending.isEmpty ? "applied" : "pending: \(pending.map(String.init).joined(separator: ", "))")
                } catch {
                    return .init(ready: false, database: "postgresql reachable", migrations: "unknown: \(String(describing: error).prefix(200))")
                }
            }
        case .sqlite(let directory):
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            let sqliteStore = try SQLiteEventStore(path: root.appendingPathComponent("events.sqlite").path, logger: logger)
            store = sqliteStore
            daemon = ProjectionDaemon(
                store: store, storage: try SQLiteProjectionStorage(path: root.appendingPathComponent("readmodels.sqlite").path), logger: logger)
            epoch = LogEpoch(store: store)
            let seed = configuration.seed
            prepare = {
                guard seed, try await store.readLog(after: .start, filter: LogFilter(), limit: 1).events.isEmpty else { return }
                logger.info("empty embedded store: loading the bundled seed")
                let report = try await SeedLoader(store: store).load()
                logger.info("seed loaded", metadata: ["summary": "\(report.summary)"])
            }
            live = {}
            readiness = {
                do {
                    _ = try await store.streamVersion(try StreamID("hub-readiness"))
                    return .init(ready: true, database: "sqlite \(sqliteStore.path)", migrations: "applied (when the file opened)")
                } catch {
                    return .init(ready: false, database: "sqlite unreadable: \(String(describing: error).prefix(200))", migrations: "unknown")
                }
            }
        }

        let dependencies = HubDependencies(
            store: store, projections: daemon, tokens: tokens, epoch: epoch, readiness: readiness, now: now, logger: logger)
        services.append(BackgroundService("cunshi-hub-background") {
            do {
                try await prepare()
                gate.open(.success(()))
            } catch {
                logger.critical("the hub could not prepare its database", metadata: ["error": "\(error)"])
                gate.open(.failure(error))
                throw error
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await live() }
                group.addTask { await daemon.run() }
            }
        })
        var app = Application(
            router: HubRoutes.router(dependencies),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "cunshi"),
            services: services,
            logger: logger)
        app.beforeServerStarts { try await gate.wait() }
        return Built(app: app, dependencies: dependencies, developmentAdminToken: developmentToken)
    }

    /// The token verifier: the configured key, a random one in development mode, none in production (an error).
    static func tokens(for configuration: HubConfiguration) async throws -> (StaffTokens, generated: Bool) {
        if let key = configuration.jwtKey, !key.isEmpty { return (try await StaffTokens(key: key), false) }
        guard configuration.mode == .development else {
            throw HubConfiguration.Invalid(description: "production mode needs a JWT signing key: give --jwt-key or set CUNSHI_JWT_KEY (64 random hex digits)")
        }
        return (try await StaffTokens(key: StaffTokens.randomKey()), true)
    }
}
