import Commands
import Domain
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Hummingbird
import Hub
import HummingbirdTesting
import Logging
import PostgresNIO
import Sync
import TestSupport
import Testing

/// Shared data and helpers: a real hub (PostgreSQL log + the sync routes on a Hummingbird server on 127.0.0.1)
/// and real kiosks (SQLite files) talking to it over HTTP.
enum S {
    static let kaiping = CountyCode("440783")
    static let panyu = CountyCode("440113")
    static let admin = Actor.admin("ada")
    static let chen = Actor.curator("chen", county: kaiping)
    static let sha = String(repeating: "ab", count: 32)

    static var quiet: Logger {
        var logger = Logger(label: "cunshi.sync.tests")
        logger.logLevel = .critical
        return logger
    }

    static let registerZili = DomainCommand.village(.register(Village.Register(
        villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
        location: Coordinates(latitude: 22.37, longitude: 112.56))))

    static let registerShawan = DomainCommand.village(.register(Village.Register(
        villageID: "shawan", names: ["zh-Hans": "沙湾古镇"], county: "440113", town: ["zh-Hans": "沙湾"],
        location: Coordinates(latitude: 22.90, longitude: 113.33))))

    static func contribute(_ id: ItemID, village: VillageID = "zili", title: String = "老照片") -> DomainCommand {
        .item(.contribute(ArchiveItem.Contribute(
            itemID: id, villageID: village, kind: .photo, description: ArchiveItem.Description(title: ["zh-Hans": title]),
            contributorName: "关伯",
            media: [ArchiveItem.MediaFile(mediaID: "m-\(id)", mimeType: "image/jpeg", sha256: sha, width: 800, height: 600)])))
    }

    static func registerItem(_ id: ItemID, title: String = "铭石楼") -> DomainCommand {
        .item(.register(ArchiveItem.Register(
            itemID: id, villageID: "zili", kind: .photo, description: ArchiveItem.Description(title: ["zh-Hans": title]))))
    }

    static func revise(_ id: ItemID, _ title: String) -> DomainCommand {
        .item(.reviseDescription(ArchiveItem.ReviseDescription(
            itemID: id, description: ArchiveItem.Description(title: ["zh-Hans": title]))))
    }

    static func attach(_ id: ItemID, _ media: String) -> DomainCommand {
        .item(.attachMedia(.init(itemID: id, media: ArchiveItem.MediaFile(
            mediaID: media, mimeType: "image/jpeg", sha256: sha, width: 100, height: 100))))
    }

    /// A hub on a fresh PostgreSQL database, its epoch from migration 0020, serving the sync routes.
    static func withHub<T: Sendable>(_ body: @escaping @Sendable (TestHub) async throws -> T) async throws -> T {
        try await TestDatabase.withStore { store, configuration in
            try await TestDatabase.withClient(configuration) { client in
                try await serve(store: store, epoch: PostgresHubEpoch(client: client, logger: quiet), body)
            }
        }
    }

    static func serve<T: Sendable>(
        store: any EventStore, epoch: any HubEpochSource, now: @escaping @Sendable () -> Date = { Date() },
        _ body: @escaping @Sendable (TestHub) async throws -> T
    ) async throws -> T {
        let tokens = try await StaffTokens(key: StaffTokens.randomKey())
        let service = HubSyncService(store: store, epoch: epoch, curators: tokens, now: now, logger: quiet)
        let router = Router()
        SyncRoutes(service: service, authenticator: DeviceAuthenticator(store: store)).register(on: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: quiet)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await body(TestHub(store: store, port: port, epoch: epoch, tokens: tokens))
        }
    }

    /// A directory for kiosk files, deleted afterwards.
    static func withKiosks<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        try await TemporarySQLite.withDirectory(body)
    }
}

struct TestHub: Sendable {
    let store: any EventStore
    let port: Int
    let epoch: any HubEpochSource
    /// The hub's staff tokens: a curator signs in at a kiosk with one.
    let tokens: StaffTokens

    var url: String { "http://127.0.0.1:\(port)" }

    /// A curator's sign-in at a kiosk, with a token of this hub.
    func signIn(_ curator: Actor, lifetime: Duration = .seconds(3600), now: Date = Date()) async throws -> CuratorSignIn {
        try CuratorSignIn(token: try await tokens.issue(
            subject: curator.id, role: .curator, county: curator.county?.rawValue, lifetime: lifetime, now: now))
    }
    var handler: CommandHandler { CommandHandler(store: store) }

    @discardableResult
    func run(_ command: DomainCommand, _ actor: Actor = S.admin, now: Date = Date()) async throws -> CommandOutcome {
        let outcome = try await handler.handle(CommandRequest(command: command, context: CommandContext(actor: actor, now: now)))
        try await settle()
        return outcome
    }

    /// Waits until every event appended so far is readable by log readers (on PostgreSQL a reader lags while any older
    /// transaction of the cluster is open), so a kiosk's next pull sees it.
    func settle() async throws {
        let marker = try await store.append(
            [NewEvent(type: "test.marker", payload: Data("{}".utf8))],
            to: try StreamID("settle-\(UUID().uuidString.lowercased())"), expected: .noStream)
        let cursor = marker.lastCursor
        let before = LogCursor(commitOrder: cursor.commitOrder, position: max(0, cursor.position - 1))
        let deadline = ContinuousClock.now + .seconds(30)
        while try await store.readLog(after: before, filter: .category("settle"), limit: 1).events.first?.cursor != cursor {
            guard ContinuousClock.now < deadline else { throw SyncError.unavailable("the hub log did not settle through \(cursor)") }
            await store.waitForAppends(timeout: .milliseconds(20))
        }
    }

    /// Registers a device and returns its credential.
    func registerDevice(_ id: DeviceID, county: CountyCode = S.kaiping) async throws -> String {
        let credential = "\(id).\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await run(.device(.register(Device.Register(
            deviceID: id, county: county.rawValue, station: "开平文化站",
            credentialFingerprint: DeviceAuthenticator.fingerprint(of: credential)))))
        return credential
    }

    func revoke(_ id: DeviceID) async throws {
        try await run(.device(.revoke(Device.Revoke(deviceID: id, reason: "stolen from the station"))))
    }

    /// Every event of `county`, in the hub's order.
    func countyLog(_ county: CountyCode = S.kaiping) async throws -> [RecordedEvent] {
        try await settle()
        return try await Logs.all(store, filter: LogFilter(county: county.rawValue))
    }

    /// Lets the log settle, then syncs each kiosk: afterwards each replica holds everything the hub held.
    func converge(_ kiosks: [TestKiosk]) async throws {
        try await settle()
        for kiosk in kiosks { try await kiosk.sync() }
    }

    func highWaterMark(_ device: DeviceID) async throws -> Int64 {
        try await store.streamVersion(SyncRecords.receiptStream(device))
    }
}

enum Logs {
    static func all(_ store: any EventStore, filter: LogFilter = .all) async throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var cursor = LogCursor.start
        while true {
            let page = try await store.readLog(after: cursor, filter: filter, limit: 5_000)
            events += page.events
            if page.events.isEmpty { return events }
            cursor = page.next
        }
    }
}

/// A kiosk: its SQLite file, recorder and a sync client (through `url`, e.g. a fault proxy, or straight to the hub).
struct TestKiosk: Sendable {
    let database: KioskDatabase
    let deviceID: DeviceID
    var url: String
    var options = KioskSyncClient.Options()
    var now: @Sendable () -> Date = { Date() }
    /// Signs curators in (the hub's tokens); `nil` for a kiosk that records only its own commands.
    var hub: TestHub?

    static func make(_ directory: URL, hub: TestHub, id: DeviceID, county: CountyCode = S.kaiping, url: String? = nil) async throws -> TestKiosk {
        let database = try KioskDatabase(path: directory.appendingPathComponent("\(id).sqlite").path)
        let credential = try await hub.registerDevice(id, county: county)
        try await database.initialize(hubURL: url ?? hub.url, credential: credential)
        return TestKiosk(database: database, deviceID: id, url: url ?? hub.url, hub: hub)
    }

    var recorder: KioskRecorder { KioskRecorder(database: database, now: now) }

    func transport() async throws -> HTTPSyncTransport {
        HTTPSyncTransport(baseURL: url, credential: try await database.state().credential, timeout: .seconds(10))
    }

    @discardableResult
    func sync() async throws -> SyncSummary {
        try await KioskSyncClient(database: database, transport: try await transport(), options: options, now: now).sync()
    }

    /// Syncs until a sync completes (a faulty network may fail whole syncs), at most `attempts` times.
    @discardableResult
    func syncUntilDone(attempts: Int = 40) async throws -> (SyncSummary, Int) {
        var lastError: (any Error)?
        for attempt in 1...attempts {
            do { return (try await sync(), attempt) } catch let error as SyncError where error.isRetryable {
                lastError = error
            }
        }
        throw lastError!
    }

    @discardableResult
    func record(_ command: DomainCommand, _ curator: Actor? = nil) async throws -> KioskRecorder.Recorded {
        guard let curator else { return try await recorder.record(command) }
        let hub = try #require(hub, "a curator signs in with the hub's token")
        return try await recorder.record(command, curator: try await hub.signIn(curator))
    }

    func log() async throws -> [RecordedEvent] { try await Logs.all(database.replica) }
}

/// Raw wire calls, for the cases a well-behaved client never produces.
struct RawClient: Sendable {
    let transport: HTTPSyncTransport

    func push(_ entries: [PushEntry]) async throws(SyncError) -> PushResponse {
        try await transport.push(PushRequest(
            sentAt: Int64(Date().timeIntervalSince1970 * 1000), clock: HybridTimestamp(milliseconds: 0, counter: 0), entries: entries))
    }
}
