import EventLog
import Foundation

extension ProjectionRunner {
    /// Drives the state machine for one generation while its lock is held.
    func drive(generation: Int, lock: any RunnerLock, mode: ProjectionRunnerStateMachine.Mode) async -> Outcome {
        let name = projection.name
        var machine = ProjectionRunnerStateMachine(projection: name, generation: generation, mode: mode)
        var action: ProjectionRunnerStateMachine.Action
        let cache: RowCache
        do {
            let loaded = try await retrying { try await self.storage.checkpoint(name, generation: generation) }
            cache = RowCache(limitBytes: options.cacheBytes, startedEmpty: loaded == nil, budget: cacheBudget)
            action = machine.checkpointLoaded(loaded, now: Date())
            if let stop = loaded?.stop, stop.reason != .poisonEvent {
                try await storage.recordStop(name, generation: generation, stop: nil)
            }
        } catch {
            return Task.isCancelled ? .cancelled : .ended(stopFor(error))
        }
        publish(mode == .rebuild ? .rebuilding(generation: generation) : .catchingUp(generation: generation))
        // After a full page the next one is read while this one is applied and committed (catching up, the log
        // and the read models then keep both cores busy). Only a page that the state machine asks for is used.
        var readAhead: (cursor: LogCursor, page: Task<DecodedLogPage, any Error>)?
        // The domain events of the page being applied, when they were decoded with a page shared by several runners.
        var decoded: [DecodedLogPage.Decoded?]?
        defer { readAhead?.page.cancel() }
        // A batch's commit runs while the next page is read and applied; see ``CommitInFlight``.
        var inFlight: CommitInFlight?

        while true {
            if Task.isCancelled {
                _ = await settle(&inFlight, cache: cache, machine: &machine)
                return .cancelled
            }
            if !action.overlapsCommit, let failure = await settle(&inFlight, cache: cache, machine: &machine) {
                action = failure
                continue
            }
            switch action {
            case .readPage(let cursor):
                do {
                    let read: DecodedLogPage
                    if let ahead = readAhead, ahead.cursor == cursor {
                        read = try await ahead.page.value
                    } else {
                        readAhead?.page.cancel()
                        read = try await readPage(after: cursor)
                    }
                    readAhead = nil
                    let page = read.page
                    decoded = read.decodedEvents
                    if page.events.count == options.batchSize {
                        let next = page.next
                        readAhead = (next, Task { try await self.readPage(after: next) })
                    }
                    action = machine.pageRead(page, atEnd: page.events.count < options.batchSize)
                } catch {
                    if Task.isCancelled {
                        _ = await settle(&inFlight, cache: cache, machine: &machine)
                        return .cancelled
                    }
                    action = machine.failed(error, now: Date())
                }

            case .applyAndCommit(let events, let from, let activate):
                action = await applyAndCommit(
                    events, decoded: decoded?.count == events.count ? decoded : nil, from: from, activate: activate,
                    generation: generation, lock: lock, cache: cache, machine: &machine, inFlight: &inFlight)

            case .waitForAppends:
                if mode == .live { publish(.live(generation: generation)) }
                await store.waitForAppends(timeout: options.idleWait)
                if Task.isCancelled { return .cancelled }
                var stillActive = true
                if mode == .live {
                    stillActive = (try? await storage.registration(name).activeGeneration == generation) ?? true
                }
                let lockHeld = await lock.isHeld()
                action = machine.woke(stillActive: stillActive, lockHeld: lockHeld, now: Date())

            case .activate(var checkpoint):
                checkpoint.updatedAt = Date()
                let batch = CommitBatch(
                    projection: name, generation: generation, changes: [], checkpoint: checkpoint, lock: lock,
                    activate: true)
                do {
                    try await retrying { try await self.storage.commit(batch) }
                    options.onCommit?(checkpoint)
                    action = machine.committed(checkpoint)
                } catch {
                    if Task.isCancelled { return .cancelled }
                    action = commitFailure(error, machine: &machine)
                }

            case .finish:
                // The caller drops the previous generation once the lock is released, so that the live runner can
                // take the new generation over meanwhile.
                publish(.finished(generation: generation))
                return .finished

            case .recordStopAndEnd(let stop):
                logger.error("projection stopped", metadata: ["projection": "\(name)", "reason": "\(stop.reason)", "message": "\(stop.message)"])
                try? await storage.recordStop(name, generation: generation, stop: stop)
                publish(.stopped(stop))
                return .ended(stop)

            case .end(let stop):
                publish(.stopped(stop))
                return .ended(stop)
            }
        }
    }

    /// The next batch of the log after `cursor`: up to `batchSize` events, read in pages of at most `pageSize`.
    /// It is short only at the log's end. Read from ``SharedLogPages``, its events come decoded when the pages were
    /// shared.
    private func readPage(after cursor: LogCursor) async throws -> DecodedLogPage {
        let pageSize = min(max(options.pageSize, 1), LogPage.maxEvents)
        let shared = store as? SharedLogPages
        var batch = DecodedLogPage(LogPage(events: [], next: cursor))
        while batch.page.events.count < options.batchSize {
            let limit = min(options.batchSize - batch.page.events.count, pageSize), next = batch.page.next
            let page = try await retrying {
                if let shared { return try await shared.readDecodedLog(after: next, limit: limit) }
                return DecodedLogPage(try await self.store.readLog(after: next, filter: .all, limit: limit))
            }
            batch.append(page)
            if page.page.events.count < limit { break }
        }
        return batch
    }

    /// Applies a batch into one unit of work, stopping at the first event the projection throws on, and commits
    /// what came before it with the checkpoint after it (and, when `activate` and no event was poison, the switch to
    /// this generation). `decoded`: the batch's domain events, when its pages were decoded for several runners.
    ///
    /// The batch is applied while the previous batch's commit (`inFlight`) runs, and commits only once that one has.
    /// An ordinary batch's commit is then left in flight in turn, and the state machine told it committed, so that
    /// the next page is read and applied meanwhile; a batch with a poison event or the switch commits before the
    /// machine hears of it.
    private func applyAndCommit(
        _ events: [RecordedEvent], decoded: [DecodedLogPage.Decoded?]?, from: Checkpoint, activate: Bool, generation: Int,
        lock: any RunnerLock, cache: RowCache, machine: inout ProjectionRunnerStateMachine, inFlight: inout CommitInFlight?
    ) async -> ProjectionRunnerStateMachine.Action {
        var changes = ReadModelChanges(storage: storage, generation: generation, cache: cache, inFlight: inFlight?.writes ?? [:])
        var checkpoint = from
        var poison: (RecordedEvent, any Error)?
        let handled = projection.eventTypes  // a computed set: build it once per batch, not once per event
        var seen = 0
        for index in events.indices {
            // An event is copied out of the page (a retain of each of its fields) only when this projection applies it.
            if handled?.contains(events[index].type) ?? true {
                let event = events[index]
                changes.beginEvent(decoded: decoded?[index].map { (event.id, $0) })
                do {
                    try await projection.apply(event, to: &changes)
                } catch {
                    changes.discardEvent()
                    poison = (event, error)
                    break
                }
            }
            seen = index + 1
        }
        if seen > 0 {
            checkpoint.cursor = events[seen - 1].cursor
            checkpoint.position = events[seen - 1].position
            checkpoint.lastRecordedAt = events[seen - 1].recordedAt
            checkpoint.eventsSeen += Int64(seen)
        }
        if let failure = await settle(&inFlight, cache: cache, machine: &machine) { return failure }
        if checkpoint.cursor != from.cursor {
            checkpoint.updatedAt = Date()
            let written: [ReadModelChange]
            do {
                written = try changes.changeList()
            } catch {
                // A document that cannot be encoded: the projection's bug, not one event's — stop as a storage failure.
                return machine.failed(error, now: Date())
            }
            let batch = CommitBatch(
                projection: projection.name, generation: generation, changes: written, checkpoint: checkpoint,
                lock: lock, activate: activate && poison == nil, beforeCheckpoint: options.beforeCheckpoint)
            if poison == nil, !batch.activate {
                let storage = self.storage
                inFlight = CommitInFlight(
                    batch: batch, writes: changes.writes,
                    commit: Task { try await self.retrying { try await storage.commit(batch) } })
                return machine.committed(checkpoint)
            }
            do {
                try await retrying { try await self.storage.commit(batch) }
            } catch {
                return commitFailure(error, machine: &machine)
            }
            cache.committed(batch.changes)
            options.onCommit?(checkpoint)
            if poison == nil { return machine.committed(checkpoint) }
        }
        if let (event, error) = poison { return machine.poisoned(by: event, error: error, now: Date()) }
        return machine.committed(checkpoint)
    }

    /// Waits for the commit in flight, if any. Once it is committed the row cache and `onCommit` learn of it; when
    /// it failed, the action for that failure is returned (the batch applied after it is then never committed).
    private func settle(
        _ inFlight: inout CommitInFlight?, cache: RowCache, machine: inout ProjectionRunnerStateMachine
    ) async -> ProjectionRunnerStateMachine.Action? {
        guard let commit = inFlight.take() else { return nil }
        do {
            try await commit.commit.value
        } catch {
            return commitFailure(error, machine: &machine)
        }
        cache.committed(commit.batch.changes)
        options.onCommit?(commit.batch.checkpoint)
        return nil
    }

    private func commitFailure(_ error: any Error, machine: inout ProjectionRunnerStateMachine) -> ProjectionRunnerStateMachine.Action {
        switch error {
        case ProjectionError.lockLost: machine.lockLost(now: Date())
        case ProjectionError.superseded: machine.superseded(now: Date())
        default: Task.isCancelled ? machine.cancelled(now: Date()) : machine.failed(error, now: Date())
        }
    }

    private func stopFor(_ error: any Error) -> ProjectionStop {
        ProjectionStop(reason: .storageFailure, message: String(describing: error), at: Date())
    }

    /// Runs `body`, retrying transient failures with backoff; fencing errors and cancellation are not retried.
    func retrying<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let error as ProjectionError {
                switch error {
                case .lockLost, .superseded: throw error
                default: break
                }
                attempt += 1
                if attempt > options.transientRetries || Task.isCancelled { throw error }
            } catch {
                attempt += 1
                if attempt > options.transientRetries || Task.isCancelled { throw error }
            }
            try await Task.sleep(for: .milliseconds(50 * (1 << min(attempt, 6))))
        }
    }
}

/// A batch whose commit runs while the runner reads and applies the next one, so that the projection's work and
/// the database's overlap.
///
/// Rules that keep it safe: at most one commit is in flight, and the next batch commits only after it succeeded
/// (checkpoints stay in log order; a failed commit ends the session before anything applied after it is
/// committed); the next batch reads the in-flight batch's ``writes`` before the cache and the database, which do
/// not have them yet; and the runner waits for it before it waits for appends, switches, stops or returns.
struct CommitInFlight: Sendable {
    var batch: CommitBatch
    var writes: [ReadModelChanges.Slot: ReadModelRow?]
    var commit: Task<Void, any Error>
}

extension ProjectionRunnerStateMachine.Action {
    /// Actions the runner takes while a commit is in flight: reading and applying the next page.
    var overlapsCommit: Bool {
        switch self {
        case .readPage, .applyAndCommit: true
        default: false
        }
    }
}
