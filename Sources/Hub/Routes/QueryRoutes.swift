import Commands
import Domain
import EventLog
import Foundation
import Hummingbird
import Projections

extension HubRoutes {
    static let everyone: Set<Principal.Role> = [.admin, .curator, .kiosk, .agent]
    static let staff: Set<Principal.Role> = [.admin, .curator]

    /// Read models of published data: every role; curators and kiosks their own county only.
    static func publishedRoutes(_ deps: HubDependencies) -> [HubRoute] {
        [
            HubRoute(.get, "/v1/catalog/villages", "listVillages", .roles(everyone), .catalog) { request, context in
                let parameters = QueryParameters(request)
                return try await page(deps, parameters, projection: "catalog", table: ReadModelTables.catalogVillages,
                                      conditions: try countyScope(context, parameters),
                                      orderBy: [.asc("county"), .asc("name_sort"), .asc("key")])
            },
            HubRoute(.get, "/v1/catalog/items", "listCatalogItems", .roles(everyone), .catalog) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = [.equals("status", "published")]
                conditions += try countyScope(context, parameters)
                if let village = parameters.string("villageID") { conditions.append(.equals("village_id", .text(village))) }
                if let kind = parameters.string("kind") {
                    guard ArchiveItem.Kind(rawValue: kind) != nil else {
                        throw APIError.badRequest("INVALID_PARAMETER", field: "kind", "kind must be one of photo, document, oralHistory, genealogy, building, ichElement")
                    }
                    conditions.append(.equals("kind", .text(kind)))
                }
                return try await page(deps, parameters, projection: "catalog", table: ReadModelTables.catalogItems,
                                      conditions: conditions, orderBy: [.asc("title_sort"), .asc("key")], view: catalogEntry)
            },
            HubRoute(.get, "/v1/catalog/items/{itemID}", "getCatalogItem", .roles(everyone), .catalog) { request, context in
                let itemID = try identifier(context, "itemID")
                let parameters = QueryParameters(request)
                guard let row = try await row(deps, parameters, projection: "catalog", table: ReadModelTables.catalogItems, key: itemID),
                      row["status"].text == "published"
                else { throw APIError.notFound("no published item \(itemID)", field: "itemID") }
                try context.principal!.requireRead(county: row["county"].text.map(CountyCode.init), what: "item \(itemID)")
                return try json(catalogEntry(row))
            },
            HubRoute(.get, "/v1/catalog/search", "searchCatalog", .roles(everyone), .catalog) { request, context in
                let parameters = QueryParameters(request)
                guard let query = parameters.string("q"), query.count <= 200 else {
                    throw APIError.badRequest("INVALID_PARAMETER", field: "q", "q is required: 1–200 characters of search text")
                }
                let terms = SearchText.terms(query)
                guard !terms.isEmpty else { throw APIError.badRequest("INVALID_PARAMETER", field: "q", "q has no search terms") }
                var conditions: [Condition] = [.equals("status", "published")] + terms.map { .contains("search_text", $0) }
                conditions += try countyScope(context, parameters)
                return try await page(deps, parameters, projection: "catalog", table: ReadModelTables.catalogItems,
                                      conditions: conditions, orderBy: [.asc("title_sort"), .asc("key")], view: catalogEntry)
            },
            HubRoute(.get, "/v1/tours", "listPublishedTours", .roles(everyone), .tours) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = [.equals("status", "published")]
                conditions += try countyScope(context, parameters)
                if let village = parameters.string("villageID") { conditions.append(.equals("village_id", .text(village))) }
                return try await page(deps, parameters, projection: "published-tours", table: ReadModelTables.publishedTours, conditions: conditions)
            },
            HubRoute(.get, "/v1/tours/{tourID}", "getPublishedTour", .roles(everyone), .tours) { request, context in
                let tourID = try identifier(context, "tourID")
                guard let row = try await row(deps, QueryParameters(request), projection: "published-tours", table: ReadModelTables.publishedTours, key: tourID),
                      row["status"].text == "published"
                else { throw APIError.notFound("no published tour \(tourID)", field: "tourID") }
                try context.principal!.requireRead(county: row["county"].text.map(CountyCode.init), what: "tour \(tourID)")
                return try json(try document(row))
            },
            HubRoute(.get, "/v1/market/listings", "listMarketListings", .roles(everyone), .market) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = [.equals("status", "published")]
                conditions += try countyScope(context, parameters, among: "counties")
                return try await page(deps, parameters, projection: "market", table: ReadModelTables.marketListings, conditions: conditions)
            },
        ]
    }

    /// Read models of unpublished and business data: admins, and curators of the county.
    static func staffRoutes(_ deps: HubDependencies) -> [HubRoute] {
        [
            HubRoute(.get, "/v1/market/listings/{listingID}/offers", "listListingOffers", .roles(staff), .deals) { request, context in
                let listingID = try identifier(context, "listingID")
                let parameters = QueryParameters(request)
                guard let listing = try await row(deps, parameters, projection: "market", table: ReadModelTables.marketListings, key: listingID) else {
                    throw APIError.notFound("no listing \(listingID)", field: "listingID")
                }
                try requireCounties(context.principal!, listing["counties"].text, what: "listing \(listingID)")
                return try await page(deps, parameters, projection: "market", table: ReadModelTables.marketOffers,
                                      conditions: [.equals("listing_id", .text(listingID))])
            },
            HubRoute(.get, "/v1/market/deals", "listDeals", .roles(staff), .deals) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = []
                conditions += try countyScope(context, parameters, among: "counties")
                if let status = parameters.string("status") { conditions.append(.equals("status", .text(status))) }
                if parameters.string("expiringWithinDays") != nil {
                    let days = try parameters.int("expiringWithinDays", default: 60, range: 0...3650)
                    let until = CalendarDate(deps.now().addingTimeInterval(Double(days) * 86_400))
                    conditions += [.equals("status", "active"), .lessOrEqual("term_end", .text(until.description))]
                }
                return try await page(deps, parameters, projection: "market", table: ReadModelTables.marketDeals,
                                      conditions: conditions, orderBy: [.asc("term_end"), .asc("key")])
            },
            HubRoute(.get, "/v1/items/{itemID}/history", "getItemHistory", .roles(staff), .history) { request, context in
                let itemID = try identifier(context, "itemID")
                try await requireItemCounty(deps, context.principal!, itemID)
                return try await page(deps, QueryParameters(request), projection: "item-history", table: ReadModelTables.itemHistory,
                                      conditions: [.equals("item_id", .text(itemID))], orderBy: [.asc("version")])
            },
            HubRoute(.get, "/v1/items/{itemID}/as-of", "getItemAsOf", .roles(staff), .history) { request, context in
                try await itemAsOf(deps, request, context)
            },
            HubRoute(.get, "/v1/review-queue", "listReviewQueue", .roles(staff), .review) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = [.equals("status", .text(parameters.string("status") ?? "pending"))]
                conditions += try countyScope(context, parameters)
                return try await page(deps, parameters, projection: "review-queue", table: ReadModelTables.reviewQueue,
                                      conditions: conditions, orderBy: [.asc("submitted_at_ms"), .asc("key")])
            },
            HubRoute(.get, "/v1/rights-audit", "listRightsAudit", .roles(staff), .rightsAudit) { request, context in
                let parameters = QueryParameters(request)
                var conditions: [Condition] = [.equals("has_issues", .integer(1))]
                conditions += try countyScope(context, parameters)
                return try await page(deps, parameters, projection: "rights-audit", table: ReadModelTables.rightsAudit, conditions: conditions)
            },
            HubRoute(.get, "/v1/fleet", "listFleet", .roles(staff), .fleet) { request, context in
                let parameters = QueryParameters(request)
                return try await page(deps, parameters, projection: "fleet", table: ReadModelTables.fleetDevices,
                                      conditions: try countyScope(context, parameters))
            },
        ]
    }

    /// The county condition of a query: the `county` parameter as the principal may ask it (curators and kiosks are
    /// held to their own county, see ``Principal/scope(_:)``), on the `county` column or, with `among`, in a
    /// `|a|b|` list column. No condition for an admin or agent who names no county.
    static func countyScope(
        _ context: HubRequestContext, _ parameters: QueryParameters, among listColumn: String? = nil
    ) throws -> [Condition] {
        guard let county = try context.principal!.scope(try parameters.county()) else { return [] }
        if let listColumn { return [.contains(listColumn, "|\(county.rawValue)|")] }
        return [.equals("county", .text(county.rawValue))]
    }

    /// A curator may read a market record only when its county is among the record's (`|a|b|`).
    static func requireCounties(_ principal: Principal, _ counties: String?, what: String) throws(APIError) {
        guard principal.role == .curator || principal.role == .kiosk else { return }
        guard let own = principal.county, counties?.contains("|\(own.rawValue)|") == true else {
            throw .forbidden("\(principal.role.rawValue) \(principal.id) may not read \(what) of another county",
                             code: ErrorCode.countyForbidden, field: "county")
        }
    }

    /// 404 for an item that does not exist; 403 `COUNTY_FORBIDDEN` for a curator of another county.
    static func requireItemCounty(_ deps: HubDependencies, _ principal: Principal, _ itemID: ItemID) async throws {
        let item: ArchiveItem.State
        do {
            item = try await AggregateLoader(store: deps.store).load(ArchiveItem.self, id: itemID).state
        } catch {
            throw APIError(error)
        }
        guard item.exists else { throw APIError.notFound("no item \(itemID)", field: "itemID") }
        try principal.requireRead(county: item.county, what: "item \(itemID)")
    }

    /// The item as of a moment: exactly one of `at` (ISO 8601), `position` or `cursor`.
    static func itemAsOf(_ deps: HubDependencies, _ request: Request, _ context: HubRequestContext) async throws -> Response {
        let itemID = try identifier(context, "itemID")
        try await requireItemCounty(deps, context.principal!, itemID)
        let parameters = QueryParameters(request)
        let given = ["at", "position", "cursor"].filter { parameters.string($0) != nil }
        guard given.count == 1 else {
            throw APIError.badRequest("INVALID_PARAMETER", field: "at", "give exactly one of at (ISO 8601 time), position or cursor")
        }
        let asOf: ItemAsOf
        switch given[0] {
        case "at":
            let text = parameters.string("at")!
            guard let date = (try? Date.ISO8601FormatStyle().parse(text))
                ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            else { throw APIError.badRequest("INVALID_PARAMETER", field: "at", "at must be an ISO 8601 time such as 2026-05-01T00:00:00Z") }
            asOf = try await deps.readModels.itemAsOf(itemID, time: date)
        case "position":
            guard let position = Int64(parameters.string("position")!), position >= 0 else {
                throw APIError.badRequest("INVALID_PARAMETER", field: "position", "position must be an integer ≥ 0")
            }
            asOf = try await deps.readModels.itemAsOf(itemID, position: position)
        default:
            guard let cursor = LogCursor(token: parameters.string("cursor")!) else {
                throw APIError.badRequest("INVALID_PARAMETER", field: "cursor", "cursor must be a log cursor token")
            }
            asOf = try await deps.readModels.itemAsOf(itemID, cursor: cursor)
        }
        guard asOf.state.exists else { throw APIError.notFound("item \(itemID) did not exist yet at that moment", field: given[0]) }
        return try json(ItemAsOfResponse(itemID: itemID, version: asOf.events.last?.version ?? 0, item: ItemSnapshot(asOf.state), events: asOf.events))
    }

    struct ItemAsOfResponse: Encodable {
        var itemID: String
        var version: Int64
        var item: ItemSnapshot
        var events: [ItemHistoryEntry]
    }
}
