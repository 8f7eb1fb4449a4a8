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
            cache = RowCache(limitBytes: options.cacheBytes, startedEmpty: loaded == nil)
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
        var readAhead: (cursor: LogCursor, page: Task<LogPage, any Error>)?
        defer { readAhead?.page.cancel() }

        while true {
            if Task.isCancelled { return .cancelled }
            switch action {
            case .readPage(let cursor):
                do {
                    let page: LogPage
                    if let ahead = readAhead, ahead.cursor == cursor {
                        page = try await ahead.page.value
                    } else {
                        readAhead?.page.cancel()
                        page = try await readPage(after: cursor)
                    }
                    readAhead = nil
                    if page.events.count == options.batchSize {
                        let next = page.next
                        readAhead = (next, Task { try await self.readPage(after: next) })
                    }
                    action = machine.pageRead(page, atEnd: page.events.count < options.batchSize)
                } catch {
                    if Task.isCancelled { return .cancelled }
                    action = machine.failed(error, now: Date())
                }

            case .applyAndCommit(let events, let from, let activate):
                action = await applyAndCommit(
                    events, from: from, activate: activate, generation: generation, lock: lock, cache: cache,
                    machine: &machine)

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

    private func readPage(after cursor: LogCursor) async throws -> LogPage {
        try await retrying { try await self.store.readLog(after: cursor, filter: .all, limit: self.options.batchSize) }
    }

    /// Applies a batch into one unit of work, stopping at the first event the projection throws on, and commits
    /// what came before it with the checkpoint after it (and, when `activate` and no event was poison, the switch to
    /// this generation).
    private func applyAndCommit(
        _ events: [RecordedEvent], from: Checkpoint, activate: Bool, generation: Int, lock: any RunnerLock,
        cache: RowCache, machine: inout ProjectionRunnerStateMachine
    ) async -> ProjectionRunnerStateMachine.Action {
        var changes = ReadModelChanges(storage: storage, generation: generation, cache: cache)
        var checkpoint = from
        var poison: (RecordedEvent, any Error)?
        let handled = projection.eventTypes  // a computed set: build it once per batch, not once per event
        for event in events {
            if handled?.contains(event.type) ?? true {
                changes.beginEvent()
                do {
                    try await projection.apply(event, to: &changes)
                } catch {
                    changes.discardEvent()
                    poison = (event, error)
                    break
                }
            }
            checkpoint.cursor = event.cursor
            checkpoint.position = event.position
            checkpoint.lastRecordedAt = event.recordedAt
            checkpoint.eventsSeen += 1
        }
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
