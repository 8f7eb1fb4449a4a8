import Domain
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import PostgresNIO
import Sync
import Synchronization
import TestSupport
import Testing

/// SYNC.md case 7: the hub is restored from a backup taken before a push.
@Suite("Hub restored from an older backup")
struct RestoredHubTests {
    /// Runs a hub on `configuration` (its own clients), with the PostgreSQL epoch or a fixed one.
    static func withHub<T: Sendable>(
        _ configuration: PostgresClient.Configuration, fixedEpoch: Bool, _ body: @escaping @Sendable (TestHub) async throws -> T
    ) async throws -> T {
        try await TestDatabase.withRunningStore(configuration) { store in
            try await TestDatabase.withClient(configuration) { client in
                let epoch: any HubEpochSource = fixedEpoch ? FixedEpoch("never-rotated") : PostgresHubEpoch(client: client, logger: S.quiet)
                return try await S.serve(store: store, epoch: epoch, body)
            }
        }
    }

    @Test("the kiosk notices the restore (new epoch, or a high-water mark below what was acknowledged) and re-sends", arguments: [false, true])
    func restore(fixedEpoch: Bool) async throws {
        let base = try TestDatabase.baseConfiguration()
        try await TestDatabase.withFreshDatabase { configuration in
            let original = try #require(configuration.database)
            let backup = "cunshi_bk_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            defer {
                Task {
                    try? await TestDatabase.withClient(base) { admin in
                        _ = try await admin.query("DROP DATABASE IF EXISTS \(unescaped: backup) WITH (FORCE)", logger: S.quiet)
                    }
                }
            }
            try await S.withKiosks { directory in
                // 1. The kiosk pushes 5 contributions; the backup is taken.
                let credential = try await Self.withHub(configuration, fixedEpoch: fixedEpoch) { hub in
                    try await hub.run(S.registerZili)
                    let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-restore")
                    try await kiosk.sync()
                    for index in 0..<5 { try await kiosk.record(S.contribute("B-\(index)")) }
                    #expect(try await kiosk.sync().pushed == 5)
                    return try await kiosk.database.state().credential
                }
                try await TestDatabase.withClient(base) { admin in
                    _ = try await admin.query("CREATE DATABASE \(unescaped: backup) TEMPLATE \(unescaped: original)", logger: S.quiet)
                }
                let database = try KioskDatabase(path: directory.appendingPathComponent("kp-restore.sqlite").path)
                // 2. After the backup: 7 more, acknowledged by the hub.
                try await Self.withHub(configuration, fixedEpoch: fixedEpoch) { hub in
                    try await database.initialize(hubURL: hub.url, credential: credential)
                    let kiosk = TestKiosk(database: database, deviceID: "kp-restore", url: hub.url)
                    for index in 5..<12 { try await kiosk.record(S.contribute("B-\(index)")) }
                    #expect(try await kiosk.sync().pushed == 7)
                    #expect(try await database.state().ackedSeq == 12)
                }
                // 3. The hub is restored from the backup: it lacks the last 7. The kiosk re-sends them.
                var restored = configuration
                restored.database = backup
                try await Self.withHub(restored, fixedEpoch: fixedEpoch) { hub in
                    #expect(try await hub.highWaterMark("kp-restore") == 5)
                    try await database.initialize(hubURL: hub.url, credential: credential)
                    let kiosk = TestKiosk(database: database, deviceID: "kp-restore", url: hub.url)
                    let summary = try await kiosk.sync()
                    #expect(summary.repairReason != nil)
                    if fixedEpoch {
                        #expect(summary.repairReason?.contains("up to 5") == true)
                    } else {
                        #expect(summary.repairReason?.contains("epoch changed") == true)
                    }
                    #expect(summary.resent == 7)
                    #expect(summary.appended == 7)
                    #expect(try await hub.highWaterMark("kp-restore") == 12)
                    try await hub.converge([kiosk])
                    let log = try await hub.countyLog()
                    #expect(log.filter { $0.type == ArchiveItem.Event.EventType.contributed }.count == 12)
                    #expect(try await kiosk.log().map(\.id) == log.map(\.id))
                    #expect(try await database.state().ackedSeq == 12)
                }
            }
        }
    }

    @Test("an epoch that changes between the hello and the push is noticed in the push's answer, and repaired")
    func epochChangesDuringPush() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-failover")
                try await kiosk.sync()
                let before = try #require(try await kiosk.database.state().hubEpoch)
                for index in 0..<3 { try await kiosk.record(S.contribute("F-\(index)")) }
                let epoch = try #require(hub.epoch as? PostgresHubEpoch)
                let transport = RotatingBeforePush(base: try await kiosk.transport(), rotate: { try await epoch.rotate() })
                let summary = try await KioskSyncClient(database: kiosk.database, transport: transport).sync()

                let after = try await epoch.current()
                #expect(after != before)
                #expect(summary.repairReason?.contains("during the push") == true)
                #expect(try await kiosk.database.state().hubEpoch == after)
                #expect(try await kiosk.database.state().ackedSeq == 3)
                try await hub.converge([kiosk])
                #expect(try await kiosk.log().map(\.id) == (try await hub.countyLog()).map(\.id))
            }
        }
    }

    /// Runs an embedded hub (SQLite store, its epoch in its log) on the file at `path`, closing the file afterwards.
    static func withEmbeddedHub<T: Sendable>(_ path: String, _ body: @escaping @Sendable (TestHub) async throws -> T) async throws -> T {
        let store = try SQLiteEventStore(path: path)
        defer { try? store.close() }
        return try await S.serve(store: store, epoch: LogEpoch(store: store), body)
    }

    @Test("an embedded hub's file copied back from a backup keeps its epoch: the kiosk's cursor is unknown there, it repairs, and the events the hub lost make it rebuild")
    func embeddedFileRestored() async throws {
        try await S.withKiosks { directory in
            let hubFile = directory.appendingPathComponent("hub.sqlite").path
            let backupFile = directory.appendingPathComponent("hub-backup.sqlite").path
            let kioskFile = directory.appendingPathComponent("kp-embedded.sqlite").path
            // 1. A kiosk's first sync; the hub's file is backed up.
            let credential = try await Self.withEmbeddedHub(hubFile) { hub in
                try await hub.run(S.registerZili)
                let credential = try await hub.registerDevice("kp-embedded")
                _ = try await Self.syncKiosk(kioskFile, hub: hub, credential: credential)
                return credential
            }
            try Self.copyDatabase(hubFile, to: backupFile)
            // 2. Five events on the hub after the backup; the kiosk pulls them.
            let lost = try await Self.withEmbeddedHub(hubFile) { hub in
                try await Seed.notes(hub.store, count: 5, county: S.kaiping, prefix: "lost")
                try await hub.settle()
                _ = try await Self.syncKiosk(kioskFile, hub: hub, credential: credential)
                return try await hub.countyLog().filter { $0.streamID.rawValue.hasPrefix("lost-") }.map(\.id)
            }
            #expect(lost.count == 5)
            // 3. The file is copied back; three new events take the places the lost ones had in the log. The kiosk
            //    repairs, pulls the new events, and finds the five lost ones missing from the hub.
            try Self.copyDatabase(backupFile, to: hubFile)
            try await Self.withEmbeddedHub(hubFile) { hub in
                try await Seed.notes(hub.store, count: 3, county: S.kaiping, prefix: "new")
                try await hub.settle()
                let new = try await hub.countyLog().filter { $0.streamID.rawValue == "new-0" }.map(\.id)
                #expect(new.count == 3)
                let reasons = Mutex<[String]>([])
                let database = try KioskDatabase(path: kioskFile)
                defer { try? database.close() }
                for _ in 0..<2 {  // said again at the next sync
                    let transport = HTTPSyncTransport(baseURL: hub.url, credential: credential)
                    let client = KioskSyncClient(database: database, transport: transport, progress: { progress in
                        if case .repairing(let reason, _) = progress { reasons.withLock { $0.append(reason) } }
                    })
                    let error = await #expect(throws: SyncError.self) { try await client.sync() }
                    #expect(error?.code == "REPLICA_DIVERGED")
                    #expect(error?.message.contains("no longer holds 5 of") == true)
                    #expect(lost.prefix(3).allSatisfy { error?.message.contains($0.uuidString.lowercased()) == true })
                }
                #expect(reasons.withLock { $0 }.count == 1)
                #expect(reasons.withLock { $0 }.first?.contains("no event at this kiosk's pull cursor") == true)
                #expect(try await database.state().divergedEvents == 5)
                let held = Set(try await Logs.all(database.replica).map(\.id))
                #expect(new.allSatisfy { held.contains($0) })
            }
            // 4. Rebuilt, the kiosk holds exactly the hub's county log; the old file, kept aside, the lost events.
            let rebuilt = try await KioskDatabase.rebuild(path: kioskFile)
            try await Self.withEmbeddedHub(hubFile) { hub in
                let (_, replica) = try await Self.syncKiosk(kioskFile, hub: hub, credential: credential)
                #expect(replica.map(\.id) == (try await hub.countyLog()).map(\.id))
                let rebuiltFile = try KioskDatabase(path: kioskFile)
                defer { try? rebuiltFile.close() }
                #expect(try await rebuiltFile.eventsTheHubLost().isEmpty)
            }
            let aside = try KioskDatabase(path: rebuilt.setAside)
            defer { try? aside.close() }
            #expect(try await aside.eventsTheHubLost().map(\.id) == lost)
        }
    }

    /// Opens the kiosk file at `path` for `hub`, syncs once, and closes it; returns the summary and the replica's log.
    static func syncKiosk(_ path: String, hub: TestHub, credential: String) async throws -> (SyncSummary, [RecordedEvent]) {
        let database = try KioskDatabase(path: path)
        defer { try? database.close() }
        try await database.initialize(hubURL: hub.url, credential: credential)
        let kiosk = TestKiosk(database: database, deviceID: "kp-embedded", url: hub.url)
        return (try await kiosk.sync(), try await kiosk.log())
    }

    /// Copies a closed SQLite database (its file and write-ahead log) over `destination`, as a file-level restore.
    static func copyDatabase(_ source: String, to destination: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: destination + suffix) }
        for suffix in ["", "-wal"] where files.fileExists(atPath: source + suffix) {
            try files.copyItem(atPath: source + suffix, toPath: destination + suffix)
        }
    }
}

/// A transport whose hub changes its epoch once, right before the first push reaches it (a failover mid-sync).
final class RotatingBeforePush: SyncTransport {
    let base: HTTPSyncTransport
    let rotate: @Sendable () async throws -> String
    private let rotated = Mutex(false)

    init(base: HTTPSyncTransport, rotate: @escaping @Sendable () async throws -> String) {
        self.base = base
        self.rotate = rotate
    }

    func hello() async throws(SyncError) -> HelloResponse { try await base.hello() }
    func pull(_ request: PullRequest) async throws(SyncError) -> PullResponse { try await base.pull(request) }

    func push(_ request: PushRequest) async throws(SyncError) -> PushResponse {
        let first = rotated.withLock { done in
            defer { done = true }
            return !done
        }
        if first {
            do { _ = try await rotate() } catch { throw .unavailable("could not rotate the epoch: \(error)") }
        }
        return try await base.push(request)
    }
}
