@testable import Domain
import EventLog
import Foundation
import Projections
import TestSupport

/// Domain events for projection tests, appended straight to a store (no command handler needed).
enum P {
    static let kaiping = "440783"
    static let panyu = "440113"
    static let zili = "zili"
    static let curator = ActorRef(role: "curator", id: "chen")
    static let reviewer = ActorRef(role: "curator", id: "li")
    static let sha = String(repeating: "a", count: 64)

    static func newEvent(_ event: some DomainEventCoding, schemaVersion: Int, actor: ActorRef = curator, county: String = kaiping, deviceID: String? = nil, sequence: Int64? = nil) throws -> NewEvent {
        NewEvent(
            type: event.eventType, schemaVersion: schemaVersion, payload: try event.encodedPayload(),
            metadata: EventMetadata(actor: actor, deviceID: deviceID, deviceSequence: sequence, county: county))
    }

    static func item(_ event: ArchiveItem.Event, actor: ActorRef = curator, county: String = kaiping, deviceID: String? = nil) throws -> NewEvent {
        try newEvent(event, schemaVersion: ArchiveItem.Event.schemaVersion, actor: actor, county: county, deviceID: deviceID)
    }

    static func itemStream(_ id: String) -> StreamID { try! StreamID(ArchiveItem.streamID(for: id)) }

    @discardableResult
    static func append(_ store: any EventStore, _ stream: StreamID, _ events: [NewEvent]) async throws -> AppendResult {
        try await store.append(events, to: stream, expected: .any)
    }

    static func registered(_ id: String, title: LangMap, description: LangMap = [:], kind: ArchiveItem.Kind = .building, county: String = kaiping, village: String = zili) -> ArchiveItem.Event {
        .registered(.init(
            itemID: id, villageID: village, county: CountyCode(county), kind: kind,
            description: .init(title: title, description: description, subject: ["碉楼"]), depictsPeople: false, ich: nil,
            registeredBy: "curator:chen"))
    }

    static func revised(_ id: String, title: LangMap, description: LangMap = [:]) -> ArchiveItem.Event {
        .descriptionRevised(.init(itemID: id, description: .init(title: title, description: description)))
    }

    static func media(_ id: String) -> ArchiveItem.Event {
        .mediaAttached(.init(itemID: id, media: .init(mediaID: "m-\(id)", mimeType: "image/jpeg", sha256: sha, width: 800, height: 600)))
    }

    static func rights(_ id: String, _ uri: String = "https://creativecommons.org/licenses/by/4.0/") -> ArchiveItem.Event {
        .rightsAssigned(.init(itemID: id, rights: Rights(uri: uri, holder: "开平市文物局", attribution: "© 开平市文物局 CC BY 4.0")))
    }

    static func submitted(_ id: String) -> ArchiveItem.Event { .submittedForReview(.init(itemID: id, submittedBy: "curator:chen")) }

    static func published(_ id: String, at: Date = Date(timeIntervalSince1970: 1_780_000_000)) -> ArchiveItem.Event {
        .published(.init(itemID: id, publishedBy: "curator:li", publishedAt: at))
    }

    /// Registers, describes, licenses and publishes an item: five events.
    static func publishedItem(_ id: String, title: LangMap, description: LangMap = [:], county: String = kaiping) throws -> [NewEvent] {
        [
            try item(registered(id, title: title, description: description, county: county), county: county),
            try item(media(id), county: county),
            try item(rights(id), county: county),
            try item(submitted(id), county: county),
            try item(published(id), actor: reviewer, county: county),
        ]
    }

    static func village(_ id: String = zili, county: String = kaiping) throws -> NewEvent {
        try newEvent(Village.Event.registered(.init(
            villageID: id, names: ["zh-Hans": "自力村", "en": "Zili Village"], county: CountyCode(county),
            town: ["zh-Hans": "塘口镇"], location: Coordinates(latitude: 22.36, longitude: 112.56))), schemaVersion: Village.Event.schemaVersion, county: county)
    }
}

/// A projection defined in the tests, through the same interface: it counts every event (a non-idempotent
/// increment) and keeps one row per event, so a lost or doubled event shows.
struct CountingProjection: Projection {
    static let table = ReadModelTable("rm_test_counts", [ReadModelTable.Column("n", .integer)])
    let name = "test-counting"
    var tables: [ReadModelTable] { [Self.table] }
    var eventTypes: Set<String>? { nil }

    func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        let total = try await changes.get(Self.table, "total")?["n"].integer ?? 0
        changes.put(Self.table, ReadModelRow(key: "total", ["n": .integer(total + 1)]))
        let seen = try await changes.get(Self.table, event.id.uuidString)?["n"].integer ?? 0
        changes.put(Self.table, ReadModelRow(key: event.id.uuidString, ["n": .integer(seen + 1)]))
    }
}

extension CountingProjection {
    /// Creates the projection's table and appends `count` events, each to a stream of its own; returns the cursor of
    /// the last.
    static func prepare(_ count: Int, store: any EventStore, extras: Harness.Extras) async throws -> LogCursor {
        try await extras.create(table)
        var last = LogCursor.start
        for index in 0..<count {
            last = try await store.append([EventFixtures.event("test.happened", ["i": index])], to: EventFixtures.stream(), expected: .noStream).lastCursor
        }
        return last
    }
}

/// A projection that throws on every event: its runner stops at the first one (a poison event).
struct ThrowingProjection: Projection {
    let name = "test-throwing"
    var tables: [ReadModelTable] { [] }
    var eventTypes: Set<String>? { nil }

    func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        throw SimulatedCrash()
    }
}

struct SimulatedCrash: Error {}
