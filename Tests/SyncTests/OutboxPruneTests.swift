import EventLog
import EventLogPostgres
import Foundation
import Sync
import TestSupport
import Testing

/// Acknowledged outbox entries are kept for the backup horizon — as long as the hub could be restored from a backup
/// that lacks them — measured on the hub's clock, by which they were acknowledged.
@Suite("Pruning the outbox")
struct OutboxPruneTests {
    @Test("entries go once the hub's clock passes the horizon, not when the kiosk's clock jumps ahead")
    func prunedOnTheHubsClock() async throws {
        let hubClock = TestClock(Date())
        try await TestDatabase.withStore { store, configuration in
            try await TestDatabase.withClient(configuration) { client in
                let epoch = PostgresHubEpoch(client: client, logger: S.quiet)
                try await S.serve(store: store, epoch: epoch, now: { hubClock.now }) { hub in
                    try await hub.run(S.registerZili)
                    try await S.withKiosks { directory in
                        var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-prune")
                        try await kiosk.sync()
                        for index in 0..<2 { try await kiosk.record(S.contribute("P-\(index)")) }
                        #expect(try await kiosk.sync().pushed == 2)

                        // The kiosk's clock jumps 60 days ahead: the hub acknowledged the entries moments ago.
                        kiosk.now = { Date().addingTimeInterval(60 * 86_400) }
                        #expect(try await kiosk.sync().pruned == 0)
                        #expect(try await kiosk.database.outboxCounts().total == 2)

                        // 31 days later on the hub's clock, past the 30-day horizon: both go.
                        kiosk.now = { Date() }
                        hubClock.set(Date().addingTimeInterval(31 * 86_400))
                        #expect(try await kiosk.sync().pruned == 2)
                        #expect(try await kiosk.database.outboxCounts().total == 0)
                    }
                }
            }
        }
    }
}
