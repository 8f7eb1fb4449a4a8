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
