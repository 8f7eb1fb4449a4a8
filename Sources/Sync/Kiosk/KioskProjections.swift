import Logging
import Projections

extension KioskDatabase {
    /// The daemon of a kiosk's projections (`cunshi kiosk serve`): the seven projections on its replica, kept together
    /// (``ProjectionDaemon``'s `keepTogether`) — a kiosk runs every projection itself, so each replica page is read
    /// and each event decoded once for all. Its runners commit batches of up to
    /// ``ProjectionRunner/Options/catchUpBatchSize`` events, as a rebuild does: a new kiosk catches up from nothing
    /// (following the replica live, a batch holds only what the last sync brought).
    public func projectionDaemon(
        storage: SQLiteProjectionStorage,
        options: ProjectionRunner.Options = .init(batchSize: ProjectionRunner.Options.catchUpBatchSize),
        logger: Logger = Logger(label: "cunshi.projections")
    ) -> ProjectionDaemon {
        ProjectionDaemon(store: replica, storage: storage, options: options, keepTogether: true, logger: logger)
    }
}
