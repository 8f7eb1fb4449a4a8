import EventLog
import Foundation
import Testing
import TestSupport

@Suite("EventStore contract: idempotent appends")
struct IdempotencyContractTests {
    @Test("re-appending the same batch returns the original positions and writes nothing", arguments: StoreKind.allCases)
    func retryReturnsOriginals(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            let batch = EventFixtures.events(3)
            let first = try await store.append(batch, to: stream, expected: .noStream)
            _ = try await store.append(EventFixtures.events(1), to: stream, expected: .exact(3))
            // The retry carries the expectation of the original attempt, which no longer holds: still a duplicate.
            let retry = try await store.append(batch, to: stream, expected: .noStream)
            #expect(retry.wasDuplicate)
            #expect(retry.positions == first.positions)
            #expect(retry.lastVersion == 3)
            #expect(try await store.streamVersion(stream) == 4)
            #expect(try await SettledLog.readAll(store).count == 4)
        }
    }

    @Test("the same id with other content, another stream or another batch is refused", arguments: StoreKind.allCases)
    func conflictingDuplicates(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            let original = EventFixtures.event("test.a", ["v": 1])
            _ = try await store.append([original], to: stream, expected: .noStream)
            let id = original.id.uuidString.lowercased()

            let otherPayload = EventFixtures.event("test.a", ["v": 2], id: original.id)
            let otherType = EventFixtures.event("test.b", ["v": 1], id: original.id)
            for changed in [otherPayload, otherType] {
                await #expect(throws: EventLogError.duplicateEventID(id, reason: "with other content or in another batch")) {
                    _ = try await store.append([changed], to: stream, expected: .any)
                }
            }
            await #expect(throws: EventLogError.duplicateEventID(id, reason: "with other content or in another batch")) {
                _ = try await store.append([original], to: EventFixtures.stream(), expected: .any)
            }
            let partial = [original, EventFixtures.event()]
            await #expect(throws: EventLogError.self) {
                _ = try await store.append(partial, to: stream, expected: .any)
            }
            #expect(try await store.streamVersion(stream) == 1)
            #expect(try await SettledLog.readAll(store).count == 1)
        }
    }

    @Test("the same payload with keys in another order is the same event", arguments: StoreKind.allCases)
    func keyOrderDoesNotMatter(kind: StoreKind) async throws {
        try await kind.withStore { store in
            let stream = EventFixtures.stream()
            let id = UUIDv7.make()
            let first = NewEvent(id: id, type: "test.a", payload: Data(#"{"a":1,"b":"二"}"#.utf8))
            let again = NewEvent(id: id, type: "test.a", payload: Data(#"{ "b": "二", "a": 1 }"#.utf8))
            let original = try await store.append([first], to: stream, expected: .noStream)
            let retry = try await store.append([again], to: stream, expected: .noStream)
            #expect(retry.wasDuplicate && retry.positions == original.positions)
        }
    }
}
