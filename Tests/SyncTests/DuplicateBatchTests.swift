import Domain
import EventLog
import Foundation
import Sync
import Testing
import TestSupport

/// SYNC.md case 2: the same batch pushed twice, an old batch after a newer one, a batch with a gap.
@Suite("Duplicate, out-of-order and gapped batches")
struct DuplicateBatchTests {
    @Test("re-sent and out-of-order batches leave exactly one copy; a gap is refused")
    func exactlyOnce() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-dup")
                try await kiosk.sync()
                for index in 0..<20 { try await kiosk.record(S.contribute("D-\(index)")) }
                let entries = try await kiosk.database.outboxEntries(after: 0, limit: 100, maxBytes: .max)
                #expect(entries.map(\.seq) == Array(1...20))
                let raw = RawClient(transport: try await kiosk.transport())

                let first = try await raw.push(Array(entries[0..<10]))
                #expect(first.results.map(\.outcome) == Array(repeating: .appended, count: 10))
                #expect(first.hwm == 10)
                let again = try await raw.push(Array(entries[0..<10]))
                #expect(again.results.map(\.outcome) == Array(repeating: .duplicate, count: 10))
                #expect(again.results.allSatisfy { $0.original == .appended && !$0.positions.isEmpty })
                let newer = try await raw.push(Array(entries[10..<20]))
                #expect(newer.hwm == 20)
                let older = try await raw.push(Array(entries[3..<8]))
                #expect(older.results.map(\.outcome) == Array(repeating: .duplicate, count: 5))
                // Overlapping: old and new together.
                let overlapping = try await raw.push(Array(entries[15..<20]))
                #expect(overlapping.results.allSatisfy { $0.outcome == .duplicate })

                var gapped = entries[19]
                gapped.seq = 25
                await #expect(throws: SyncError.self) { try await raw.push([gapped]) }
                do {
                    _ = try await raw.push([gapped])
                } catch let error as SyncError {
                    #expect(error.code == "SYNC_GAP" && error.status == 409)
                }

                let contributed = try await hub.countyLog().filter { $0.type == ArchiveItem.Event.EventType.contributed }
                #expect(contributed.count == 20)
                #expect(try await hub.highWaterMark("kp-dup") == 20)

                // The kiosk never heard the answers of the raw pushes: its own sync sends the 20 once more, learns
                // from their receipts that they were appended (nothing is applied twice), and pulls its events back once.
                try await hub.settle()
                let summary = try await kiosk.sync()
                #expect(summary.pushed == 0 && summary.duplicates == 20)
                #expect(try await kiosk.database.state().ackedSeq == 20)
                #expect(try await kiosk.database.outboxCounts().pending == 0)
                #expect(try await kiosk.log().map(\.id) == (try await hub.countyLog()).map(\.id))
            }
        }
    }

    @Test("two kiosks pushing the same entries concurrently through one device: one copy")
    func concurrentDuplicates() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-race")
                try await kiosk.sync()
                for index in 0..<15 { try await kiosk.record(S.contribute("R-\(index)")) }
                let entries = try await kiosk.database.outboxEntries(after: 0, limit: 100, maxBytes: .max)
                let raw = RawClient(transport: try await kiosk.transport())
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { _ = try await raw.push(entries) } }
                    try await group.waitForAll()
                }
                #expect(try await hub.highWaterMark("kp-race") == 15)
                let contributed = try await hub.countyLog().filter { $0.type == ArchiveItem.Event.EventType.contributed }
                #expect(contributed.count == 15)
            }
        }
    }

    @Test("the same entries pushed concurrently through two hubs on one database (no shared lock): one copy, each appended once")
    func concurrentDuplicatesAcrossHubs() async throws {
        try await TestDatabase.withStore { store, configuration in
            try await TestDatabase.withRunningStore(configuration) { otherStore in
                try await TestDatabase.withClient(configuration) { client in
                    let epoch = PostgresHubEpoch(client: client, logger: S.quiet)
                    // Every append waits a moment first, so both hubs have read the device's high-water mark before
                    // either writes: their pushes race in the database, not in one hub's device lock.
                    try await S.serve(store: Self.slowAppends(store), epoch: epoch) { first in
                        try await S.serve(store: Self.slowAppends(otherStore), epoch: epoch) { second in
                            try await Self.raceThroughTwoHubs(first, second)
                        }
                    }
                }
            }
        }
    }

    static func raceThroughTwoHubs(_ first: TestHub, _ second: TestHub) async throws {
        try await first.run(S.registerZili)
        try await S.withKiosks { directory in
            let kiosk = try await TestKiosk.make(directory, hub: first, id: "kp-two-hubs")
            try await kiosk.sync()
            for index in 0..<15 { try await kiosk.record(S.contribute("T-\(index)")) }
            let entries = try await kiosk.database.outboxEntries(after: 0, limit: 100, maxBytes: .max)
            let credential = try await kiosk.database.state().credential
            // The entries each push answered `appended`.
            // Every push leaves at the same instant, over a connection already open.
            let start = ContinuousClock.now + .milliseconds(500)
            let reported = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for round in 0..<6 {
                    let hub = round.isMultiple(of: 2) ? first : second
                    group.addTask {
                        let transport = HTTPSyncTransport(baseURL: hub.url, credential: credential, timeout: .seconds(30))
                        _ = try await transport.hello()
                        try await Task.sleep(until: start)
                        let raw = RawClient(transport: transport)
                        // A push that loses a race part-way stops there (`stopped`, retryable); the others carry on.
                        guard let response = try? await raw.push(entries) else { return [] }
                        return response.results.filter { $0.outcome == .appended }.map(\.seq)
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            try await kiosk.sync()  // whatever the races left over
            #expect(try await first.highWaterMark("kp-two-hubs") == 15)
            let contributed = try await first.countyLog().filter { $0.type == ArchiveItem.Event.EventType.contributed }
            #expect(contributed.count == 15 && Set(contributed.map(\.streamID)).count == 15)
            #expect(Set(reported).count == reported.count, "an entry was answered 'appended' twice: \(reported.sorted())")
        }
    }

    /// `base` with every append waiting 30 ms before it reaches it (reads go straight through).
    static func slowAppends(_ base: any EventStore) -> InterferingStore {
        InterferingStore(base, times: .max) { try await Task.sleep(for: .milliseconds(30)) }
    }
}
