import EventLog
import EventLogSQLite
import Foundation
@testable import Projections
import Synchronization
import Testing
import TestSupport

@Suite("Log pages shared by runners")
struct SharedLogPagesTests {
    /// A real store that counts the whole-log reads reaching it.
    final class CountingStore: EventStore {
        let base: any EventStore
        let reads = Mutex(0)
        init(_ base: any EventStore) { self.base = base }

        func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
            reads.withLock { $0 += 1 }
            return try await base.readLog(after: cursor, filter: filter, limit: limit)
        }
        func append(_ request: AppendRequest) async throws -> AppendResult { try await base.append(request) }
        func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] { try await base.appendAtomically(requests) }
        func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
            try await base.readStream(stream, from: version, direction: direction, limit: limit)
        }
        func streamVersion(_ stream: StreamID) async throws -> Int64 { try await base.streamVersion(stream) }
        func waitForAppends(timeout: Duration) async { await base.waitForAppends(timeout: timeout) }
    }

    /// Reads the whole log page by page; returns the positions read.
    static func readAll(_ store: any EventStore, from cursor: LogCursor = .start) async throws -> (positions: [Int64], end: LogCursor) {
        var cursor = cursor, positions: [Int64] = []
        while true {
            let page = try await store.readLog(after: cursor, filter: .all, limit: 10)
            positions += page.events.map(\.position)
            cursor = page.next
            if page.events.count < 10 { return (positions, cursor) }
        }
    }

    @Test("three readers of a 35-event log cause one read per page, and a short page at the end is never served after an append")
    func fullPagesOnce() async throws {
        try await TemporarySQLite.withStore { sqlite, _ in
            let stream = EventFixtures.stream()
            _ = try await sqlite.append(AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(35)))
            let counting = CountingStore(sqlite)
            let shared = SharedLogPages(base: counting, readers: 3)
            var ends: [LogCursor] = []
            for _ in 0..<3 {
                let (positions, end) = try await Self.readAll(shared)
                #expect(positions.count == 35 && positions == positions.sorted())
                ends.append(end)
            }
            // Pages 1–3 (full) were read once for all three readers; the short fourth page once per reader.
            #expect(counting.reads.withLock { $0 } == 3 + 3)

            // A runner at the end reads an empty page, waits, is woken by an append and reads the same cursor again.
            #expect(try await shared.readLog(after: ends[0], filter: .all, limit: 10).events.isEmpty)
            _ = try await sqlite.append(AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(4)))
            for end in ends {
                let (positions, _) = try await Self.readAll(shared, from: end)
                #expect(positions.count == 4, "a reader at the end must see the new events")
            }
        }
    }
}
