import Domain
import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Sync
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
}
