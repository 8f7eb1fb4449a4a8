import EventLog
import Synchronization

/// An event store that runs `interfere` before each of the first `times` appends it is asked for — to make a
/// concurrent writer win the race deterministically, or to slow appends down — and counts the version conflicts the
/// inner store reports. Reads go straight through.
public final class InterferingStore: EventStore {
    public let inner: any EventStore
    private let interfere: @Sendable () async throws -> Void
    private let state: Mutex<(remaining: Int, conflicts: Int)>

    public init(_ inner: any EventStore, times: Int = 0, interfere: @escaping @Sendable () async throws -> Void = {}) {
        self.inner = inner
        self.interfere = interfere
        self.state = Mutex((remaining: times, conflicts: 0))
    }

    public var conflicts: Int { state.withLock { $0.conflicts } }

    private func beforeAppend() async throws {
        let go = state.withLock { state -> Bool in
            guard state.remaining > 0 else { return false }
            state.remaining -= 1
            return true
        }
        if go { try await interfere() }
    }

    private func counting<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as EventLogError {
            if case .wrongExpectedVersion = error { state.withLock { $0.conflicts += 1 } }
            throw error
        }
    }

    public func append(_ request: AppendRequest) async throws -> AppendResult {
        try await beforeAppend()
        return try await counting { try await inner.append(request) }
    }

    public func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try await beforeAppend()
        return try await counting { try await inner.appendAtomically(requests) }
    }

    public func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
        try await inner.readStream(stream, from: version, direction: direction, limit: limit)
    }

    public func streamVersion(_ stream: StreamID) async throws -> Int64 { try await inner.streamVersion(stream) }

    public func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        try await inner.readLog(after: cursor, filter: filter, limit: limit)
    }

    public func waitForAppends(timeout: Duration) async { await inner.waitForAppends(timeout: timeout) }
}
