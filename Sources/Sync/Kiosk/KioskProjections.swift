import Logging
import Projections

extension KioskDatabase {
    /// The daemon of a kiosk's projections (`cunshi kiosk serve`): the seven projections on its replica, kept together
    /// (``ProjectionDaemon``'s `keepTogether`) — a kiosk runs every projection itself, so each replica page is read
    /// and each event decoded once for all. Its runners commit batches of up to 50,000 events, as a rebuild does: a
    /// new kiosk catches up from nothing, and a row many events change is written once per batch (following the
    /// replica live, a batch holds only what the last sync brought).
    public func projectionDaemon(
        storage: SQLiteProjectionStorage, options: ProjectionRunner.Options = .init(batchSize: 50_000),
        logger: Logger = Logger(label: "cunshi.projections")
    ) -> ProjectionDaemon {
        ProjectionDaemon(store: replica, storage: storage, options: options, keepTogether: true, logger: logger)
    }
}
