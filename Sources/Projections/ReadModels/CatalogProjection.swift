import Domain
import EventLog
import Foundation

/// **Catalog**: counties → villages → items with their Dublin Core fields, and search over titles, descriptions,
/// subjects, creators and places in every language. Every item is kept (with its status); readers see published
/// ones. Tables: `rm_catalog_items`, `rm_catalog_villages`.
public struct CatalogProjection: Projection {
    public let name = "catalog"
    public var tables: [ReadModelTable] { [ReadModelTables.catalogItems, ReadModelTables.catalogVillages] }
    public var eventTypes: Set<String>? { Set(ArchiveItem.Event.eventTypes + Village.Event.eventTypes) }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        switch try changes.domainEvent(event) {
        case .item(let itemEvent):
            _ = try await changes.foldItem(itemEvent, in: ReadModelTables.catalogItems) { item, previous in
                // Most item events leave the description alone: its search text then stays as it was.
                let unchanged = previous.flatMap { previous in
                    previous.snapshot.description == item.description && previous.snapshot.id == item.id
                        ? previous.row["search_text"].text : nil
                }
                return [
                    "county": item.county.map { .text($0.rawValue) } ?? .null, "village_id": .text(item.villageID),
                    "status": .text(item.status.rawValue), "kind": .text(item.kind.rawValue),
                    "title_sort": .text(item.description.title.preferred([.zhHans, .yueHant, .en])?.1 ?? item.id),
                    "search_text": .text(unchanged ?? Self.searchText(item)),
                    "published_at_ms": item.publishedAt.map { .integer(CheckpointRecord.milliseconds($0)) } ?? .null,
                ]
            }
        case .village(.registered(let village)):
            let doc = CatalogVillage(
                villageID: village.villageID, county: village.county.rawValue, names: village.names, town: village.town,
                location: village.location)
            changes.put(ReadModelTables.catalogVillages, try Self.row(doc))
        case .village(.revised(let revision)):
            try await changes.update(ReadModelTables.catalogVillages, revision.villageID) { row in
                var doc = try row.document(CatalogVillage.self)
                if let names = revision.names { doc.names = names }
                if let town = revision.town { doc.town = town }
                if let location = revision.location { doc.location = location }
                row = try Self.row(doc)
            }
        default:
            return
        }
    }

    static func row(_ village: CatalogVillage) throws -> ReadModelRow {
        ReadModelRow(key: village.villageID, [
            "county": .text(village.county),
            "name_sort": .text(village.names.preferred([.zhHans, .yueHant, .en])?.1 ?? village.villageID),
            "doc": .text(try ReadModelJSON.encode(village)),
        ])
    }

    static func searchText(_ item: ItemSnapshot) -> String {
        let d = item.description
        return SearchText.document(
            d.title.entries.keys.sorted().map { d.title.entries[$0] }
                + d.description.entries.keys.sorted().map { d.description.entries[$0] }
                + d.subject + d.creator + [d.spatial, item.id])
    }
}

/// A village of the catalog.
public struct CatalogVillage: Sendable, Hashable, Codable {
    public var villageID: VillageID
    public var county: String
    public var names: LangMap
    public var town: LangMap
    public var location: Coordinates
}
