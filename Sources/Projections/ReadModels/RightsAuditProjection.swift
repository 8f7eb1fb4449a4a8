import Domain
import EventLog
import Foundation

/// **Rights audit**: items without rights, with `CNE` (copyright not evaluated) or `UND` (undetermined) statements,
/// and oral histories without an archive consent. Table `rm_rights_audit`: one row per live item with its issues
/// (withdrawn items leave it).
public struct RightsAuditProjection: Projection {
    public let name = "rights-audit"
    public var tables: [ReadModelTable] { [ReadModelTables.rightsAudit] }
    public var eventTypes: Set<String>? { Set(ArchiveItem.Event.eventTypes) }

    public init() {}

    public enum Issue: String, Sendable, Hashable, Codable, CaseIterable {
        case missingRights = "missing-rights"
        case rightsNotEvaluated = "rights-cne"
        case rightsUndetermined = "rights-und"
        case oralHistoryWithoutConsent = "oral-history-without-consent"
    }

    public static func issues(_ item: ArchiveItem.State) -> [Issue] {
        var issues: [Issue] = []
        switch item.rights?.parsedURI {
        case nil: issues.append(.missingRights)
        case .statement("CNE")?: issues.append(.rightsNotEvaluated)
        case .statement("UND")?: issues.append(.rightsUndetermined)
        default: break
        }
        if item.kind == .oralHistory, !item.consentedScopes.contains(.archive) { issues.append(.oralHistoryWithoutConsent) }
        return issues
    }

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        guard case .item(let itemEvent) = try changes.domainEvent(event) else { return }
        let snapshot = try await changes.foldItem(itemEvent, in: ReadModelTables.rightsAudit) { item, _ in
            let issues = Self.issues(item.state)
            return [
                "county": item.county.map { .text($0.rawValue) } ?? .null, "village_id": .text(item.villageID),
                "issues": .text(issues.isEmpty ? "" : "," + issues.map(\.rawValue).joined(separator: ",") + ","),
                "has_issues": .integer(issues.isEmpty ? 0 : 1),
            ]
        }
        if snapshot.status == .withdrawn { changes.delete(ReadModelTables.rightsAudit, snapshot.id) }
    }
}
