import EventLog
import Foundation
import Sync
import Testing

/// `KioskDatabase.applyPull`, without a hub: copies are skipped, a divergence is refused whole.
@Suite("Kiosk: applying a pulled batch")
struct ApplyPullTests {
    static func event(_ stream: String, _ version: Int64, id: UUID = UUID(), position: Int64) -> WireEvent {
        WireEvent(
            id: id, stream: stream, version: version, position: position, cursor: "\(position).\(position)",
            type: "test.happened", schemaVersion: 1, payload: #"{"n":\#(position)}"#, metadata: #"{"county":"440783"}"#,
            recordedAt: 1_780_000_000_000 + position)
    }

    static func batch(_ events: [WireEvent]) -> PullResponse {
        PullResponse(epoch: "e-1", county: "440783", events: events, next: events.last?.cursor ?? "0.0", more: false, hubTime: 0)
    }

    /// A new, initialized kiosk file named `name` in a temporary directory, closed after `body`.
    static func withKiosk(_ name: String, _ body: (KioskDatabase) async throws -> Void) async throws {
        try await S.withKiosks { directory in
            let database = try KioskDatabase(path: directory.appendingPathComponent("\(name).sqlite").path)
            try await database.initialize(hubURL: "http://127.0.0.1:1", credential: "kiosk-apply.secret")
            try await body(database)
            try database.close()
        }
    }

    @Test("events already in the replica are skipped by id, the others inserted, the cursor stored with them")
    func copiesAreSkipped() async throws {
        try await Self.withKiosk("apply-copies") { (database: KioskDatabase) async throws in
            let first = [Self.event("test-a", 1, position: 1), Self.event("test-a", 2, position: 2), Self.event("test-b", 1, position: 3)]
            #expect(try await database.applyPull(Self.batch(first)) == 3)
            let again = first + [Self.event("test-b", 2, position: 4)]
            #expect(try await database.applyPull(Self.batch(again)) == 1)
            let log = try await Logs.all(database.replica)
            #expect(log.map(\.id) == again.map(\.id))
            #expect(log.map(\.payload) == again.map { Data($0.payload.utf8) })
            #expect(try await database.state().pullCursor.token == "4.4")
        }
    }

    @Test("another event in a version the replica holds is REPLICA_DIVERGED, and nothing of its batch is kept")
    func divergenceIsRefusedWhole() async throws {
        try await Self.withKiosk("apply-diverged") { (database: KioskDatabase) async throws in
            let held = [Self.event("test-a", 1, position: 1)]
            #expect(try await database.applyPull(Self.batch(held)) == 1)
            let forked = [Self.event("test-c", 1, position: 2), Self.event("test-a", 1, position: 3)]
            let error = await #expect(throws: SyncError.self) { try await database.applyPull(Self.batch(forked)) }
            #expect(error?.code == "REPLICA_DIVERGED")
            #expect(try await Logs.all(database.replica).map(\.id) == held.map(\.id))
            #expect(try await database.state().pullCursor.token == "1.1")
        }
    }

    /// `event` again, as a restored hub sends it: the same event at another place in its log.
    static func resent(_ event: WireEvent, position: Int64) -> WireEvent {
        Self.event(event.stream, event.version, id: event.id, position: position)
    }

    @Test("after a repair, an event the new pull does not bring again is REPLICA_DIVERGED, sync after sync")
    func eventsTheHubLostAreDivergence() async throws {
        try await Self.withKiosk("apply-lost") { (database: KioskDatabase) async throws in
            let held = [Self.event("test-a", 1, position: 1), Self.event("test-a", 2, position: 2), Self.event("test-b", 1, position: 3)]
            _ = try await database.applyPull(Self.batch(held))
            try await database.finishReconciliation()  // no repair, nothing to check
            _ = try await database.repair(hubHighWaterMark: 0, epoch: "e-2")
            // The restored hub holds test-a's events and a new one; test-b's event was written after its backup.
            let restored = [Self.resent(held[0], position: 1), Self.resent(held[1], position: 2), Self.event("test-c", 1, position: 3)]
            #expect(try await database.applyPull(Self.batch(restored)) == 1)
            for _ in 0..<2 {
                let error = await #expect(throws: SyncError.self) { try await database.finishReconciliation() }
                #expect(error?.code == "REPLICA_DIVERGED")
                #expect(error?.message.contains("no longer holds 1 of") == true)
                #expect(error?.message.contains(held[2].id.uuidString.lowercased()) == true)
                #expect(try await database.state().divergedEvents == 1)
            }
        }
    }

    @Test("after a repair, a new pull that brings every held event again (in pieces, after a cut) ends the reconciliation")
    func everythingBroughtAgainEndsIt() async throws {
        try await Self.withKiosk("apply-reconciled") { (database: KioskDatabase) async throws in
            let held = [Self.event("test-a", 1, position: 1), Self.event("test-a", 2, position: 2)]
            _ = try await database.applyPull(Self.batch(held))
            _ = try await database.repair(hubHighWaterMark: 0, epoch: "e-2")
            #expect(try await database.applyPull(Self.batch([Self.event("test-c", 1, position: 1), Self.resent(held[1], position: 2)])) == 1)
            #expect(try await database.applyPull(Self.batch([Self.resent(held[0], position: 5)])) == 0)
            try await database.finishReconciliation()
            #expect(try await database.state().divergedEvents == nil)
            // Over: the next repair starts from the replica as it is now.
            _ = try await database.repair(hubHighWaterMark: 0, epoch: "e-3")
            let error = await #expect(throws: SyncError.self) { try await database.finishReconciliation() }
            #expect(error?.message.contains("no longer holds 3 of") == true)
        }
    }

    @Test("the replica's head is its own last position, whatever the hub's cursors are")
    func replicaHeadIsTheReplicasOwn() async throws {
        try await Self.withKiosk("apply-head") { (database: KioskDatabase) async throws in
            #expect(try await database.replicaHead() == .start)
            _ = try await database.applyPull(Self.batch([Self.event("test-a", 1, position: 700), Self.event("test-a", 2, position: 900)]))
            #expect(try await database.state().pullCursor.token == "900.900")
            #expect(try await database.replicaHead() == LogCursor(commitOrder: 2, position: 2))
            #expect(try await Logs.all(database.replica).last?.cursor == database.replicaHead())
        }
    }
}
