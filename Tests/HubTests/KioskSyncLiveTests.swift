import Domain
import EventLog
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Sync
import TestSupport
import Testing

/// The sync protocol as `cunshi serve --database-url` serves it: the hub's whole server (PostgreSQL, migrations,
/// projections, authentication middleware, every route) and a real kiosk (its SQLite file and HTTP client) over a
/// socket. The protocol's failure cases are proven in SyncTests against the sync routes alone; this proves they are
/// the hub's, and that what sync records reaches the review queue and the fleet.
@Suite("Kiosk sync through the live hub")
struct KioskSyncLiveTests {
    @Test("a kiosk registered over HTTP syncs; its conflict and its quarantined entry reach the review queue; the fleet shows it")
    func kioskThroughHub() async throws {
        try await TestDatabase.withFreshDatabase(migrated: false) { configuration in
            let hub = HubConfiguration(
                database: .postgres(url: try LiveServerTests.url(for: configuration)), port: 0, mode: .production, jwtKey: HubHarness.jwtKey)
            let built = try await HubServer.application(hub, logger: HubHarness.logger)
            let tokens = built.dependencies.tokens
            try await built.app.test(.live) { client in
                let port = try #require(client.port)
                let admin: HTTPFields = [.authorization: "Bearer \(try await tokens.issue(subject: "ada", role: .admin))"]
                let chen: HTTPFields = [.authorization: "Bearer \(try await tokens.issue(subject: "chen", role: .curator, county: "440783"))"]
                try await HTTP.command(client, "village/register", Village.Register(
                    villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
                    location: Coordinates(latitude: 22.37, longitude: 112.56)), admin)
                try await HTTP.command(client, "item/register", ArchiveItem.Register(
                    itemID: "SY-1", villageID: "zili", kind: .photo, description: .init(title: ["zh-Hans": "铭石楼"])), chen)
                let registered = try await HTTP.command(client, "device/register", CommandCatalog.DeviceRegistration(
                    deviceID: "kp-hall", county: "440783", station: "开平市文化馆"), admin)
                let credential = try #require(registered.credential)

                // A staff token is not a device credential, and no middleware lets an anonymous caller through.
                let staffPull = try await client.execute(uri: "/v1/sync/hello", method: .get, headers: chen + HubHarness.syncVersions)
                #expect(staffPull.status == .unauthorized)

                try await TemporarySQLite.withDirectory { directory in
                    let kiosk = try KioskDatabase(path: directory.appendingPathComponent("kiosk.sqlite").path)
                    try await kiosk.initialize(hubURL: "http://127.0.0.1:\(port)", credential: credential)
                    let transport = HTTPSyncTransport(baseURL: "http://127.0.0.1:\(port)", credential: credential, timeout: .seconds(10))
                    let sync = KioskSyncClient(database: kiosk, transport: transport)
                    let first = try await eventually("the kiosk pulls the hub's item and its own device record") {
                        _ = try await sync.sync()
                        let item = try await kiosk.replica.streamVersion(try StreamID(ArchiveItem.streamID(for: "SY-1")))
                        let device = try await kiosk.replica.streamVersion(try StreamID(Device.streamID(for: "kp-hall")))
                        return item == 1 && device == 1 ? true : nil
                    }
                    #expect(first)

                    // Offline: a villager's contribution, and a revision the hub will have overtaken.
                    let recorder = KioskRecorder(database: kiosk)
                    try await recorder.record(.item(.contribute(ArchiveItem.Contribute(
                        itemID: "SY-K1", villageID: "zili", kind: .photo, description: .init(title: ["zh-Hans": "碉楼旧照"]),
                        contributorName: "关伯"))))
                    try await recorder.record(
                        .item(.reviseDescription(.init(itemID: "SY-1", description: .init(title: ["zh-Hans": "铭石楼（kiosk）"])))),
                        curator: try CuratorSignIn(token: try await tokens.issue(subject: "chen", role: .curator, county: "440783")))
                    try await HTTP.command(client, "item/revise-description", ArchiveItem.ReviseDescription(
                        itemID: "SY-1", description: .init(title: ["zh-Hans": "铭石楼（hub）"])), chen)
                    let summary = try await sync.sync()
                    #expect(summary.conflicts == 1, "\(summary)")

                    let queue = try await eventually("the review queue shows the contribution and the conflict") {
                        let items = try HTTP.page(try await HTTP.get(client, "/v1/review-queue?county=440783", chen)).items
                        let kinds = Set(items.compactMap { $0.objectValue?["kind"] })
                        return kinds.isSuperset(of: [.string("item"), .string("syncConflict")]) ? items : nil
                    }
                    let conflict = try #require(queue.first { $0.objectValue?["kind"] == .string("syncConflict") }?.objectValue)
                    #expect(conflict["subjectID"] == .string("kp-hall-2"))
                    #expect(conflict["command"] == .string("item/revise-description"))
                    #expect(conflict["targetStream"] == .string(ArchiveItem.streamID(for: "SY-1")))
                    #expect(queue.contains { $0.objectValue?["subjectID"] == .string("SY-K1") })

                    // Revoked: the next push is quarantined for review and the kiosk is refused for good.
                    try await HTTP.command(client, "device/revoke", Device.Revoke(deviceID: "kp-hall", reason: "stolen"), admin)
                    try await recorder.record(.item(.contribute(ArchiveItem.Contribute(
                        itemID: "SY-K2", villageID: "zili", kind: .photo, description: .init(title: ["zh-Hans": "祠堂"])))))
                    await #expect(throws: SyncError.self) { try await sync.sync() }
                    #expect(try await kiosk.state().revokedMessage != nil)
                    let quarantined = try await eventually("the quarantined entry is in the review queue") {
                        try HTTP.page(try await HTTP.get(client, "/v1/review-queue?county=440783", chen)).items
                            .first { $0.objectValue?["kind"] == .string("syncQuarantine") }
                    }
                    #expect(quarantined.objectValue?["subjectID"] == .string("kp-hall-3"))

                    let device = try await eventually("the fleet shows the device's syncs") {
                        try HTTP.page(try await HTTP.get(client, "/v1/fleet?county=440783", admin)).items
                            .first { $0.objectValue?["quarantined"] == .number(1) }?.objectValue
                    }
                    #expect(device["deviceID"] == .string("kp-hall"))
                    #expect(device["status"] == .string("revoked"))
                    #expect(device["pushHighWaterMark"] == .number(3))
                    #expect(device["conflicts"] == .number(1))
                    #expect(device["lastSyncAt"] != nil)
                }
            }
        }
    }

    /// Retries `body` until it returns a value, for at most ten seconds (projections follow the log asynchronously).
    func eventually<T>(
        _ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if let value = try await body() { return value }
            guard ContinuousClock.now < deadline else {
                Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
