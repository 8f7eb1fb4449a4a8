/// Every read-model table of the standard projections. The PostgreSQL migration `0010_projections.sql` creates the
/// same tables (a test checks they match).
public enum ReadModelTables {
    public typealias Column = ReadModelTable.Column

    public static let catalogItems = ReadModelTable("rm_catalog_items", [
        Column("county", .text, indexed: true), Column("village_id", .text, indexed: true),
        Column("status", .text, indexed: true), Column("kind", .text), Column("title_sort", .text),
        Column("search_text", .text), Column("published_at_ms", .integer), Column("doc", .json),
    ])
    public static let catalogVillages = ReadModelTable("rm_catalog_villages", [
        Column("county", .text, indexed: true), Column("name_sort", .text), Column("doc", .json),
    ])
    public static let itemHistory = ReadModelTable("rm_item_history", [
        Column("item_id", .text, indexed: true), Column("position", .integer), Column("version", .integer),
        Column("event_type", .text), Column("actor", .text), Column("device_id", .text),
        Column("recorded_at_ms", .integer), Column("doc", .json),
    ])
    public static let reviewQueue = ReadModelTable("rm_review_queue", [
        Column("subject_kind", .text), Column("county", .text, indexed: true), Column("village_id", .text),
        Column("status", .text, indexed: true), Column("submitted_at_ms", .integer), Column("doc", .json),
    ])
    public static let rightsAudit = ReadModelTable("rm_rights_audit", [
        Column("county", .text, indexed: true), Column("village_id", .text), Column("issues", .text),
        Column("has_issues", .integer), Column("doc", .json),
    ])
    public static let publishedTours = ReadModelTable("rm_published_tours", [
        Column("village_id", .text, indexed: true), Column("county", .text), Column("status", .text),
        Column("published_version", .integer), Column("doc", .json),
    ])
    public static let tourItemCards = ReadModelTable("rm_tour_item_cards", [
        Column("status", .text), Column("doc", .json),
    ])
    public static let marketListings = ReadModelTable("rm_market_listings", [
        Column("status", .text, indexed: true), Column("counties", .text), Column("doc", .json),
    ])
    public static let marketOffers = ReadModelTable("rm_market_offers", [
        Column("listing_id", .text, indexed: true), Column("status", .text), Column("valid_until_ms", .integer),
        Column("doc", .json),
    ])
    public static let marketDeals = ReadModelTable("rm_market_deals", [
        Column("listing_id", .text, indexed: true), Column("status", .text, indexed: true), Column("term_end", .text),
        Column("counties", .text), Column("doc", .json),
    ])
    public static let marketGrants = ReadModelTable("rm_market_grants", [
        Column("item_id", .text, indexed: true), Column("deal_id", .text), Column("doc", .json),
    ])
    public static let fleetDevices = ReadModelTable("rm_fleet_devices", [
        Column("county", .text, indexed: true), Column("status", .text), Column("last_seen_ms", .integer),
        Column("events_recorded", .integer), Column("last_device_sequence", .integer), Column("doc", .json),
    ])

    public static let all: [ReadModelTable] = [
        catalogItems, catalogVillages, itemHistory, reviewQueue, rightsAudit, publishedTours, tourItemCards,
        marketListings, marketOffers, marketDeals, marketGrants, fleetDevices,
    ]
}
