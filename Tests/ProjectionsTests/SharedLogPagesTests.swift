import EventLog
import EventLogSQLite
import Foundation
@testable import Projections
import Synchronization
import Testing
import TestSupport

@Suite("Log pages shared by runners")
struct SharedLogPagesTests {
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
            let counting = CountingStore(base: sqlite)
            let shared = SharedLogPages(base: counting, readers: 3)
            var ends: [LogCursor] = []
            for _ in 0..<3 {
                let (positions, end) = try await Self.readAll(shared)
                #expect(positions.count == 35 && positions == positions.sorted())
                ends.append(end)
            }
            // Pages 1–3 (full) were read once for all three readers; the short fourth page once per reader.
            #expect(counting.logReads == 3 + 3)

            // A runner at the end reads an empty page, waits, is woken by an append and reads the same cursor again.
            #expect(try await shared.readLog(after: ends[0], filter: .all, limit: 10).events.isEmpty)
            _ = try await sqlite.append(AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(4)))
            for end in ends {
                let (positions, _) = try await Self.readAll(shared, from: end)
                #expect(positions.count == 4, "a reader at the end must see the new events")
            }
        }
    }

    @Test("with a lead wait, a reader that many pages ahead of the others waits for them, until they take the pages or leave")
    func leadersWait() async throws {
        try await TemporarySQLite.withStore { sqlite, _ in
            _ = try await sqlite.append(AppendRequest(streamID: EventFixtures.stream(), expected: .any, events: EventFixtures.events(50)))
            let shared = SharedLogPages(base: sqlite, readers: 3, retained: 2, leadWait: .seconds(60))
            // The first reader is two pages on; the second has taken the first page.
            let first = try await shared.readLog(after: .start, filter: .all, limit: 10)
            let second = try await shared.readLog(after: first.next, filter: .all, limit: 10)
            _ = try await shared.readLog(after: .start, filter: .all, limit: 10)
            let done = Mutex(false)
            let third = Task {
                let page = try await shared.readLog(after: second.next, filter: .all, limit: 10)
                done.withLock { $0 = true }
                return page
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(!done.withLock { $0 }, "two pages wait for slower readers: the leader must wait")

            // The second reader takes the second page too: both are still kept for the third, so the leader waits on.
            _ = try await shared.readLog(after: first.next, filter: .all, limit: 10)
            try await Task.sleep(for: .milliseconds(300))
            #expect(!done.withLock { $0 })

            // The third reader ends without reading: no page waits for anybody now, and the leader reads on.
            shared.leave()
            let page = try await withThrowingTaskGroup(of: LogPage?.self) { group in
                group.addTask { try await third.value }
                group.addTask { try await Task.sleep(for: .seconds(20)); return nil }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            #expect(page?.events.count == 10, "released by the reader that left, long before the 60 s lead wait")
        }
    }

    @Test("with a lead wait, a reader alone (the others elsewhere in the log) never waits")
    func loneReaderDoesNotWait() async throws {
        try await TemporarySQLite.withStore { sqlite, _ in
            _ = try await sqlite.append(AppendRequest(streamID: EventFixtures.stream(), expected: .any, events: EventFixtures.events(50)))
            let shared = SharedLogPages(base: sqlite, readers: 3, retained: 2, leadWait: .seconds(60))
            let started = ContinuousClock.now
            let (positions, _) = try await Self.readAll(shared)
            #expect(positions.count == 50)
            #expect(ContinuousClock.now - started < .seconds(30), "no page was taken by another reader: nobody to wait for")
        }
    }
}
