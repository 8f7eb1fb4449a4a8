import EventLog
@testable import EventLogPostgres
import Foundation
import PostgresNIO
import Testing
import TestSupport

@Suite("PostgreSQL store: readers never skip an event committed out of order")
struct GapSafetyTests {
    @Test("a tailing reader stops before an open append and sees everything, once, after it commits")
    func readerWaitsForOpenTransaction() async throws {
        try await TestDatabase.withStore { store, configuration in
            let before = try await store.append(EventFixtures.events(2), to: EventFixtures.stream(), expected: .noStream)
            _ = try await SettledLog.read(store, through: before.lastCursor)

            try await TestDatabase.withClient(configuration) { holder in
                try await holder.withConnection { connection in
                    // An append exactly as the store makes it, inside a transaction held open.
                    let held = EventFixtures.event("test.held")
                    let heldStream = EventFixtures.stream("held")
                    _ = try await connection.query("BEGIN", logger: TestDatabase.logger)
                    let heldRows = try await connection.query(
                        try PostgresAppender.appendQuery([[AppendRequest(streamID: heldStream, expected: .noStream, events: [held])]]),
                        logger: TestDatabase.logger)
                    var heldPosition: Int64 = 0
                    for try await (status, _, _, _, position, _) in heldRows.decode((String, UUID?, Int64?, Int64?, Int64?, String?).self) {
                        #expect(status == "appended")
                        heldPosition = position ?? 0
                    }

                    // Later appends commit while the held one is open.
                    var later: [AppendResult] = []
                    for _ in 0..<5 {
                        later.append(try await store.append(EventFixtures.events(1), to: EventFixtures.stream(), expected: .noStream))
                    }
                    #expect(later.allSatisfy { $0.positions[0] > heldPosition },
                            "the later appends took higher positions, so a reader by position alone would skip the held one")

                    // A tailing reader, with time to see the later commits, must not move past the held append.
                    var cursor = LogCursor.start
                    var seen: [RecordedEvent] = []
                    for _ in 0..<20 {
                        let page = try await store.readLog(after: cursor, filter: .all, limit: 100)
                        seen += page.events
                        cursor = page.next
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    let laterIDs = Set(later.flatMap(\.positions))
                    #expect(seen.filter { laterIDs.contains($0.position) }.isEmpty, "the reader passed an open append")
                    #expect(seen.count == 2)

                    _ = try await connection.query("COMMIT", logger: TestDatabase.logger)

                    let last = try #require(later.last?.lastCursor)
                    var rest: [RecordedEvent] = []
                    let deadline = ContinuousClock.now + .seconds(30)
                    while !rest.contains(where: { $0.cursor >= last }) && ContinuousClock.now < deadline {
                        let page = try await store.readLog(after: cursor, filter: .all, limit: 100)
                        rest += page.events
                        cursor = page.next
                        await store.waitForAppends(timeout: .milliseconds(20))
                    }
                    let everything = seen + rest
                    #expect(everything.map(\.id).count == Set(everything.map(\.id)).count, "an event was read twice")
                    #expect(rest.first?.id == held.id, "the held append comes first: it began first")
                    #expect(Set(rest.map(\.position)) == Set([heldPosition] + later.flatMap(\.positions)))
                }
            }
        }
    }

    @Test("under 8 concurrent writers, a tailing subscription sees every acknowledged event exactly once")
    func tailingSubscriptionUnderLoad() async throws {
        try await TestDatabase.withStore { store, _ in
            let writers = 8, perWriter = 150
            async let tailed: [UUID] = {
                var seen: [UUID] = []
                for try await event in store.subscribe(pageSize: 100, pollInterval: .milliseconds(10)) {
                    seen.append(event.id)
                    if seen.count == writers * perWriter { break }
                }
                return seen
            }()
            let acknowledged = try await withThrowingTaskGroup(of: [UUID].self) { group in
                for _ in 0..<writers {
                    group.addTask {
                        var ids: [UUID] = []
                        for _ in 0..<perWriter {
                            let event = EventFixtures.event()
                            _ = try await store.append([event], to: EventFixtures.stream(), expected: .noStream)
                            ids.append(event.id)
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: [UUID]()) { $0 += $1 }
            }
            let seen = try await tailed
            #expect(seen.count == Set(seen).count, "an event was delivered twice")
            #expect(Set(seen) == Set(acknowledged), "the reader skipped \(Set(acknowledged).subtracting(seen).count) events")
        }
    }
}
