import EventLog
import Foundation
import Testing
import TestSupport

@Suite("EventStore contract: reading streams and the log")
struct ReadContractTests {
    @Test("a stream reads forwards and backwards, from a version, with a limit", arguments: StoreKind.allCases)
    func streamReads(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            _ = try await store.append(EventFixtures.events(10), to: stream, expected: .noStream)
            _ = try await store.append(EventFixtures.events(3), to: EventFixtures.stream(), expected: .noStream)
            #expect(try await store.readStream(stream, from: 4, direction: .forwards, limit: 3).map(\.version) == [4, 5, 6])
            #expect(try await store.readStream(stream, from: Int64.max, direction: .backwards, limit: 3).map(\.version) == [10, 9, 8])
            #expect(try await store.readStream(stream, from: 2, direction: .backwards, limit: 5).map(\.version) == [2, 1])
            #expect(try await store.readStream(stream, from: 11, direction: .forwards, limit: 5).isEmpty)
            #expect(try await store.readStream(EventFixtures.stream(), from: 1, direction: .forwards, limit: 5).isEmpty)
            #expect(try await store.streamVersion(EventFixtures.stream()) == 0)
        }
    }

    @Test("the whole log reads in order from a cursor, by category, event type and county", arguments: StoreKind.allCases)
    func logReads(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let item = EventFixtures.stream("item"), tour = EventFixtures.stream("tour")
            let panyu = EventMetadata(county: "440113"), kaiping = EventMetadata(county: "440783")
            _ = try await store.append([EventFixtures.event("a.one", metadata: panyu), EventFixtures.event("a.two", metadata: kaiping)], to: item, expected: .noStream)
            _ = try await store.append([EventFixtures.event("b.one", metadata: panyu)], to: tour, expected: .noStream)
            _ = try await store.append([EventFixtures.event("a.one")], to: item, expected: .exact(2))

            let all = try await SettledLog.readAll(store)
            #expect(all.map(\.type) == ["a.one", "a.two", "b.one", "a.one"])
            #expect(all.map(\.cursor) == all.map(\.cursor).sorted())

            var paged: [RecordedEvent] = []
            var cursor = LogCursor.start
            while true {
                let page = try await store.readLog(after: cursor, filter: .all, limit: 1)
                if page.events.isEmpty { #expect(page.next == cursor); break }
                paged += page.events
                cursor = try #require(LogCursor(token: page.next.token))
            }
            #expect(paged.filter { $0.type != "test.marker" }.map(\.id) == all.map(\.id))

            #expect(try await store.readLog(after: .start, filter: .category("tour"), limit: 10).events.map(\.streamID) == [tour])
            #expect(try await store.readLog(after: .start, filter: .eventTypes(["a.one"]), limit: 10).events.count == 2)
            #expect(try await store.readLog(after: .start, filter: LogFilter(county: "440113"), limit: 10).events.map(\.type) == ["a.one", "b.one"])
            #expect(try await store.readLog(after: .start, filter: LogFilter(categories: ["item"], county: "440783"), limit: 10).events.map(\.type) == ["a.two"])
            #expect(try await store.readLog(after: cursor, filter: .all, limit: 10).events.isEmpty)
        }
    }

    @Test("a subscription catches up, then delivers new appends live", arguments: StoreKind.allCases)
    func subscriptionCatchUpThenLive(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            let early = EventFixtures.events(5)
            _ = try await store.append(early, to: stream, expected: .noStream)
            let late = EventFixtures.events(5)
            var iterator = store.subscribe(pageSize: 2).makeAsyncIterator()
            var seen: [UUID] = []
            for _ in 0..<5 { seen.append(try #require(try await iterator.next()).id) }
            #expect(seen == early.map(\.id))
            for event in late {
                _ = try await store.append([event], to: stream, expected: .any)
            }
            for _ in 0..<5 { seen.append(try #require(try await iterator.next()).id) }
            #expect(seen == (early + late).map(\.id))
        }
    }
}
