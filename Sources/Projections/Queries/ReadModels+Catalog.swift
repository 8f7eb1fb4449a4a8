import Domain
import EventLog
import Foundation

/// A catalog item as readers see it: Dublin Core fields, types, rights, a thumbnail.
public struct CatalogEntry: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var villageID: VillageID
    public var county: String?
    public var kind: ArchiveItem.Kind
    public var status: ArchiveItem.Status
    public var title: LangMap
    public var description: LangMap
    public var creator: [String]
    public var created: String?
    public var spatial: String?
    public var temporal: String?
    public var subject: [String]
    public var language: [String]
    /// DCMI Type (`dc:type`) and Europeana `edm:type`.
    public var dcType: String
    public var edmType: String
    public var rights: Rights?
    /// The first image, if any.
    public var thumbnail: ArchiveItem.MediaFile?
    public var mediaCount: Int
    public var publishedAt: Date?

    /// The public view of an item snapshot: what anyone who may see the catalog may read (no consent records, visitor
    /// notes or contributor names; the rights statement and media summary only).
    public init(_ snapshot: ItemSnapshot) {
        let state = snapshot.state
        itemID = snapshot.id
        villageID = snapshot.villageID
        county = snapshot.county?.rawValue
        kind = snapshot.kind
        status = snapshot.status
        title = snapshot.description.title
        description = snapshot.description.description
        creator = snapshot.description.creator
        created = snapshot.description.created?.description
        spatial = snapshot.description.spatial
        temporal = snapshot.description.temporal?.description
        subject = snapshot.description.subject
        language = snapshot.description.language
        dcType = state.dcmiType
        edmType = state.edmType.rawValue
        rights = snapshot.rights
        thumbnail = snapshot.media.first { $0.family == .image }
        mediaCount = snapshot.media.count
        publishedAt = snapshot.publishedAt
    }
}

public struct CatalogPage: Sendable, Hashable, Codable {
    public var items: [CatalogEntry]
    /// Published items matching, over all pages.
    public var total: Int
    public var page: Page
}

extension ReadModels {
    static let catalog = "catalog"

    /// The counties that have registered villages, in code order.
    public func counties() async throws -> [String] {
        let generation = try await generation(Self.catalog)
        let rows = try await storage.select(ReadModelTables.catalogVillages, generation: generation, ReadModelQuery(orderBy: [.asc("county")]))
        var seen: [String] = []
        for row in rows { if let county = row["county"].text, seen.last != county { seen.append(county) } }
        return seen
    }

    /// The villages of a county.
    public func villages(county: String) async throws -> [CatalogVillage] {
        let generation = try await generation(Self.catalog)
        return try await storage.select(
            ReadModelTables.catalogVillages, generation: generation,
            ReadModelQuery([.equals("county", .text(county))], orderBy: [.asc("name_sort"), .asc("key")])
        ).map { try $0.document(CatalogVillage.self) }
    }

    /// Published items of a county (and village), by title.
    public func catalog(county: String, village: VillageID? = nil, page: Page = .first) async throws -> CatalogPage {
        let generation = try await generation(Self.catalog)
        var conditions: [Condition] = [.equals("county", .text(county)), .equals("status", "published")]
        if let village { conditions.append(.equals("village_id", .text(village))) }
        let rows = try await storage.select(
            ReadModelTables.catalogItems, generation: generation,
            ReadModelQuery(conditions, orderBy: [.asc("title_sort"), .asc("key")], limit: page.size, offset: page.offset))
        let total = try await storage.count(ReadModelTables.catalogItems, generation: generation, conditions)
        return CatalogPage(items: try rows.map { CatalogEntry(try $0.document(ItemSnapshot.self)) }, total: total, page: page)
    }

    /// Published items whose titles, descriptions, subjects, creators or place contain every term of `query`, in any
    /// language (substring match on normalised text — Chinese needs no word breaking). See ``SearchText``.
    public func search(_ query: String, county: String? = nil, limit: Int = 50) async throws -> [CatalogEntry] {
        let terms = SearchText.terms(query)
        guard !terms.isEmpty else { return [] }
        let generation = try await generation(Self.catalog)
        var conditions: [Condition] = [.equals("status", "published")] + terms.map { .contains("search_text", $0) }
        if let county { conditions.append(.equals("county", .text(county))) }
        let rows = try await storage.select(
            ReadModelTables.catalogItems, generation: generation,
            ReadModelQuery(conditions, orderBy: [.asc("title_sort"), .asc("key")], limit: min(max(limit, 1), 500)))
        return try rows.map { CatalogEntry(try $0.document(ItemSnapshot.self)) }
    }

    /// One item of the catalog in any status (admins and curators see drafts), or `nil`.
    public func catalogItem(_ itemID: ItemID) async throws -> CatalogEntry? {
        let generation = try await generation(Self.catalog)
        return try await storage.fetch(ReadModelTables.catalogItems, generation: generation, key: itemID)
            .map { CatalogEntry(try $0.document(ItemSnapshot.self)) }
    }
}
