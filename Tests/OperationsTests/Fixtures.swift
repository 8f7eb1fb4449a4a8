@testable import Domain
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Operations
import PostgresNIO
import Projections
import TestSupport

enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case postgres, sqlite
    var description: String { rawValue }
}

/// A fresh hub database opened the way the CLI opens it (``AdminDatabase/with(_:logger:_:)``): PostgreSQL by URL,
/// the embedded store by data directory.
enum AdminHarness {
    static func with<T: Sendable>(_ backend: Backend, _ body: (AdminDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .postgres:
            return try await TestDatabase.withFreshDatabase { configuration in
                try await AdminDatabase.with(.postgres(url: try url(configuration)), logger: TestDatabase.logger, body)
            }
        case .sqlite:
            return try await TemporarySQLite.withDirectory { directory in
                _ = try EventLogSQLiteOpen.store(directory)
                return try await AdminDatabase.with(.sqlite(directory: directory.path), logger: TestDatabase.logger, body)
            }
        }
    }

    /// The test server's URL with `configuration`'s database.
    static func url(_ configuration: PostgresClient.Configuration) throws -> String {
        guard let base = ProcessInfo.processInfo.environment["CUNSHI_TEST_DATABASE_URL"],
              var components = URLComponents(string: base)
        else { return try TestDatabase.baseConfiguration().database ?? "" }
        components.path = "/" + (configuration.database ?? "postgres")
        return components.string ?? base
    }

    /// Runs every standard projection until each has passed `cursor`.
    static func catchUp(_ db: AdminDatabase, to cursor: LogCursor) async throws {
        let options = ProjectionRunner.Options(batchSize: 50, idleWait: .milliseconds(50), lockRetry: .milliseconds(100))
        let daemon = db.daemon(options: options, logger: TestDatabase.logger)
        let task = Task { await daemon.run() }
        defer { task.cancel() }
        for projection in daemon.projections {
            try await daemon.readModels.waitUntil(projection.name, reached: cursor, timeout: .seconds(30))
        }
        task.cancel()
        await task.value
    }

    /// Every row of every table of `projection` in its active generation.
    static func snapshot(_ projection: any Projection, storage: any ProjectionStorage) async throws -> [String: [ReadModelRow]] {
        let generation = try await storage.registration(projection.name).activeGeneration
        var result: [String: [ReadModelRow]] = [:]
        for table in projection.tables {
            result[table.name] = try await storage.select(table, generation: generation, ReadModelQuery())
        }
        return result
    }
}

enum EventLogSQLiteOpen {
    /// Creates the embedded store's event file in `directory` (as `cunshi serve` would on first start).
    static func store(_ directory: URL) throws -> SQLiteEventStore {
        try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path)
    }
}

/// Domain events for the tests, appended straight to the log.
enum F {
    static let kaiping = "440783"
    static let curator = ActorRef(role: "curator", id: "chen")
    static let reviewer = ActorRef(role: "curator", id: "li")
    static let sha = String(repeating: "a", count: 64)

    static func newEvent(
        _ event: some DomainEventCoding, schemaVersion: Int, actor: ActorRef = curator, deviceID: String? = nil
    ) throws -> NewEvent {
        NewEvent(
            type: event.eventType, schemaVersion: schemaVersion, payload: try event.encodedPayload(),
            metadata: EventMetadata(actor: actor, deviceID: deviceID, county: kaiping))
    }

    static func item(_ event: ArchiveItem.Event, actor: ActorRef = curator, deviceID: String? = nil) throws -> NewEvent {
        try newEvent(event, schemaVersion: ArchiveItem.Event.schemaVersion, actor: actor, deviceID: deviceID)
    }

    static func itemStream(_ id: String) throws -> StreamID { try StreamID(ArchiveItem.streamID(for: id)) }

    static func registered(_ id: String, title: LangMap) -> ArchiveItem.Event {
        .registered(.init(
            itemID: id, villageID: "zili", county: CountyCode(kaiping), kind: .building,
            description: .init(title: title, description: ["zh-Hans": "开平碉楼"], subject: ["碉楼"]), depictsPeople: false,
            ich: nil, registeredBy: "curator:chen"))
    }

    static func revised(_ id: String, title: LangMap) -> ArchiveItem.Event {
        .descriptionRevised(.init(itemID: id, description: .init(title: title, description: ["zh-Hans": "修订"])))
    }

    static func publishedItem(_ id: String, title: LangMap) throws -> [NewEvent] {
        [
            try item(registered(id, title: title)),
            try item(.mediaAttached(.init(itemID: id, media: .init(mediaID: "m-\(id)", mimeType: "image/jpeg", sha256: sha, width: 800, height: 600)))),
            try item(.rightsAssigned(.init(itemID: id, rights: Rights(uri: "https://creativecommons.org/licenses/by/4.0/", holder: "开平市文物局", attribution: "© 开平市文物局 CC BY 4.0")))),
            try item(.submittedForReview(.init(itemID: id, submittedBy: "curator:chen"))),
            try item(.published(.init(itemID: id, publishedBy: "curator:li", publishedAt: Date(timeIntervalSince1970: 1_780_000_000))), actor: reviewer),
        ]
    }

    static func village() throws -> NewEvent {
        try newEvent(Village.Event.registered(.init(
            villageID: "zili", names: ["zh-Hans": "自力村", "en": "Zili Village"], county: CountyCode(kaiping),
            town: ["zh-Hans": "塘口镇"], location: Coordinates(latitude: 22.36, longitude: 112.56))),
            schemaVersion: Village.Event.schemaVersion)
    }

    /// A village, a dozen published items (one revised), a kiosk contribution: work for every read model but the
    /// market's. Returns the last append.
    @discardableResult
    static func history(_ store: any EventStore) async throws -> AppendResult {
        _ = try await store.append([try village()], to: try StreamID("village-zili"), expected: .any)
        for index in 0..<12 {
            _ = try await store.append(
                try publishedItem("op-\(index)", title: ["zh-Hans": "碉楼 \(index)", "en": "Tower \(index)"]),
                to: try itemStream("op-\(index)"), expected: .any)
        }
        return try await store.append(
            [try item(revised("op-3", title: ["en": "Renamed"]), actor: ActorRef(role: "kiosk", id: "K-1"), deviceID: "K-1")],
            to: try itemStream("op-3"), expected: .any)
    }
}
