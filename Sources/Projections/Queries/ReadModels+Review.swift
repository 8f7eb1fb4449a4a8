import Domain
import Foundation

/// An item on the rights audit.
public struct RightsAuditEntry: Sendable, Hashable, Codable {
    public var itemID: ItemID
    public var villageID: VillageID
    public var county: String?
    public var kind: ArchiveItem.Kind
    public var status: ArchiveItem.Status
    public var title: LangMap
    public var rightsURI: String?
    public var issues: [RightsAuditProjection.Issue]
}

extension ReadModels {
    /// Items submitted for review, tours in review, listings pending approval and kiosk commands not applied (sync
    /// conflicts and quarantined entries), oldest first; all counties when `county` is `nil` (a listing counts for
    /// the first of its counties).
    public func reviewQueue(county: String? = nil) async throws -> [ReviewItem] {
        let generation = try await generation("review-queue")
        var conditions: [Condition] = [.equals("status", "pending")]
        if let county { conditions.append(.equals("county", .text(county))) }
        return try await storage.select(
            ReadModelTables.reviewQueue, generation: generation,
            ReadModelQuery(conditions, orderBy: [.asc("submitted_at_ms"), .asc("key")])
        ).map { try $0.document(ReviewItem.self) }
    }

    /// Items (not withdrawn) without rights, with CNE or UND statements, or oral histories without archive consent.
    public func rightsAudit(county: String? = nil) async throws -> [RightsAuditEntry] {
        let generation = try await generation("rights-audit")
        var conditions: [Condition] = [.equals("has_issues", .integer(1))]
        if let county { conditions.append(.equals("county", .text(county))) }
        return try await storage.select(ReadModelTables.rightsAudit, generation: generation, ReadModelQuery(conditions))
            .map { row in
                let item = try row.document(ItemSnapshot.self)
                return RightsAuditEntry(
                    itemID: item.id, villageID: item.villageID, county: item.county?.rawValue, kind: item.kind,
                    status: item.status, title: item.description.title, rightsURI: item.rights?.uri,
                    issues: RightsAuditProjection.issues(item.state))
            }
    }

    /// The kiosks of a county (all counties when `nil`).
    public func fleet(county: String? = nil) async throws -> [FleetDevice] {
        let generation = try await generation("fleet")
        let conditions: [Condition] = county.map { [.equals("county", .text($0))] } ?? []
        return try await storage.select(ReadModelTables.fleetDevices, generation: generation, ReadModelQuery(conditions))
            .map { try $0.document(FleetDevice.self) }
    }
}
