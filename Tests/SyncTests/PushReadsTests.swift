import Domain
import EventLog
import Foundation
@testable import Sync
import TestSupport
import Testing

/// A push decides each entry against its target stream as the push read it: one read of that stream per entry, both
/// to find what the kiosk did not see and for the command handler to decide against.
@Suite("A pushed entry reads its target stream once")
struct PushReadsTests {
    @Test("five entries on one item: five reads of the item's stream, and every entry appended")
    func oneReadPerEntry() async throws {
        try await Self.withKiosk(item: "kp-reads-1") { hub, kiosk, store in
            for index in 0..<5 { try await kiosk.record(S.attach("kp-reads-1", "m-reads-\(index)"), S.chen) }
            let (outcomes, reads) = try await Self.push(kiosk, counting: "item-kp-reads-1", in: store)
            #expect(outcomes == Array(repeating: .appended, count: 5))
            #expect(reads == 5)
        }
    }

    @Test("a conflict — a concurrent edit, a refusal — reads the target stream once and records its version at the hub")
    func conflictsReadOnce() async throws {
        try await Self.withKiosk(item: "kp-reads-2") { hub, kiosk, store in
            try await hub.run(S.revise("kp-reads-2", "铭石楼（hub）"), S.chen)
            try await hub.run(S.attach("kp-reads-2", "m-hub"), S.chen)  // the item's stream is at version 3
            try await kiosk.record(S.revise("kp-reads-2", "铭石楼（kiosk）"), S.chen)  // a concurrent edit
            try await kiosk.record(S.attach("kp-reads-2", "m-hub"), S.chen)  // refused: already attached
            let (outcomes, reads) = try await Self.push(kiosk, counting: "item-kp-reads-2", in: store)
            #expect(outcomes == [.conflict, .conflict])
            #expect(reads == 2, "one read of the item's stream per entry")
            let records = try await hub.countyLog().filter { $0.type == SyncRecords.conflictType }
                .map { try JSONDecoder().decode(SyncRecords.ConflictRecord.self, from: $0.payload) }
            #expect(records.map(\.code) == ["CONCURRENT_EDIT", ErrorCode.alreadyExists])
            #expect(records.map(\.streamVersionAtHub) == [3, 3])
        }
    }

    /// A hub whose store counts its reads, with village Zili and `item` registered, and a kiosk synced with it.
    static func withKiosk(
        item: ItemID, _ body: @escaping @Sendable (TestHub, TestKiosk, CountingStore) async throws -> Void
    ) async throws {
        try await TestDatabase.withStore { base, configuration in
            try await TestDatabase.withClient(configuration) { client in
                let store = CountingStore(base: base)
                try await S.serve(store: store, epoch: PostgresHubEpoch(client: client, logger: S.quiet)) { hub in
                    try await hub.run(S.registerZili)
                    try await hub.run(S.registerItem(item), S.chen)
                    try await S.withKiosks { directory in
                        let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kiosk-\(item)")
                        try await kiosk.sync()
                        try await body(hub, kiosk, store)
                    }
                }
            }
        }
    }

    /// Pushes the kiosk's whole outbox; returns each entry's outcome and how often the push read `stream`.
    static func push(_ kiosk: TestKiosk, counting stream: String, in store: CountingStore) async throws -> ([PushOutcome], Int) {
        let entries = try await kiosk.database.outboxEntries(after: 0, limit: 100, maxBytes: .max)
        let counted = try StreamID(stream)
        let before = store.reads(of: counted)
        let response = try await RawClient(transport: try await kiosk.transport()).push(entries)
        return (response.results.map(\.outcome), store.reads(of: counted) - before)
    }

    @Test("the stream read by the push answers the handler's reads only until an append is attempted")
    func snapshotEndsAtTheAppend() async throws {
        try await TestDatabase.withStore { base, _ in
            let stream = EventFixtures.stream("item")
            _ = try await base.append([EventFixtures.event()], to: stream, expected: .noStream)
            let read = try await base.readStream(stream)
            _ = try await base.append([EventFixtures.event()], to: stream, expected: .exact(1))  // after the push read it
            let receipts = EventFixtures.stream("receipt")
            let store = ReceiptingStore(
                base: base,
                makeReceipt: { _, _ in AppendRequest(streamID: receipts, expected: .any, events: [EventFixtures.event()]) },
                decidedVersion: 1, basisIntact: true, snapshot: StreamSnapshot(stream, read))
            #expect(try await store.readStream(stream).count == 1, "as the push read it")
            await #expect(throws: EventLogError.self) {
                try await store.append(AppendRequest(streamID: stream, expected: .exact(1), events: [EventFixtures.event()]))
            }
            #expect(try await store.readStream(stream).count == 2, "after the lost race: as it is now")
        }
    }
}
