import Synchronization

/// Pull batches requested before the pull state machine asks for them, keyed by cursor: the one after the batch
/// being written, as soon as the hub names its cursor (``SyncTransport/pull(_:nextHint:)``: ahead of the body) or the
/// written batch does. At most ``depth`` are fetched and not yet taken, so a slow kiosk holds at most that many
/// batches in memory. One is used only when the machine asks for exactly its cursor (``take(_:)``); the rest are
/// cancelled — ahead answers are hints, never applied unasked.
final class PullsAhead: Sendable {
    typealias Answer = Task<Result<PullResponse, SyncError>, Never>

    let depth = 2
    private let fetch: @Sendable (HubCursor, @escaping @Sendable (String) -> Void) async -> Result<PullResponse, SyncError>
    private let fetches = Mutex<[String: Answer]>([:])

    init(fetch: @escaping @Sendable (HubCursor, @escaping @Sendable (String) -> Void) async -> Result<PullResponse, SyncError>) {
        self.fetch = fetch
    }

    /// Requests the batch after `token`, unless it is requested already or ``depth`` answers wait.
    func start(_ token: String) {
        guard let cursor = HubCursor(token: token) else { return }
        fetches.withLock { fetches in
            guard fetches[token] == nil, fetches.count < depth else { return }
            fetches[token] = Task { [fetch] in await fetch(cursor) { [weak self] next in self?.start(next) } }
        }
    }

    /// The answer requested for `cursor`, if any (it is no longer kept here).
    func take(_ cursor: HubCursor) -> Answer? {
        fetches.withLock { $0.removeValue(forKey: cursor.token) }
    }

    func cancelAll() {
        let cancelled = fetches.withLock { fetches in
            defer { fetches.removeAll() }
            return Array(fetches.values)
        }
        for answer in cancelled { answer.cancel() }
    }
}
