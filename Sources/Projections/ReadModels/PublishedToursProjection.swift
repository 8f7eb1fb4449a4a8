import Domain
import EventLog
import Foundation

/// **Published tours** per village: the last published version of every tour that is not retired, with its stops,
/// and the archive items they link (kept current: a withdrawn item's card says so). Tables `rm_published_tours`
/// (one row per tour) and `rm_tour_item_cards` (one item snapshot per item). Language fallback is applied when
/// reading (``ReadModels/publishedTours(village:language:)``), flagged on every text.
public struct PublishedToursProjection: Projection {
    public let name = "published-tours"
    public var tables: [ReadModelTable] { [ReadModelTables.publishedTours, ReadModelTables.tourItemCards] }
    public var eventTypes: Set<String>? {
        Set([
            Tour.Event.EventType.draftCreated, Tour.Event.EventType.versionPublished, Tour.Event.EventType.retired,
        ] + ArchiveItem.Event.eventTypes)
    }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        switch try changes.domainEvent(event) {
        case .tour(.draftCreated(let e)):
            let tour = TourRecord(tourID: e.tourID, villageID: e.villageID, county: e.county.rawValue, title: e.title, published: nil, retired: false)
            changes.put(ReadModelTables.publishedTours, try Self.row(tour))
        case .tour(.versionPublished(let e)):
            try await changes.update(ReadModelTables.publishedTours, e.tourID) { row in
                var tour = try row.document(TourRecord.self)
                tour.published = e.version
                tour.title = e.version.title
                row = try Self.row(tour)
            }
        case .tour(.retired(let e)):
            try await changes.update(ReadModelTables.publishedTours, e.tourID) { row in
                var tour = try row.document(TourRecord.self)
                tour.retired = true
                row = try Self.row(tour)
            }
        case .item(let itemEvent):
            _ = try await changes.foldItem(itemEvent, in: ReadModelTables.tourItemCards) { item, _ in
                ["status": .text(item.status.rawValue)]
            }
        default:
            return
        }
    }

    static func row(_ tour: TourRecord) throws -> ReadModelRow {
        ReadModelRow(key: tour.tourID, [
            "village_id": .text(tour.villageID), "county": .text(tour.county),
            "status": .text(tour.retired ? "retired" : tour.published == nil ? "unpublished" : "published"),
            "published_version": tour.published.map { .integer(Int64($0.number)) } ?? .null,
        ]).withDocument(tour)  // encoded once per batch, at commit; later events of the runner read `tour` itself
    }
}

/// A tour as the published-tours table keeps it.
struct TourRecord: Sendable, Hashable, Codable {
    var tourID: TourID
    var villageID: VillageID
    var county: String
    var title: LangMap
    var published: Tour.Version?
    var retired: Bool
}
