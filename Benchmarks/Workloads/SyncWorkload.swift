import Commands
import Domain
import EventLog
import Foundation
import Hummingbird
import Logging
import Projections
import Sync

/// The kiosk sync benchmark: a new kiosk's initial sync of a county's domain events from a hub on PostgreSQL, over
/// loopback HTTP — pulled in bounded gzip batches, applied to the kiosk's SQLite replica and projected into its
/// seven read models, once after the pull (`kiosk sync`, then `kiosk serve`) and once while it pulls (`kiosk serve`) —
/// incremental syncs of 100 events, and the sync of 1,000 contributions recorded offline. The hub serves the sync
/// routes in this process; the kiosk is a real ``Sync/KioskDatabase`` file in a temporary directory talking to it
/// through ``Sync/HTTPSyncTransport``.
public enum SyncWorkload {
    public static func run(
        _ settings: BenchSettings, events: Int, rounds: Int, print emit: @escaping @Sendable (String) -> Void
    ) async throws {
        try await BenchStore.withFreshStore(settings, name: "sync", connections: 4) { store, client in
            var mix = DomainMix(villages: 1)  // one village: every event belongs to the kiosk's county
            let county = DomainMix.counties[0]
            _ = try await DomainLoad.append(events, of: &mix, to: store)
            let service = HubSyncService(
                store: store, epoch: PostgresHubEpoch(client: client, logger: BenchStore.logger), logger: BenchStore.logger)
            let router = Router()
            SyncRoutes(service: service, authenticator: DeviceAuthenticator(store: store)).register(on: router)
            try await LoopbackServer.serve(router) { url in
                // As `kiosk sync` then `kiosk serve`: pull everything, then project; then incremental syncs.
                try await withNewKiosk(store, county: county, hub: url, name: "pull-then-project") { kiosk, transport, daemon in
                    emit(try await initialSync(settings, kiosk, transport, daemon, projectWhilePulling: false).text)
                    emit(try await incrementalSyncs(settings, kiosk, transport, rounds: rounds) {
                        _ = try await DomainLoad.append(100, of: &mix, to: store)
                    }.text)
                    emit(try await offlineWork(settings, kiosk, transport, contributions: 1_000).text)
                }
                // As `kiosk serve` does on its first sync: the projections follow the replica while it is pulled.
                try await withNewKiosk(store, county: county, hub: url, name: "serving") { kiosk, transport, daemon in
                    emit(try await initialSync(settings, kiosk, transport, daemon, projectWhilePulling: true).text)
                }
            }
        }
    }

    /// Times `rounds` syncs of a kiosk that is up to date, each after `appendHundred` added 100 events on the hub.
    static func incrementalSyncs(
        _ settings: BenchSettings, _ kiosk: KioskDatabase, _ transport: HTTPSyncTransport, rounds: Int,
        appendHundred: () async throws -> Void
    ) async throws -> BenchLine {
        var samples: [Double] = []
        var fewest = Int.max
        for _ in 0..<max(1, rounds) {
            try await appendHundred()
            let begin = ContinuousClock.now
            let incremental = try await KioskSyncClient(database: kiosk, transport: transport, options: pullOptions).sync()
            samples.append((ContinuousClock.now - begin).seconds)
            fewest = min(fewest, incremental.pulled)  // a few of the 100 may belong to other counties (listings)
        }
        samples.sort()
        var line = BenchLine(settings, workload: "sync-incremental-100", writers: 1, events: 100, seconds: samples[samples.count / 2])
        line.add("rounds", "\(samples.count)")
        line.add("fewest_pulled", "\(fewest)")
        line.add("median_ms", String(format: "%.1f", samples[samples.count / 2] * 1000))
        line.add("max_ms", String(format: "%.1f", (samples.last ?? 0) * 1000))
        return line
    }

    /// Times the sync of a kiosk that recorded `contributions` new items offline (untimed): each entry pushed,
    /// decided again on the hub and receipted, then its events pulled back.
    static func offlineWork(
        _ settings: BenchSettings, _ kiosk: KioskDatabase, _ transport: HTTPSyncTransport, contributions: Int
    ) async throws -> BenchLine {
        let recorder = KioskRecorder(database: kiosk)
        let sha = String(repeating: "ab", count: 32)
        for index in 0..<contributions {
            let id = "offline-\(index)"
            _ = try await recorder.record(.item(.contribute(ArchiveItem.Contribute(
                itemID: id, villageID: "v0", kind: .photo, description: ArchiveItem.Description(title: ["zh-Hans": "老照片 \(index)"]),
                contributorName: "关伯",
                media: [ArchiveItem.MediaFile(mediaID: "m-\(id)", mimeType: "image/jpeg", sha256: sha, width: 800, height: 600)]))))
        }
        let begin = ContinuousClock.now
        let summary = try await KioskSyncClient(database: kiosk, transport: transport, options: pullOptions).sync()
        let seconds = (ContinuousClock.now - begin).seconds
        guard summary.pushed == contributions else {
            throw BenchFailure("pushed \(summary.pushed) of \(contributions) offline contributions")
        }
        var line = BenchLine(settings, workload: "sync-push-\(contributions)", writers: 1, events: summary.pushed, seconds: seconds)
        line.add("pulled_back", "\(summary.pulled)")
        return line
    }

    /// The kiosk client's options for these runs: the largest pulls the protocol allows.
    static var pullOptions: KioskSyncClient.Options {
        var options = KioskSyncClient.Options()
        options.pullEvents = PullLimits.maxEvents
        options.pullBytes = 16 * 1024 * 1024
        return options
    }

    /// A new kiosk of `county` (registered on the hub, its SQLite replica and read models in a temporary directory)
    /// for the duration of `body`.
    static func withNewKiosk(
        _ store: any EventStore, county: String, hub url: String, name: String,
        _ body: (KioskDatabase, HTTPSyncTransport, ProjectionDaemon) async throws -> Void
    ) async throws {
        let credential = try await registerKiosk(store, county: county, name: name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cunshi-sync-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let kiosk = try KioskDatabase(path: directory.appendingPathComponent("kiosk.sqlite").path)
        try await kiosk.initialize(hubURL: url, credential: credential)
        let transport = HTTPSyncTransport(baseURL: url, credential: credential, timeout: .seconds(300))
        let storage = try SQLiteProjectionStorage(path: directory.appendingPathComponent("readmodels.sqlite").path)
        let daemon = kiosk.projectionDaemon(storage: storage, logger: BenchStore.logger)  // as `kiosk serve`
        try await body(kiosk, transport, daemon)
        try kiosk.close()
    }

    /// Times a new kiosk's initial sync until its seven read models have caught up with its replica: the projections
    /// start once the pull is done, or (`projectWhilePulling`) before it, following the replica as it fills.
    static func initialSync(
        _ settings: BenchSettings, _ kiosk: KioskDatabase, _ transport: HTTPSyncTransport, _ daemon: ProjectionDaemon,
        projectWhilePulling: Bool
    ) async throws -> BenchLine {
        ProcessMemory.resetPeak()
        let start = ContinuousClock.now
        let cpuStart = ProcessCPU.seconds()
        var pulled = 0.0, pulledCPU = 0.0
        let summary = try await withThrowingTaskGroup(of: Void.self) { group in
            if projectWhilePulling { group.addTask { await daemon.run() } }
            defer { group.cancelAll() }
            let summary = try await KioskSyncClient(database: kiosk, transport: transport, options: pullOptions).sync()
            pulled = (ContinuousClock.now - start).seconds
            pulledCPU = ProcessCPU.seconds() - cpuStart
            if !projectWhilePulling { group.addTask { await daemon.run() } }
            let head = try await kiosk.replicaHead()
            for projection in daemon.projections {
                try await daemon.readModels.waitUntil(projection.name, reached: head, timeout: .seconds(600))
            }
            return summary
        }
        let total = (ContinuousClock.now - start).seconds
        let cpu = ProcessCPU.seconds() - cpuStart
        let bytes = transport.transferred
        let events = Double(max(summary.pulled, 1))
        var line = BenchLine(
            settings, workload: projectWhilePulling ? "sync-initial-serving" : "sync-initial", writers: 1,
            events: summary.pulled, seconds: total)
        line.add("pull_seconds", String(format: "%.3f", pulled))
        line.add("pull_events_per_s", String(format: "%.0f", events / pulled))
        line.add("bytes_per_event_raw", "\(bytes.receivedRaw / max(summary.pulled, 1))")
        line.add("bytes_per_event_wire", "\(bytes.receivedWire / max(summary.pulled, 1))")
        if !projectWhilePulling {
            line.add("project_seconds", String(format: "%.3f", total - pulled))
            line.add("project_cpu_us_per_event", String(format: "%.1f", (cpu - pulledCPU) * 1_000_000 / events))
        }
        line.add("cpu_us_per_event", String(format: "%.1f", cpu * 1_000_000 / events))
        line.add("rss_peak_mib", String(format: "%.0f", ProcessMemory.peakResidentMiB()))
        return line
    }

    /// Registers a kiosk of `county` through the command handler; returns its credential.
    static func registerKiosk(_ store: any EventStore, county: String, name: String) async throws -> String {
        let deviceID = "kiosk-bench-\(county)-\(name)"
        let credential = "\(deviceID).\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let register = DomainCommand.device(.register(Device.Register(
            deviceID: deviceID, county: county, station: "benchmark station",
            credentialFingerprint: DeviceAuthenticator.fingerprint(of: credential))))
        _ = try await CommandHandler(store: store).handle(
            CommandRequest(command: register, context: CommandContext(actor: .admin("bench"), now: Date())))
        return credential
    }
}

/// A Hummingbird server on a free loopback port for the duration of `body`.
enum LoopbackServer {
    /// Stopping the server by cancellation logs an error that is not one.
    static let quiet: Logger = {
        var logger = Logger(label: "cunshi.bench.http")
        logger.logLevel = .critical
        return logger
    }()

    static func serve(
        _ router: Router<BasicRequestContext>, _ body: (String) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw BenchFailure("the sync server did not start") }
            try await body("http://127.0.0.1:\(port)")
        }
    }
}
