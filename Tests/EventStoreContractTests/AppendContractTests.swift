import EventLog
import Foundation
import Testing
import TestSupport

@Suite("EventStore contract: appends and expected versions")
struct AppendContractTests {
    @Test("appending to a new stream numbers events from 1 and keeps every field", arguments: StoreKind.allCases)
    func appendAndReadBack(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream("item")
            let metadata = EventMetadata(
                actor: ActorRef(role: "curator", id: "u-1"), deviceID: "kiosk-7", deviceSequence: 42,
                clock: HybridTimestamp(milliseconds: 1_790_000_000_123, counter: 3),
                deviceTime: Date(timeIntervalSince1970: 1_790_000_000.5), correlationID: UUID(),
                causationID: UUID(), county: "440113")
            let first = EventFixtures.event("archive.item-registered", ["title": "沙湾古镇 趟栊门", "en": "Shawan"], metadata: metadata)
            let second = EventFixtures.event("archive.description-revised", ["text": "廣府話 粵語"])
            let result = try await store.append([first, second], to: stream, expected: .noStream)

            #expect(result.lastVersion == 2)
            #expect(result.positions.count == 2 && result.positions[0] < result.positions[1])
            #expect(!result.wasDuplicate)
            let read = try await store.readStream(stream)
            #expect(read.map(\.id) == [first.id, second.id])
            #expect(read.map(\.version) == [1, 2])
            #expect(read.map(\.position) == result.positions)
            #expect(read[0].metadata == metadata)
            #expect(read[0].type == "archive.item-registered")
            let payload = try JSONSerialization.jsonObject(with: read[0].payload) as? [String: String]
            #expect(payload == ["title": "沙湾古镇 趟栊门", "en": "Shawan"])
            #expect(try await store.streamVersion(stream) == 2)
        }
    }

    @Test("each expected-version form is checked, and a refusal names stream, expected and actual",
          arguments: StoreKind.allCases)
    func expectedVersions(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            await expectConflict(store, stream, .streamExists, actual: 0)
            await expectConflict(store, stream, .exact(3), actual: 0)
            _ = try await store.append(EventFixtures.events(2), to: stream, expected: .noStream)
            await expectConflict(store, stream, .noStream, actual: 2)
            await expectConflict(store, stream, .exact(1), actual: 2)
            await expectConflict(store, stream, .exact(5), actual: 2)
            #expect(try await store.append(EventFixtures.events(1), to: stream, expected: .exact(2)).lastVersion == 3)
            #expect(try await store.append(EventFixtures.events(1), to: stream, expected: .streamExists).lastVersion == 4)
            #expect(try await store.append(EventFixtures.events(2), to: stream, expected: .any).lastVersion == 6)
            #expect(try await store.append(EventFixtures.events(1), to: EventFixtures.stream(), expected: .any).lastVersion == 1)
            #expect(try await store.append(EventFixtures.events(1), to: EventFixtures.stream(), expected: .exact(0)).lastVersion == 1)
            #expect(try await store.readStream(stream).map(\.version) == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test("an atomic append to several streams writes all or nothing", arguments: StoreKind.allCases)
    func atomicMultiStream(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let a = EventFixtures.stream("listing"), b = EventFixtures.stream("rights"), c = EventFixtures.stream("deal")
            _ = try await store.append(EventFixtures.events(1), to: b, expected: .noStream)
            let refused = [
                AppendRequest(streamID: a, expected: .noStream, events: EventFixtures.events(2)),
                AppendRequest(streamID: b, expected: .noStream, events: EventFixtures.events(1)),
            ]
            await #expect(throws: EventLogError.wrongExpectedVersion(stream: b, expected: .noStream, actual: 1)) {
                _ = try await store.appendAtomically(refused)
            }
            #expect(try await store.streamVersion(a) == 0)
            #expect(try await store.streamVersion(b) == 1)

            let results = try await store.appendAtomically([
                AppendRequest(streamID: a, expected: .noStream, events: EventFixtures.events(2)),
                AppendRequest(streamID: b, expected: .exact(1), events: EventFixtures.events(1)),
                AppendRequest(streamID: c, expected: .noStream, events: EventFixtures.events(1)),
            ])
            #expect(results.map(\.streamID) == [a, b, c])
            #expect(results.map(\.lastVersion) == [2, 2, 1])
            #expect(try await SettledLog.readAll(store).count == 5)
        }
    }

    private func expectConflict(_ store: any EventStore, _ stream: StreamID, _ expected: ExpectedVersion, actual: Int64) async {
        let before = try? await store.streamVersion(stream)
        await #expect(throws: EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)) {
            _ = try await store.append(EventFixtures.events(1), to: stream, expected: expected)
        }
        let after = try? await store.streamVersion(stream)
        #expect(before == after, "a refused append must write nothing")
    }
}
