import EventLog
import Foundation

/// Where projections keep their read models and checkpoints: implemented by ``PostgresProjectionStorage`` (the hub)
/// and ``SQLiteProjectionStorage`` (kiosks and the embedded hub). Projections never see which.
///
/// Rules every implementation keeps:
/// - ``commit(_:)`` writes a batch's read-model changes **and** its checkpoint in one database transaction: after a
///   crash at any point either both are there or neither is, so a restarted runner neither loses nor doubles an event.
/// - A commit is fenced: it fails with ``ProjectionError/lockLost(projection:)`` when the committing runner no longer
///   holds its lock, and with ``ProjectionError/superseded(projection:generation:)`` when its generation is neither
///   the active nor the building one.
/// - Reads see committed data only.
public protocol ProjectionStorage: Sendable {
    /// Runs `body` while holding the exclusive runner lock of `(projection, generation)`; returns `nil` at once,
    /// without running `body`, when another runner (in this or another process) holds it. The lock is released
    /// when `body` returns or throws.
    func withRunnerLock<T: Sendable>(
        projection: String, generation: Int, _ body: (any RunnerLock) async throws -> T
    ) async throws -> T?

    /// Whether some runner — in this or another process — holds the lock of `(projection, generation)` now;
    /// `nil` when the storage cannot tell.
    func isRunnerActive(projection: String, generation: Int) async throws -> Bool?

    /// The projection's registration, created (generation 1 active) when missing.
    func registration(_ projection: String) async throws -> ProjectionRegistration

    /// Allocates a new generation to build beside the active one (or returns the one already building), ready for
    /// rows of `tables` (PostgreSQL gives it a partition of its own in each).
    func beginRebuild(_ projection: String, tables: [ReadModelTable]) async throws -> Int

    /// The checkpoint of one generation; `nil` when it has not committed anything yet.
    func checkpoint(_ projection: String, generation: Int) async throws -> Checkpoint?

    /// All checkpoints (every projection and generation).
    func checkpoints() async throws -> [Checkpoint]

    /// Writes a batch's changes and checkpoint in one transaction (see the rules above).
    func commit(_ batch: CommitBatch) async throws

    /// Records that a generation stopped (poison event, lost lock, …) so that every process's status shows it.
    func recordStop(_ projection: String, generation: Int, stop: ProjectionStop?) async throws

    /// Deletes every row of a generation from `tables` (PostgreSQL drops its partitions) and its checkpoint (after a
    /// switch).
    func dropGeneration(_ projection: String, generation: Int, tables: [ReadModelTable]) async throws

    /// Rows of `table` in `generation` matching `query`.
    func select(_ table: ReadModelTable, generation: Int, _ query: ReadModelQuery) async throws -> [ReadModelRow]

    /// The number of rows of `table` in `generation` matching `conditions`.
    func count(_ table: ReadModelTable, generation: Int, _ conditions: [Condition]) async throws -> Int
}

extension ProjectionStorage {
    /// The row of `table` with `key` in `generation`.
    public func fetch(_ table: ReadModelTable, generation: Int, key: String) async throws -> ReadModelRow? {
        try await select(table, generation: generation, ReadModelQuery([.equals("key", .text(key))], orderBy: [], limit: 1)).first
    }
}

/// Proof that a runner holds its lock; storage implementations check it at every commit.
public protocol RunnerLock: Sendable {
    /// Whether the lock is still held (PostgreSQL asks the server; the session may have died).
    func isHeld() async -> Bool
}

/// Which generations of a projection exist.
public struct ProjectionRegistration: Sendable, Hashable {
    public var projection: String
    /// The generation readers read.
    public var activeGeneration: Int
    /// The generation being rebuilt beside it, if any.
    public var buildingGeneration: Int?

    public init(projection: String, activeGeneration: Int, buildingGeneration: Int?) {
        self.projection = projection
        self.activeGeneration = activeGeneration
        self.buildingGeneration = buildingGeneration
    }
}

/// Where a generation of a projection has got to in the log, and whether it stopped.
public struct Checkpoint: Sendable, Hashable {
    public var projection: String
    public var generation: Int
    /// The log cursor of the last event the generation has seen (applied or ignored).
    public var cursor: LogCursor
    /// The position of that event (0 before the first).
    public var position: Int64
    /// The hub time of that event.
    public var lastRecordedAt: Date?
    /// How many events this generation has handled in total.
    public var eventsSeen: Int64
    public var updatedAt: Date
    /// Set when the generation stopped and has not been restarted since.
    public var stop: ProjectionStop?

    public init(
        projection: String, generation: Int, cursor: LogCursor, position: Int64, lastRecordedAt: Date?,
        eventsSeen: Int64, updatedAt: Date, stop: ProjectionStop? = nil
    ) {
        self.projection = projection
        self.generation = generation
        self.cursor = cursor
        self.position = position
        self.lastRecordedAt = lastRecordedAt
        self.eventsSeen = eventsSeen
        self.updatedAt = updatedAt
        self.stop = stop
    }
}

/// Why a generation stopped. Stored with its checkpoint, so every hub instance's status shows it.
public struct ProjectionStop: Sendable, Hashable, Codable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The projection threw on an event: it stays stopped at the event before it until restarted.
        case poisonEvent
        /// The runner lost its lock (its database session ended); another runner may have taken over.
        case lockLost
        /// A rebuilt generation replaced this one.
        case superseded
        /// The storage failed repeatedly.
        case storageFailure
        /// The runner's task was cancelled (the process is shutting down).
        case cancelled
    }

    public var reason: Reason
    public var message: String
    public var eventID: UUID?
    public var eventPosition: Int64?
    public var eventType: String?
    public var streamID: String?
    public var at: Date

    public init(
        reason: Reason, message: String, eventID: UUID? = nil, eventPosition: Int64? = nil, eventType: String? = nil,
        streamID: String? = nil, at: Date
    ) {
        self.reason = reason
        self.message = message
        self.eventID = eventID
        self.eventPosition = eventPosition
        self.eventType = eventType
        self.streamID = streamID
        self.at = at
    }
}

/// One transaction's worth of work: the changes of a run of events and the checkpoint after them.
public struct CommitBatch: Sendable {
    public var projection: String
    public var generation: Int
    public var changes: [ReadModelChange]
    public var checkpoint: Checkpoint
    /// The lock the committing runner holds (checked in the transaction).
    public var lock: any RunnerLock
    /// Make this generation the active one in the same transaction (the end of a rebuild).
    public var activate: Bool
    /// Called inside the transaction after the read-model changes and before the checkpoint; when it throws, the
    /// transaction is abandoned as a crash at that moment would leave it. Tests use it to kill the runner there.
    public var beforeCheckpoint: (@Sendable () throws -> Void)?

    public init(
        projection: String, generation: Int, changes: [ReadModelChange], checkpoint: Checkpoint, lock: any RunnerLock,
        activate: Bool = false, beforeCheckpoint: (@Sendable () throws -> Void)? = nil
    ) {
        self.projection = projection
        self.generation = generation
        self.changes = changes
        self.checkpoint = checkpoint
        self.lock = lock
        self.activate = activate
        self.beforeCheckpoint = beforeCheckpoint
    }
}

/// A write to a read-model table.
public enum ReadModelChange: Sendable, Hashable {
    case upsert(ReadModelTable, ReadModelRow)
    case delete(ReadModelTable, key: String)
}
