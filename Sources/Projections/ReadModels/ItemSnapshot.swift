import Domain
import Foundation

/// An archive item's ``ArchiveItem/State`` as a JSON document, so read models fold items with the domain's own
/// `evolve` (one definition of what an event does to an item).
public struct ItemSnapshot: Sendable, Hashable, Codable {
    public var status: ArchiveItem.Status
    public var id: ItemID
    public var villageID: VillageID
    public var county: CountyCode?
    public var kind: ArchiveItem.Kind
    public var description: ArchiveItem.Description
    public var depictsPeople: Bool
    public var ich: ICHClassification?
    public var media: [ArchiveItem.MediaFile]
    public var provenance: [ArchiveItem.ProvenanceEntry]
    public var rights: Rights?
    public var consents: [ArchiveItem.Consent]
    public var registeredBy: String
    public var submittedBy: String?
    public var publishedBy: String?
    public var publishedAt: Date?
    public var visitorNote: String?
    public var contributorName: String?
    public var withdrawalReason: String?

    public init(_ state: ArchiveItem.State) {
        status = state.status
        id = state.id
        villageID = state.villageID
        county = state.county
        kind = state.kind
        description = state.description
        depictsPeople = state.depictsPeople
        ich = state.ich
        media = state.media
        provenance = state.provenance
        rights = state.rights
        consents = state.consents
        registeredBy = state.registeredBy
        submittedBy = state.submittedBy
        publishedBy = state.publishedBy
        publishedAt = state.publishedAt
        visitorNote = state.visitorNote
        contributorName = state.contributorName
        withdrawalReason = state.withdrawalReason
    }

    public var state: ArchiveItem.State {
        var state = ArchiveItem.State.initial
        state.status = status
        state.id = id
        state.villageID = villageID
        state.county = county
        state.kind = kind
        state.description = description
        state.depictsPeople = depictsPeople
        state.ich = ich
        state.media = media
        state.provenance = provenance
        state.rights = rights
        state.consents = consents
        state.registeredBy = registeredBy
        state.submittedBy = submittedBy
        state.publishedBy = publishedBy
        state.publishedAt = publishedAt
        state.visitorNote = visitorNote
        state.contributorName = contributorName
        state.withdrawalReason = withdrawalReason
        return state
    }
}

extension ArchiveItem.Event {
    /// The item an event is about.
    public var itemID: ItemID {
        switch self {
        case .registered(let e): e.itemID
        case .contributed(let e): e.itemID
        case .descriptionRevised(let e): e.itemID
        case .mediaAttached(let e): e.itemID
        case .provenanceRecorded(let e): e.itemID
        case .rightsAssigned(let e): e.itemID
        case .consentRecorded(let e): e.itemID
        case .submittedForReview(let e): e.itemID
        case .published(let e): e.itemID
        case .withdrawn(let e): e.itemID
        }
    }
}

extension ReadModelChanges {
    /// Folds an item event into the item snapshot kept in `table` (column `doc`), returning the new snapshot.
    /// `columns` gets the new snapshot and the previous one with its row (to reuse columns that did not change).
    mutating func foldItem(
        _ event: ArchiveItem.Event, in table: ReadModelTable,
        columns: (ItemSnapshot, _ previous: (snapshot: ItemSnapshot, row: ReadModelRow)?) -> ReadModelColumns
    ) async throws -> ItemSnapshot {
        let key = event.itemID
        let previousRow = try await get(table, key)
        let previous = try previousRow.map { try $0.document(ItemSnapshot.self) }
        let state = ArchiveItem.evolve(previous?.state ?? .initial, event)
        let snapshot = ItemSnapshot(state)
        let values = columns(snapshot, previous.flatMap { snapshot in previousRow.map { (snapshot, $0) } })
        put(table, ReadModelRow(key: key, values).withDocument(snapshot) { try EncodedSnapshots.shared.json(for: snapshot) })
        return snapshot
    }
}
