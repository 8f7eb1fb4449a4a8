import EventLog
import Synchronization

/// Combines appends that arrive while others are being committed into one transaction (group commit).
///
/// Every submitted append waits in a queue. Up to `maxInFlight` drainers each take the queued appends — at most
/// `maxGroupEvents` events, never two appends touching the same stream — and commit them with one call. A lone
/// writer therefore pays one round trip per append, as without grouping, while concurrent writers share round
/// trips and commits. Each member's outcome is its own: one refused append never refuses another.
/// A caller that finds the queue empty and a slot free commits in its own task; drainers for queued appends run in
/// tasks of their own that end as soon as the queue is empty.
final class GroupCommitter: Sendable {
    typealias Commit = @Sendable ([[AppendRequest]]) async -> [Result<[AppendResult], any Error>]

    private struct Waiting {
        let requests: [AppendRequest]
        let continuation: CheckedContinuation<[AppendResult], any Error>
    }

    private struct State {
        var queue: [Waiting] = []
        var inFlight = 0
    }

    private let state = Mutex(State())
    private let maxInFlight: Int
    private let maxGroupEvents: Int
    private let commit: Commit

    init(maxInFlight: Int, maxGroupEvents: Int, commit: @escaping Commit) {
        self.maxInFlight = maxInFlight
        self.maxGroupEvents = maxGroupEvents
        self.commit = commit
    }

    func submit(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        // Nothing waiting and a commit slot free: commit in the caller's own task, without a hop.
        let leadsAlone = state.withLock { state -> Bool in
            guard state.queue.isEmpty, state.inFlight < maxInFlight else { return false }
            state.inFlight += 1
            return true
        }
        if leadsAlone {
            let result = await commit([requests])[0]
            if takeOverOrRelease() { Task { await self.drain() } }
            return try result.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            let startDrainer = state.withLock { state -> Bool in
                state.queue.append(Waiting(requests: requests, continuation: continuation))
                guard state.inFlight < maxInFlight else { return false }
                state.inFlight += 1
                return true
            }
            if startDrainer {
                // A drainer outlives no submitter: it stops as soon as the queue is empty.
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while let group = takeGroup() {
            let results = await commit(group.map(\.requests))
            for (waiting, result) in zip(group, results) {
                waiting.continuation.resume(with: result)
            }
        }
    }

    /// After a lone commit: whether appends queued meanwhile need this slot's drainer (else the slot is released).
    private func takeOverOrRelease() -> Bool {
        state.withLock { state -> Bool in
            if state.queue.isEmpty {
                state.inFlight -= 1
                return false
            }
            return true
        }
    }

    /// The next group to commit, or nil (and one drainer fewer) when the queue is empty.
    private func takeGroup() -> [Waiting]? {
        state.withLock { state -> [Waiting]? in
            guard !state.queue.isEmpty else {
                state.inFlight -= 1
                return nil
            }
            var group: [Waiting] = []
            var rest: [Waiting] = []
            var streams = Set<StreamID>()
            var events = 0
            for waiting in state.queue {
                let ids = waiting.requests.map(\.streamID)
                let size = waiting.requests.reduce(0) { $0 + $1.events.count }
                if !group.isEmpty && (events + size > maxGroupEvents || ids.contains(where: streams.contains)) {
                    rest.append(waiting)
                } else {
                    group.append(waiting)
                    streams.formUnion(ids)
                    events += size
                }
            }
            state.queue = rest
            return group
        }
    }
}
