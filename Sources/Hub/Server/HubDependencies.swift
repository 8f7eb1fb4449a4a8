import Commands
import EventLog
import Foundation
import Logging
import Projections
import Sync

/// Everything the routes use. Built by ``HubServer`` (or a test) around one event store and its read models.
public struct HubDependencies: Sendable {
    public var store: any EventStore
    public var commands: CommandHandler
    public var projections: ProjectionDaemon
    public var tokens: StaffTokens
    public var devices: DeviceCredentials
    /// The kiosk sync endpoints (``Sync/SyncRoutes``).
    public var sync: SyncRoutes
    public var metrics: HubMetrics
    /// Database reachable and migrations applied (`/health/ready`).
    public var readiness: @Sendable () async -> Readiness
    /// The hub's clock: the `now` of every command.
    public var now: @Sendable () -> Date
    public var logger: Logger

    public struct Readiness: Sendable, Codable, Equatable {
        public var ready: Bool
        public var database: String
        public var migrations: String

        public init(ready: Bool, database: String, migrations: String) {
            self.ready = ready
            self.database = database
            self.migrations = migrations
        }
    }

    /// - Parameter epoch: the log epoch kiosks see (``Sync/PostgresHubEpoch`` on PostgreSQL); by default one kept in the
    ///   log itself (``Sync/LogEpoch``).
    public init(
        store: any EventStore, projections: ProjectionDaemon, tokens: StaffTokens, metrics: HubMetrics = HubMetrics(),
        epoch: (any HubEpochSource)? = nil,
        readiness: @escaping @Sendable () async -> Readiness, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "cunshi.hub")
    ) {
        self.store = store
        self.commands = CommandHandler(store: store)
        self.projections = projections
        self.tokens = tokens
        self.devices = DeviceCredentials(store: store)
        self.sync = SyncRoutes(
            service: HubSyncService(
                store: store, epoch: epoch ?? LogEpoch(store: store), curators: tokens, now: now, logger: logger),
            authenticator: DeviceAuthenticator(store: store))
        self.metrics = metrics
        self.readiness = readiness
        self.now = now
        self.logger = logger
    }

    public var readModels: ReadModels { projections.readModels }
}
