/// Every event of the log after a cursor, in the log's order: it catches up page by page, then follows the log live.
///
/// Pull-based: a page is read only when the consumer asks for more, so a slow consumer holds no backlog in memory.
/// Between empty reads it waits on the store's wake-up hint, bounded by `pollInterval` (the fallback when hints are
/// lost). ``EventLogError/unavailable(_:)`` (the database restarting, a dropped connection) is retried with backoff
/// until the store is back; other errors end the sequence. Cancel the consuming task to stop it.
public struct LogSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let store: any EventStore
    let start: LogCursor
    let filter: LogFilter
    let pageSize: Int
    let pollInterval: Duration

    public struct AsyncIterator: AsyncIteratorProtocol {
        let subscription: LogSubscription
        var cursor: LogCursor
        var buffer: [RecordedEvent] = []
        var index = 0

        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                try Task.checkCancellation()
                let page: LogPage
                do {
                    page = try await subscription.store.readLog(
                        after: cursor, filter: subscription.filter, limit: subscription.pageSize)
                } catch EventLogError.unavailable {
                    try await Task.sleep(for: subscription.pollInterval * 4)
                    continue
                }
                cursor = page.next
                buffer = page.events
                index = 0
                if buffer.isEmpty {
                    await subscription.store.waitForAppends(timeout: subscription.pollInterval)
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(subscription: self, cursor: start)
    }
}

extension EventStore {
    /// Subscribes to the log after `cursor`: catch-up, then live. See ``LogSubscription``.
    public func subscribe(
        after cursor: LogCursor = .start,
        filter: LogFilter = .all,
        pageSize: Int = 500,
        pollInterval: Duration = .milliseconds(200)
    ) -> LogSubscription {
        LogSubscription(store: self, start: cursor, filter: filter, pageSize: pageSize, pollInterval: pollInterval)
    }
}
