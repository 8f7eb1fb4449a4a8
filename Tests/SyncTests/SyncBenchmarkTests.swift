import Domain
import EventLog
import Foundation
import Sync
import Testing

/// Speed, not correctness: opt-in with `CUNSHI_SYNC_BENCH=1` (events via `CUNSHI_SYNC_BENCH_EVENTS`, default 100000).
/// Prints key=value lines: initial sync rate, incremental sync median, bytes per event raw and on the wire.
@Suite("Sync benchmark", .enabled(if: ProcessInfo.processInfo.environment["CUNSHI_SYNC_BENCH"] == "1"))
struct SyncBenchmarkTests {
    @Test("initial sync, incremental sync, bytes per event")
    func bench() async throws {
        let count = Int(ProcessInfo.processInfo.environment["CUNSHI_SYNC_BENCH_EVENTS"] ?? "") ?? 100_000
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-bench")
                kiosk.options.pullEvents = 10_000
                kiosk.options.pullBytes = 16 * 1024 * 1024
                try await Seed.notes(hub.store, count: count, county: S.kaiping, prefix: "bench")
                try await hub.settle()
                let transport = try await kiosk.transport()
                let started = ContinuousClock.now
                let summary = try await KioskSyncClient(database: kiosk.database, transport: transport, options: kiosk.options).sync()
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let bytes = transport.transferred
                print("sync_initial_events=\(summary.pulled)")
                print("sync_initial_seconds=\(String(format: "%.2f", seconds))")
                print("sync_initial_events_per_second=\(Int(Double(summary.pulled) / seconds))")
                print("sync_bytes_per_event_raw=\(bytes.receivedRaw / max(summary.pulled, 1))")
                print("sync_bytes_per_event_wire=\(bytes.receivedWire / max(summary.pulled, 1))")

                var samples: [Double] = []
                for round in 0..<15 {
                    try await Seed.notes(hub.store, count: 100, county: S.kaiping, prefix: "inc\(round)")
                    try await hub.settle()
                    let start = ContinuousClock.now
                    let incremental = try await KioskSyncClient(database: kiosk.database, transport: transport, options: kiosk.options).sync()
                    let took = ContinuousClock.now - start
                    #expect(incremental.pulled == 100)
                    samples.append(Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000)
                }
                samples.sort()
                print("sync_incremental_100_median_ms=\(String(format: "%.1f", samples[samples.count / 2]))")
            }
        }
    }
}
