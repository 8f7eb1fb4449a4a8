import EventLog
import Foundation
import Logging
import Synchronization

/// Drives one projection: catches up from its checkpoint, then follows the log live, committing each batch's
/// read-model changes with its checkpoint in one transaction. The decisions are ``ProjectionRunnerStateMachine``'s;
/// this type only does the I/O.
///
/// Lifecycle of ``run()`` (live): resolve the active generation → take its lock (or wait in `standby` while another
/// runner, here or on another hub, holds it) → drive. A lost lock or a superseded generation goes back to contending;
/// a storage failure waits and retries; a **poison event** ends `run()` with the projection stopped at that event
/// (recorded with the checkpoint, so every instance's status shows it) until ``ProjectionDaemon/restart(_:)``.
/// Cancel the task to stop it; a batch in flight is either committed whole or not at all.
public final class ProjectionRunner: Sendable {
    public struct Options: Sendable {
        /// The most events read (and committed) per batch. Following the log live, a page holds what was appended
        /// since the last one, so batches stay small whatever this is; it bounds how much a runner that is behind
        /// (a restart, a new kiosk, a rebuild) applies per transaction. Fewer, larger commits are what make catching
        /// up fast: each commit rewrites the index pages it touched, and on SQLite syncs the write-ahead log; a row
        /// changed by many events of one batch is written once. A batch larger than ``pageSize`` is read as several
        /// pages.
        public var batchSize: Int
        /// The most events asked of the log at once, 1…``LogPage/maxEvents`` (the log's largest page).
        public var pageSize = LogPage.maxEvents
        /// The longest wait for an append hint before reading again (the fallback when hints are lost).
        public var idleWait: Duration
        /// How long a standby runner waits before trying the lock again.
        public var lockRetry: Duration
        /// Retries of a failed read or commit before the runner stops with a storage failure.
        public var transientRetries: Int
        /// For tests: called inside each commit's transaction between the read-model writes and the checkpoint.
        public var beforeCheckpoint: (@Sendable () throws -> Void)?
        /// Called after each committed batch with the checkpoint it committed (progress bars, lag measurements).
        /// Runs on the runner's task: keep it short.
        public var onCommit: (@Sendable (Checkpoint) -> Void)?
        /// About how much memory the runner may keep read-model rows in between batches (its ``RowCache``), so
        /// that a projection's reads of its own rows do not each cost a database round trip. 0 turns it off.
        /// Rebuilds side by side (``ProjectionDaemon/rebuild(_:)-([String])``) keep about this much together.
        public var cacheBytes: Int

        /// The largest batch.
        public static let maxBatchSize = 100_000
        /// The batch of a runner catching up from far behind — a rebuild, a new kiosk: a row that many events of a
        /// batch change is written once, so the database writes fewer row versions, and a crash costs about a
        /// second's progress.
        public static let catchUpBatchSize = 50_000

        /// - Parameter batchSize: events read and committed per batch, 1…``maxBatchSize``.
        public init(
            batchSize: Int = 5_000, idleWait: Duration = .milliseconds(250), lockRetry: Duration = .seconds(1),
            transientRetries: Int = 3, beforeCheckpoint: (@Sendable () throws -> Void)? = nil,
            onCommit: (@Sendable (Checkpoint) -> Void)? = nil, cacheBytes: Int = 32 << 20
        ) {
            self.batchSize = min(max(batchSize, 1), Self.maxBatchSize)
            self.idleWait = idleWait
            self.lockRetry = lockRetry
            self.transientRetries = transientRetries
            self.beforeCheckpoint = beforeCheckpoint
            self.onCommit = onCommit
            self.cacheBytes = cacheBytes
        }
    }

    /// What the runner is doing now, as this process sees it.
    public enum Phase: Sendable, Hashable {
        case starting
        /// Another runner holds the lock; this one waits to take over.
        case standby
        case catchingUp(generation: Int)
        case live(generation: Int)
        case rebuilding(generation: Int)
        case finished(generation: Int)
        case stopped(ProjectionStop)
    }

    enum Outcome: Sendable {
        case ended(ProjectionStop)
        case finished
        case cancelled
    }

    public let projection: any Projection
    let store: any EventStore
    let storage: any ProjectionStorage
    let options: Options
    let logger: Logger
    /// Shared with the runners it rebuilds beside (``ProjectionDaemon/rebuild(_:)-([String])``).
    let cacheBudget: RowCacheBudget?
    private let observedPhase = Mutex<Phase>(.starting)

    public convenience init(
        projection: any Projection, store: any EventStore, storage: any ProjectionStorage, options: Options = Options(),
        logger: Logger = Logger(label: "cunshi.projections")
    ) {
        self.init(projection: projection, store: store, storage: storage, options: options, cacheBudget: nil, logger: logger)
    }

    init(
        projection: any Projection, store: any EventStore, storage: any ProjectionStorage, options: Options,
        cacheBudget: RowCacheBudget?, logger: Logger
    ) {
        self.projection = projection
        self.store = store
        self.storage = storage
        self.options = options
        self.cacheBudget = cacheBudget
        self.logger = logger
    }

    public var phase: Phase { observedPhase.withLock { $0 } }

    func publish(_ phase: Phase) { observedPhase.withLock { $0 = phase } }

    /// Runs the active generation until cancelled or stopped by a poison event (see the type's lifecycle).
    public func run() async {
        while !Task.isCancelled {
            do {
                let generation = try await storage.registration(projection.name).activeGeneration
                let outcome = try await storage.withRunnerLock(projection: projection.name, generation: generation) { lock in
                    await self.drive(generation: generation, lock: lock, mode: .live)
                }
                switch outcome {
                case nil:
                    publish(.standby)
                    try? await Task.sleep(for: options.lockRetry)
                case .ended(let stop)?:
                    publish(.stopped(stop))
                    switch stop.reason {
                    case .poisonEvent: return
                    case .superseded: continue
                    case .lockLost: try? await Task.sleep(for: options.lockRetry)
                    case .storageFailure: try? await Task.sleep(for: options.lockRetry * 5)
                    case .cancelled: return
                    }
                case .finished?, .cancelled?:
                    return
                }
            } catch {
                logger.warning("projection runner failed", metadata: ["projection": "\(projection.name)", "error": "\(error)"])
                try? await Task.sleep(for: options.lockRetry)
            }
        }
    }

    /// Builds a new generation beside the active one from the start of the log; when it has caught up (read the end
    /// of the log), switches readers to it in the same transaction as its checkpoint, releases its lock, drops the
    /// old generation, and returns the new generation. The live runner — here or on any hub instance — is fenced
    /// off the old generation by the switch and continues on the new one from the switch's checkpoint.
    ///
    /// A rebuild that was interrupted (process killed) left its generation building: the next call resumes it from
    /// its checkpoint, and clears a stop it recorded (running it again is the retry).
    /// Throws when another rebuild of this projection is running, or when the rebuild stopped (e.g. a poison event).
    @discardableResult
    public func rebuild() async throws -> Int {
        let name = projection.name
        let previous = try await storage.registration(name).activeGeneration
        let generation = try await storage.beginRebuild(name, tables: projection.tables)
        let outcome = try await storage.withRunnerLock(projection: name, generation: generation) { lock in
            if try await self.storage.checkpoint(name, generation: generation)?.stop != nil {
                try await self.storage.recordStop(name, generation: generation, stop: nil)
            }
            return await self.drive(generation: generation, lock: lock, mode: .rebuild)
        }
        switch outcome {
        case nil: throw ProjectionError.rebuildRunning(projection: name, generation: generation)
        case .finished?:
            if previous != generation {
                try? await storage.dropGeneration(name, generation: previous, tables: projection.tables)
            }
            return generation
        case .ended(let stop)?: throw ProjectionError.rebuildStopped(projection: name, stop: stop)
        case .cancelled?: throw CancellationError()
        }
    }
}

extension ProjectionRunner.Options {
    /// For an operator's rebuild (`cunshi projections rebuild`): batches of ``catchUpBatchSize`` and a large row
    /// cache, 2 GiB for one projection or for all side by side (a rebuild starts from an empty generation, so rows it
    /// holds never need reading back).
    public static var rebuild: ProjectionRunner.Options {
        ProjectionRunner.Options(batchSize: catchUpBatchSize, cacheBytes: 2 << 30)
    }
}
