import Domain
import EventLog
import Foundation
import Sync
import Synchronization
import TestSupport
import Testing

/// SYNC.md case 4: a kiosk 10^5 hub events behind with 10^3 of its own pending catches up in bounded batches.
@Suite("A kiosk long offline catches up")
struct CatchUpTests {
    static let hubEvents = 100_000
    static let pending = 1_000

    @Test("10^5 events behind, 10^3 pending: bounded batches, nothing lost")
    func catchUp() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-late")
                try await kiosk.sync()
                for index in 0..<Self.pending { try await kiosk.record(S.contribute("L-\(index)")) }
                try await Seed.notes(hub.store, count: Self.hubEvents, county: S.kaiping)
                try await Seed.notes(hub.store, count: 500, county: S.panyu, prefix: "elsewhere")
                try await hub.settle()

                kiosk.options.pullEvents = 5_000
                kiosk.options.pullBytes = 2 * 1024 * 1024
                kiosk.options.pushEntries = 200
                let sizes = Mutex<[Int]>([])
                let client = KioskSyncClient(
                    database: kiosk.database, transport: try await kiosk.transport(), options: kiosk.options,
                    progress: { progress in
                        if case .pulled(let total, _) = progress { sizes.withLock { $0.append(total) } }
                    })
                let summary = try await client.sync()
                #expect(summary.appended == Self.pending)
                #expect(summary.pulled >= Self.hubEvents)
                let totals = sizes.withLock { $0 }
                let batches = zip(totals, [0] + totals).map { $0 - $1 }
                #expect(batches.count >= Self.hubEvents / 5_000)
                #expect(batches.allSatisfy { $0 <= 5_000 })
                try await hub.converge([kiosk])
                #expect(try await kiosk.log().map(\.id) == (try await hub.countyLog()).map(\.id))
            }
        }
    }
}

extension CatchUpTests {
    @Test("the byte bound cuts a pull batch long before its event bound")
    func boundedByBytes() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-bytes")
                try await Seed.notes(hub.store, count: 2_000, county: S.kaiping)
                try await hub.settle()
                kiosk.options.pullEvents = 5_000
                kiosk.options.pullBytes = 64 * 1024
                let sizes = Mutex<[Int]>([])
                let transport = try await kiosk.transport()
                let summary = try await KioskSyncClient(
                    database: kiosk.database, transport: transport, options: kiosk.options,
                    progress: { progress in
                        if case .pulled(let total, _) = progress { sizes.withLock { $0.append(total) } }
                    }
                ).sync()
                let totals = sizes.withLock { $0 }
                let batches = zip(totals, [0] + totals).map { $0 - $1 }
                // Only the 64 KiB bound can cut 2,000 events into batches this small (the event bound is 5,000).
                #expect(batches.count >= 3)
                #expect(batches.allSatisfy { $0 <= 1_000 })
                #expect(transport.transferred.receivedRaw / max(summary.pullBatches, 1) <= 80 * 1024)
                #expect(summary.pulled >= 2_000)
                #expect(try await kiosk.log().map(\.id) == (try await hub.countyLog()).map(\.id))
            }
        }
    }
}

extension CatchUpTests {
    @Test("a pull of large events reads about what it answers, not its whole event bound")
    func largeEventsReadByBytes() async throws {
        try await TestDatabase.withStore { base, _ in
            let store = CountingStore(base: base)
            let text = String(repeating: "村", count: 10_000)  // ~30 KB of payload each
            for chunk in 0..<6 {
                let events = (0..<50).map { index in
                    NewEvent(
                        type: "test.note", payload: Data(#"{"n":\#(chunk * 50 + index),"text":"\#(text)"}"#.utf8),
                        metadata: EventMetadata(actor: ActorRef(role: "admin", id: "seed"), county: S.kaiping.rawValue))
                }
                _ = try await base.append(events, to: try StreamID("large-\(chunk)"), expected: .noStream)
            }
            // Visible to log readers (on PostgreSQL a reader lags while any older transaction of the cluster is open).
            let deadline = ContinuousClock.now + .seconds(30)
            while try await base.readLog(after: .start, filter: .all, limit: 1_000).events.count < 300 {
                guard ContinuousClock.now < deadline else { throw SyncError.unavailable("the log did not settle") }
                await base.waitForAppends(timeout: .milliseconds(20))
            }
            let service = HubSyncService(store: store, epoch: FixedEpoch("large"), logger: S.quiet)
            let device = DeviceIdentity(id: "kp-large", county: S.kaiping)
            let answer = try await service.pull(device, PullRequest(cursor: LogCursor.start.token, maxEvents: 10_000, maxBytes: 1 << 20))
            #expect(answer.more)
            #expect((30...40).contains(answer.events.count))  // 1 MiB of ~30 KB events
            // The batch's `next` is the one cursor a kiosk needs; per-event positions and cursors are not sent.
            #expect(answer.events.allSatisfy { $0.position == nil && $0.cursor == nil })
            // The 300 events were never read whole: the first read is small, the next sized by the bytes left.
            #expect(store.largestLogRead <= 100)
            var cursor = answer.next, pulled = answer.events.count, more = answer.more
            while more {
                let next = try await service.pull(device, PullRequest(cursor: cursor, maxEvents: 10_000, maxBytes: 1 << 20))
                pulled += next.events.count
                cursor = next.next
                more = next.more
            }
            #expect(pulled == 300)
        }
    }
}

enum Seed {
    /// Appends `count` small county events (not domain events: kiosks copy the log as it is).
    static func notes(_ store: any EventStore, count: Int, county: CountyCode, prefix: String = "note") async throws {
        var written = 0
        var stream = 0
        while written < count {
            let size = min(1_000, count - written)
            let events = (0..<size).map { index in
                NewEvent(
                    type: "test.note", payload: Data(#"{"n":\#(written + index),"text":"村史记录 \#(written + index)"}"#.utf8),
                    metadata: EventMetadata(actor: ActorRef(role: "admin", id: "seed"), county: county.rawValue))
            }
            _ = try await store.append(events, to: try StreamID("\(prefix)-\(stream)"), expected: .noStream)
            written += size
            stream += 1
        }
    }
}
