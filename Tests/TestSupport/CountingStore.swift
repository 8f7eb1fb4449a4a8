import EventLog
import Synchronization

/// A real store with its reads counted on the way: whole-log reads (all, and those that came back full) and the reads
/// of each stream (pages of a whole-stream read, and version lookups). Everything else passes straight through.
public final class CountingStore: EventStore {
    private struct Counts {
        var logReads = 0
        var fullPageReads = 0
        var largestLogRead = 0
        var streamReads: [StreamID: Int] = [:]
    }

    public let base: any EventStore
    private let counts = Mutex(Counts())

    public init(base: any EventStore) { self.base = base }

    public var logReads: Int { counts.withLock { $0.logReads } }
    /// Whole-log reads that returned as many events as asked for.
    public var fullPageReads: Int { counts.withLock { $0.fullPageReads } }
    /// The most events one whole-log read returned.
    public var largestLogRead: Int { counts.withLock { $0.largestLogRead } }
    public func reads(of stream: StreamID) -> Int { counts.withLock { $0.streamReads[stream] ?? 0 } }

    public func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        counts.withLock { $0.logReads += 1 }
        let page = try await base.readLog(after: cursor, filter: filter, limit: limit)
        counts.withLock {
            if page.events.count == limit { $0.fullPageReads += 1 }
            $0.largestLogRead = max($0.largestLogRead, page.events.count)
        }
        return page
    }

    public func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
        counts.withLock { $0.streamReads[stream, default: 0] += 1 }
        return try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    public func streamVersion(_ stream: StreamID) async throws -> Int64 {
        counts.withLock { $0.streamReads[stream, default: 0] += 1 }
        return try await base.streamVersion(stream)
    }

    public func append(_ request: AppendRequest) async throws -> AppendResult { try await base.append(request) }
    public func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] { try await base.appendAtomically(requests) }
    public func waitForAppends(timeout: Duration) async { await base.waitForAppends(timeout: timeout) }
}
