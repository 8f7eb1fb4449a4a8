import Domain
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

    @Test("a full page's successor is read while the full page is decoded, before anyone asks for it, and only once")
    func nextPageReadAhead() async throws {
        try await TemporarySQLite.withStore { sqlite, _ in
            _ = try await sqlite.append(AppendRequest(streamID: EventFixtures.stream(), expected: .any, events: EventFixtures.events(25)))
            let counting = CountingStore(base: sqlite)
            let shared = SharedLogPages(base: counting, readers: 2)
            let first = try await shared.readLog(after: .start, filter: .all, limit: 10)
            #expect(first.events.count == 10)
            // Nobody has asked for the second page; its read started when the first came back full.
            let deadline = ContinuousClock.now + .seconds(5)
            while counting.logReads < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(counting.logReads == 2)
            let rest = try await Self.readAll(shared, from: first.next).positions
            #expect(first.events.map(\.position) + rest == (1...25).map(Int64.init))
            #expect(try await Self.readAll(shared).positions == (1...25).map(Int64.init))
            // Pages 1 and 2 once for both readers; the short third page read ahead once, then by the second reader.
            #expect(counting.logReads == 4)
        }
    }

    @Test("a page shared by several readers comes decoded, for the types they apply; a reader alone decodes its own")
    func sharedPagesDecoded() async throws {
        try await TemporarySQLite.withStore { sqlite, _ in
            _ = try await P.append(sqlite, P.itemStream("d-1"), try P.publishedItem("d-1", title: ["en": "Bridge"]))
            let poison = NewEvent(
                type: ArchiveItem.Event.EventType.registered, schemaVersion: 2, payload: Data(#"{"itemID": 42}"#.utf8),
                metadata: EventMetadata(actor: P.curator))
            _ = try await P.append(sqlite, P.itemStream("d-2"), [poison])
            _ = try await sqlite.append(AppendRequest(streamID: EventFixtures.stream(), expected: .any, events: EventFixtures.events(2)))
            let all = try await sqlite.readLog(after: .start, filter: .all, limit: 100).events

            let shared = SharedLogPages(base: sqlite, readers: 2, decodedTypes: Set(ArchiveItem.Event.eventTypes))
            let first = try await shared.readDecodedLog(after: .start, limit: 3)
            var batch = first
            batch.append(try await shared.readDecodedLog(after: first.page.next, limit: 100))
            let decoded = try #require(batch.decodedEvents)
            #expect(batch.page.events.map(\.id) == all.map(\.id))
            // The short page (the log's end, which every runner following the log live reads for itself) is decoded
            // through the process's cache, so the next runner finds its events there; the full page, handed to every
            // reader, is decoded once without it. Looked at before anything else here decodes.
            let cached = all.filter { ArchiveItem.Event.eventTypes.contains($0.type) && $0.streamID != P.itemStream("d-2") }
                .map { event in DecodedEvents.shared.event(for: event) { () -> DomainEvent? in nil } }
            #expect(cached.map { $0 != nil } == [false, false, false, true, true])
            for (event, result) in zip(all, decoded) {
                switch result?.result {
                case .success(let domainEvent)?: #expect(domainEvent == (try DomainEvent.decode(event)))
                case .failure(.undecodableEvent(let type, _))?: #expect(type == poison.type)
                case .failure(let error)?: Issue.record("unexpected \(error)")
                case nil: #expect(!ArchiveItem.Event.eventTypes.contains(event.type))
                }
            }
            #expect(decoded.compactMap { $0 }.count == all.count - 2, "every item event, the poison one too; not the others")

            let alone = try await SharedLogPages(base: sqlite, readers: 1).readDecodedLog(after: .start, limit: 100)
            #expect(alone.page.events.count == all.count && alone.decodedEvents == nil)
            var mixed = first
            mixed.append(alone)
            #expect(mixed.decodedEvents == nil, "a batch is decoded only if all its pages were")
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
