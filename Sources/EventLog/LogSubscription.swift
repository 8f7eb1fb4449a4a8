/// Every event of the log after a cursor, in the log's order: it catches up page by page, then follows the log live.
///
/// Pull-based: a page is read only when the consumer asks for more, so a slow consumer holds no backlog in memory.
/// Between empty reads it waits on the store's wake-up hint, bounded by `pollInterval` (the fallback when hints are
/// lost). ``EventLogError/unavailable(_:)`` (the database restarting, a dropped connection, a read past its
/// deadline) is retried until the store is back — after 50 ms, doubling up to 2 s, or sooner when the store's hint
/// fires (a store that reconnects signals it) — from the same cursor, so nothing is skipped or delivered twice.
/// Other errors end the sequence. Cancel the consuming task to stop it.
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
        var retryDelay = LogSubscription.firstRetryDelay

        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                try Task.checkCancellation()
                let page: LogPage
                do {
                    page = try await subscription.store.readLog(
                        after: cursor, filter: subscription.filter, limit: subscription.pageSize)
                } catch EventLogError.unavailable {
                    await subscription.store.waitForAppends(timeout: retryDelay)
                    retryDelay = Swift.min(retryDelay * 2, LogSubscription.maxRetryDelay)
                    continue
                }
                retryDelay = LogSubscription.firstRetryDelay
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

    static let firstRetryDelay = Duration.milliseconds(50)
    static let maxRetryDelay = Duration.seconds(2)

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
