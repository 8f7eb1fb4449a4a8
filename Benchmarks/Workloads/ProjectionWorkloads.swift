import EventLog
import EventLogPostgres
import Foundation
import Logging
import PostgresNIO
import Projections

/// The projection benchmarks: a full rebuild of the read models from a large log, and the live lag of the read
/// models under the W1 append load. Same conventions as the W workloads: a fresh schema, connections opened before
/// timing, one `key=value` line per measurement.
public enum ProjectionWorkloads {
    /// Fills a fresh log with `events` events of the ``DomainMix``, then, `runs` times, rebuilds every projection
    /// on its own (timed each) and all of them at once (timed together). Prints one line per rebuild.
    public static func rebuild(
        _ settings: BenchSettings, events: Int, runs: Int, batchSize: Int, print emit: (String) -> Void
    ) async throws {
        try await BenchStore.withFreshStore(settings, name: "rebuild", connections: 24) { store, client in
            var mix = DomainMix()
            let loadSeconds = try await DomainLoad.append(events, of: &mix, to: store)
            var load = BenchLine(settings, workload: "rebuild-load", writers: 1, events: events, seconds: loadSeconds)
            load.add("note", "untimed-setup")
            emit(load.text)
            _ = try await client.query("ANALYZE", logger: BenchStore.logger)
            let storage = PostgresProjectionStorage(client: client, logger: BenchStore.logger)
            var options = ProjectionRunner.Options.rebuild
            options.batchSize = batchSize
            for run in 1...max(1, runs) {
                var runSettings = settings
                runSettings.run = run
                for projection in StandardProjections.all {
                    try await BenchStore.checkpoint(client)
                    ProcessMemory.resetPeak()
                    let start = ContinuousClock.now, cpuStart = ProcessCPU.seconds()
                    let daemon = ProjectionDaemon(
                        store: store, storage: storage, projections: [projection], options: options, logger: BenchStore.logger)
                    let generation = try await daemon.rebuild(projection.name)
                    let seconds = (ContinuousClock.now - start).seconds
                    let cpu = ProcessCPU.seconds() - cpuStart
                    var line = BenchLine(runSettings, workload: "rebuild", writers: 1, events: events, seconds: seconds)
                    line.add("projection", projection.name)
                    line.add("rows", "\(try await rows(projection, generation: generation, storage: storage))")
                    line.add("batch", "\(batchSize)")
                    line.add("rss_peak_mib", String(format: "%.0f", ProcessMemory.peakResidentMiB()))
                    line.add("cpu_us_per_event", String(format: "%.1f", cpu * 1_000_000 / Double(events)))
                    emit(line.text)
                }
                try await BenchStore.checkpoint(client)
                ProcessMemory.resetPeak()
                let start = ContinuousClock.now, cpuStart = ProcessCPU.seconds()
                let daemon = ProjectionDaemon(store: store, storage: storage, options: options, logger: BenchStore.logger)
                try await daemon.rebuild(daemon.projections.map(\.name))
                let seconds = (ContinuousClock.now - start).seconds
                let cpu = ProcessCPU.seconds() - cpuStart
                var line = BenchLine(runSettings, workload: "rebuild-all", writers: daemon.projections.count, events: events, seconds: seconds)
                line.add("projections", "\(daemon.projections.count)")
                line.add("batch", "\(batchSize)")
                line.add("rss_peak_mib", String(format: "%.0f", ProcessMemory.peakResidentMiB()))
                line.add("cpu_us_per_event", String(format: "%.1f", cpu * 1_000_000 / Double(events)))
                line.add("verified", try await verify(mix.tally, events: events, storage: storage) ?? "ok")
                emit(line.text)
            }
        }
    }

    /// Appends `events` events of the ``DomainMix`` to the (migrated) database itself — not a scratch schema — to try
    /// `cunshi projections rebuild` or `cunshi replay` on a large log, or to profile. Prints one line.
    public static func load(_ settings: BenchSettings, events: Int, print emit: (String) -> Void) async throws {
        try await BenchStore.withClient(settings.configuration) { client in
            try await PostgresMigrator.bundled().migrate(client: client, logger: BenchStore.logger)
            let store = PostgresEventStore(client: client, logger: BenchStore.logger)
            var mix = DomainMix()
            let seconds = try await DomainLoad.append(events, of: &mix, to: store)
            var line = BenchLine(settings, workload: "load", writers: 1, events: events, seconds: seconds)
            line.add("items", "\(mix.tally.items)")
            line.add("tours", "\(mix.tally.tours)")
            line.add("listings", "\(mix.tally.listings)")
            emit(line.text)
        }
    }

    /// Fills a fresh log with `preload` events, runs every projection live, and measures, while `writers` writers
    /// append `events` single events of the ``DomainMix`` as fast as they can (W1's load), the time from each
    /// append's acknowledgement until every projection has committed past it.
    public static func lag(
        _ settings: BenchSettings, preload: Int, events: Int, writers: Int, print emit: (String) -> Void
    ) async throws {
        try await BenchStore.withFreshStore(settings, name: "lag", connections: writers + 20) { store, client in
            var mix = DomainMix()
            _ = try await DomainLoad.append(preload, of: &mix, to: store)
            let storage = PostgresProjectionStorage(client: client, logger: BenchStore.logger)
            let names = StandardProjections.all.map(\.name)
            let tracker = LagTracker(projections: names)
            let clock = ContinuousClock()
            let origin = clock.now
            var options = ProjectionRunner.Options()
            options.onCommit = { checkpoint in
                tracker.committed(checkpoint.projection, cursor: checkpoint.cursor, at: (clock.now - origin).seconds)
            }
            let daemon = ProjectionDaemon(store: store, storage: storage, options: options, logger: BenchStore.logger)
            let running = Task { await daemon.run() }
            defer { running.cancel() }
            var last = LogCursor.start
            var cursor = LogCursor.start
            while true {
                let page = try await store.readLog(after: cursor, filter: .all, limit: 10_000)
                if page.events.isEmpty { break }
                cursor = page.next
                last = page.next
            }
            for name in names { try await daemon.readModels.waitUntil(name, reached: last, timeout: .seconds(600)) }
            try await BenchStore.checkpoint(client)

            var lanes = Array(repeating: [(StreamID, NewEvent)](), count: writers)
            for _ in 0..<events {
                let (stream, event) = mix.next()
                lanes[DomainMix.stableHash(stream.rawValue) % writers].append((stream, event))
            }
            let start = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in lanes {
                    group.addTask {
                        for (stream, event) in lane {
                            let result = try await store.append([event], to: stream, expected: .any)
                            tracker.acknowledged(result.lastCursor, at: (clock.now - origin).seconds)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let appendSeconds = (clock.now - start).seconds
            let deadline = clock.now.advanced(by: .seconds(120))
            while tracker.overall.pending > 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            running.cancel()
            await running.value
            let (lags, pending) = tracker.overall
            var line = BenchLine(settings, workload: "lag", writers: writers, events: events, seconds: appendSeconds)
            line.add("preload", "\(preload)")
            line.add("projections", "\(names.count)")
            line.add("lag_p50_ms", String(format: "%.1f", Percentile.of(lags, 50) * 1000))
            line.add("lag_p99_ms", String(format: "%.1f", Percentile.of(lags, 99) * 1000))
            line.add("lag_max_ms", String(format: "%.1f", (lags.max() ?? 0) * 1000))
            line.add("unprojected", "\(pending)")
            emit(line.text)
            let byProjection = tracker.byProjection
            var worst = BenchLine(settings, workload: "lag-by-projection", writers: writers, events: events, seconds: appendSeconds)
            for name in names {
                worst.add("\(name)_p99_ms", String(format: "%.1f", Percentile.of(byProjection[name] ?? [], 99) * 1000))
            }
            emit(worst.text)
        }
    }

    static func rows(_ projection: any Projection, generation: Int, storage: any ProjectionStorage) async throws -> Int {
        var total = 0
        for table in projection.tables { total += try await storage.count(table, generation: generation, []) }
        return total
    }

    /// Checks the read models against what was generated; `nil` when they agree, else what differs.
    static func verify(_ tally: DomainMix.Tally, events: Int, storage: any ProjectionStorage) async throws -> String? {
        var problems: [String] = []
        for projection in StandardProjections.all {
            let generation = try await storage.registration(projection.name).activeGeneration
            let checkpoint = try await storage.checkpoint(projection.name, generation: generation)
            if checkpoint?.eventsSeen != Int64(events) || checkpoint?.stop != nil {
                problems.append("\(projection.name):seen=\(checkpoint?.eventsSeen ?? 0)")
            }
        }
        func expect(_ table: ReadModelTable, _ projection: String, _ conditions: [Condition] = [], _ expected: Int) async throws {
            let generation = try await storage.registration(projection).activeGeneration
            let count = try await storage.count(table, generation: generation, conditions)
            if count != expected { problems.append("\(table.name):\(count)!=\(expected)") }
        }
        try await expect(ReadModelTables.catalogItems, "catalog", [], tally.items)
        try await expect(ReadModelTables.catalogVillages, "catalog", [], tally.villages)
        try await expect(ReadModelTables.catalogItems, "catalog", [.equals("status", "published")], tally.itemsPublished - tally.itemsWithdrawnPublished)
        try await expect(ReadModelTables.publishedTours, "published-tours", [], tally.tours)
        try await expect(ReadModelTables.marketListings, "market", [], tally.listings)
        try await expect(ReadModelTables.marketOffers, "market", [], tally.offers)
        try await expect(ReadModelTables.marketDeals, "market", [], tally.deals)
        try await expect(ReadModelTables.fleetDevices, "fleet", [], tally.devices)
        return problems.isEmpty ? nil : "FAILED:" + problems.joined(separator: ",")
    }
}
