import EventLog
import Foundation

/// The decisions of a projection runner, without I/O: feed it what happened, do the action it returns.
///
/// Lifecycle (after the lock of the generation is held):
/// `loading` → (checkpoint loaded) `reading` → (page) `applying` → (committed) `reading` … → (empty page)
/// `waiting` → (woken) `reading` …; a rebuild that reads the end of the log (a page shorter than the batch size,
/// possibly empty) has caught up: it commits that page with the switch, `activating` → (committed) `finished`.
/// Appends that keep arriving therefore never hold a rebuild back: whatever follows the switch is the live runner's.
/// A poison event, a lost lock or a superseded generation end in `stopped`.
///
/// Time never comes from a clock here: callers pass `now`.
public struct ProjectionRunnerStateMachine: Sendable {
    public enum Mode: Sendable, Hashable {
        /// Follows the log for the active generation.
        case live
        /// Builds a new generation from the start of the log and activates it once caught up.
        case rebuild
    }

    public enum State: Sendable, Hashable {
        case loading
        case reading(Checkpoint)
        case applying(Checkpoint)
        case waiting(Checkpoint)
        case activating(Checkpoint)
        case finished(Checkpoint)
        case stopped(ProjectionStop)
    }

    public enum Action: Sendable, Hashable {
        /// Read a page of the log after the cursor.
        case readPage(after: LogCursor)
        /// Apply these events and commit their changes with the checkpoint after the last applied one; `activate`:
        /// in the same transaction, make this (rebuilt) generation the active one — unless an event is poison, in
        /// which case the events before it are committed without the switch.
        case applyAndCommit([RecordedEvent], from: Checkpoint, activate: Bool = false)
        /// Nothing new: wait for an append hint (bounded), then read again. Live runners check they are still the
        /// active generation while idle.
        case waitForAppends
        /// A rebuild has caught up: commit the switch to this generation (same transaction as the checkpoint).
        case activate(Checkpoint)
        /// The rebuild is active: release the lock, then drop the previous generation's rows, and end.
        case finish
        /// Persist the stop (so every instance's status shows it) and end.
        case recordStopAndEnd(ProjectionStop)
        /// End without recording (the lock is gone: the new holder owns the checkpoint row).
        case end(ProjectionStop)
    }

    public let projection: String
    public let generation: Int
    public let mode: Mode
    public private(set) var state: State = .loading

    public init(projection: String, generation: Int, mode: Mode) {
        self.projection = projection
        self.generation = generation
        self.mode = mode
    }

    /// The checkpoint was read (`nil`: the generation has not committed anything yet).
    public mutating func checkpointLoaded(_ checkpoint: Checkpoint?, now: Date) -> Action {
        let start = checkpoint ?? Checkpoint(
            projection: projection, generation: generation, cursor: .start, position: 0, lastRecordedAt: nil,
            eventsSeen: 0, updatedAt: now)
        if let stop = start.stop, stop.reason == .poisonEvent {
            // A poison stop holds until an operator restarts the projection (which clears it).
            state = .stopped(stop)
            return .end(stop)
        }
        var cleared = start
        cleared.stop = nil
        state = .reading(cleared)
        return .readPage(after: cleared.cursor)
    }

    /// A page was read; it is the end of the log when it is empty.
    public mutating func pageRead(_ page: LogPage) -> Action {
        pageRead(page, atEnd: page.events.isEmpty)
    }

    /// A page was read. `atEnd`: it reached the end of the log as it was when read (the page is shorter than asked
    /// for). A rebuild switches with the commit of such a page.
    public mutating func pageRead(_ page: LogPage, atEnd: Bool) -> Action {
        guard case .reading(let checkpoint) = state else { return unexpected("page read") }
        if page.events.isEmpty {
            if mode == .rebuild {
                state = .activating(checkpoint)
                return .activate(checkpoint)
            }
            state = .waiting(checkpoint)
            return .waitForAppends
        }
        if mode == .rebuild, atEnd {
            state = .activating(checkpoint)
            return .applyAndCommit(page.events, from: checkpoint, activate: true)
        }
        state = .applying(checkpoint)
        return .applyAndCommit(page.events, from: checkpoint)
    }

    /// The batch (or its part before a poison event) was committed at `checkpoint`.
    public mutating func committed(_ checkpoint: Checkpoint) -> Action {
        switch state {
        case .applying:
            state = .reading(checkpoint)
            return .readPage(after: checkpoint.cursor)
        case .activating:
            state = .finished(checkpoint)
            return .finish
        default:
            return unexpected("commit")
        }
    }

    /// The projection threw on `event`; the events before it in the batch are committed at `checkpoint`.
    public mutating func poisoned(by event: RecordedEvent, error: any Error, now: Date) -> Action {
        let stop = ProjectionStop(
            reason: .poisonEvent, message: String(describing: error), eventID: event.id, eventPosition: event.position,
            eventType: event.type, streamID: event.streamID.rawValue, at: now)
        state = .stopped(stop)
        return .recordStopAndEnd(stop)
    }

    /// The wait for appends ended (hint or timeout). `stillActive` is whether this live generation is still the
    /// active one; `lockHeld` whether the runner's lock session still holds the lock.
    public mutating func woke(stillActive: Bool, lockHeld: Bool = true, now: Date) -> Action {
        guard case .waiting(let checkpoint) = state else { return unexpected("wake") }
        guard lockHeld else { return lockLost(now: now) }
        guard stillActive else { return superseded(now: now) }
        state = .reading(checkpoint)
        return .readPage(after: checkpoint.cursor)
    }

    /// A commit found the lock gone.
    public mutating func lockLost(now: Date) -> Action {
        let stop = ProjectionStop(reason: .lockLost, message: ProjectionError.lockLost(projection: projection).message, at: now)
        state = .stopped(stop)
        return .end(stop)
    }

    /// A commit found the generation replaced.
    public mutating func superseded(now: Date) -> Action {
        let stop = ProjectionStop(
            reason: .superseded,
            message: ProjectionError.superseded(projection: projection, generation: generation).message, at: now)
        state = .stopped(stop)
        return .end(stop)
    }

    /// The storage or the log failed (after the driver's own retries).
    public mutating func failed(_ error: any Error, now: Date) -> Action {
        let stop = ProjectionStop(reason: .storageFailure, message: String(describing: error), at: now)
        state = .stopped(stop)
        return .recordStopAndEnd(stop)
    }

    /// The runner's task was cancelled while a commit was in flight (the commit is whole or absent).
    public mutating func cancelled(now: Date) -> Action {
        let stop = ProjectionStop(reason: .cancelled, message: "the runner was cancelled", at: now)
        state = .stopped(stop)
        return .end(stop)
    }

    private mutating func unexpected(_ what: String) -> Action {
        let stop = ProjectionStop(
            reason: .storageFailure, message: "runner state machine: \(what) in state \(state)", at: Date(timeIntervalSince1970: 0))
        state = .stopped(stop)
        return .recordStopAndEnd(stop)
    }
}
