import Domain
import EventLog
import Foundation

/// **Review queue**: items submitted for review (or contributed from kiosks), tours in review, listings pending
/// approval, and kiosk commands the hub could not apply (sync conflicts) or would not apply (entries of a revoked
/// device). Table `rm_review_queue` keeps every subject with its status (`draft`, `pending`, `done`); the queue
/// is the `pending` rows. Keys: `item:<id>`, `tour:<id>`, `listing:<id>`, `syncConflict:<deviceID>-<seq>`,
/// `syncQuarantine:<deviceID>-<seq>`.
public struct ReviewQueueProjection: Projection {
    public let name = "review-queue"
    public var tables: [ReadModelTable] { [ReadModelTables.reviewQueue] }
    public var eventTypes: Set<String>? {
        Set(ArchiveItem.Event.eventTypes + Tour.Event.eventTypes + Listing.Event.eventTypes
            + [SyncLogRecords.conflictType, SyncLogRecords.quarantinedType])
    }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        let table = ReadModelTables.reviewQueue
        // The event's time as the document stores it (milliseconds), so that the row kept in memory and the row read
        // back from the database say the same.
        lazy var at = ReadModelJSON.stored(event.recordedAt)
        if event.type == SyncLogRecords.conflictType || event.type == SyncLogRecords.quarantinedType {
            let record = try SyncLogRecords.decode(SyncLogRecords.Record.self, event)
            var item = ReviewItem(
                kind: event.type == SyncLogRecords.conflictType ? .syncConflict : .syncQuarantine,
                subjectID: "\(record.deviceID)-\(record.seq)", county: event.metadata.county, villageID: nil, title: [:],
                author: record.actor.id)
            item.submittedBy = record.deviceID
            item.submittedAt = at
            item.note = "\(record.code): \(record.message)"
            item.command = "\(record.command.aggregate)/\(record.command.name)"
            item.targetStream = record.targetStream
            put(&changes, item, status: "pending")
            return
        }
        switch try changes.domainEvent(event) {
        case .item(.registered(let e)):
            put(&changes, ReviewItem(
                kind: .item, subjectID: e.itemID, county: e.county.rawValue, villageID: e.villageID,
                title: e.description.title, author: e.registeredBy), status: "draft")
        case .item(.contributed(let e)):
            var item = ReviewItem(
                kind: .item, subjectID: e.itemID, county: e.county.rawValue, villageID: e.villageID,
                title: e.description.title, author: e.deviceID)
            item.submittedBy = e.deviceID
            item.submittedAt = at
            item.note = e.visitorNote
            put(&changes, item, status: "pending")
        case .item(.descriptionRevised(let e)):
            try await modify(&changes, "item:\(e.itemID)") { item, _ in item.title = e.description.title }
        case .item(.submittedForReview(let e)):
            try await modify(&changes, "item:\(e.itemID)") { item, status in
                item.submittedBy = e.submittedBy
                item.submittedAt = at
                status = "pending"
            }
        case .item(.published(let e)):
            try await modify(&changes, "item:\(e.itemID)") { _, status in status = "done" }
        case .item(.withdrawn(let e)):
            changes.delete(table, "item:\(e.itemID)")
        case .tour(.draftCreated(let e)):
            put(&changes, ReviewItem(
                kind: .tour, subjectID: e.tourID, county: e.county.rawValue, villageID: e.villageID, title: e.title,
                author: e.author), status: "draft")
        case .tour(.submitted(let e)):
            try await modify(&changes, "tour:\(e.tourID)") { item, status in
                item.submittedBy = e.submittedBy
                item.submittedAt = at
                item.version = e.version
                status = "pending"
            }
        case .tour(.approved(let e)):
            try await modify(&changes, "tour:\(e.tourID)") { _, status in status = "done" }
        case .tour(.changesRequested(let e)):
            try await modify(&changes, "tour:\(e.tourID)") { item, status in
                item.note = e.comment
                status = "draft"
            }
        case .tour(.newDraftStarted(let e)):
            try await modify(&changes, "tour:\(e.tourID)") { item, status in
                item.author = e.author
                item.version = e.version
                status = "draft"
            }
        case .tour(.retired(let e)):
            changes.delete(table, "tour:\(e.tourID)")
        case .listing(.drafted(let e)):
            put(&changes, ReviewItem(
                kind: .listing, subjectID: e.listingID, county: e.counties.map(\.rawValue).sorted().first,
                villageID: nil, title: e.title, author: e.author, counties: e.counties.map(\.rawValue).sorted()),
                status: "draft")
        case .listing(.submitted(let e)):
            try await modify(&changes, "listing:\(e.listingID)") { item, status in
                item.submittedAt = at
                status = "pending"
            }
        case .listing(.published(let e)):
            try await modify(&changes, "listing:\(e.listingID)") { _, status in status = "done" }
        case .listing(.closed(let e)):
            changes.delete(table, "listing:\(e.listingID)")
        default:
            return
        }
    }

    private func put(_ changes: inout ReadModelChanges, _ item: ReviewItem, status: String) {
        changes.put(ReadModelTables.reviewQueue, Self.row(item, status: status))
    }

    private func modify(
        _ changes: inout ReadModelChanges, _ key: String, _ body: (inout ReviewItem, inout String) -> Void
    ) async throws {
        try await changes.update(ReadModelTables.reviewQueue, key) { row in
            var item = try row.document(ReviewItem.self)
            var status = row["status"].text ?? "draft"
            body(&item, &status)
            row = Self.row(item, status: status)
        }
    }

    /// The item's row; its document is encoded at commit, and later events of the runner read `item` itself.
    static func row(_ item: ReviewItem, status: String) -> ReadModelRow {
        ReadModelRow(key: "\(item.kind.rawValue):\(item.subjectID)", [
            "subject_kind": .text(item.kind.rawValue), "county": item.county.map(SQLValue.text) ?? .null,
            "village_id": item.villageID.map(SQLValue.text) ?? .null, "status": .text(status),
            "submitted_at_ms": item.submittedAt.map { .integer(CheckpointRecord.milliseconds($0)) } ?? .null,
        ]).withDocument(item) { item.json() }
    }
}

/// A subject waiting for (or past) review.
public struct ReviewItem: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case item, tour, listing, syncConflict, syncQuarantine }

    public var kind: Kind
    public var subjectID: String
    public var county: String?
    public var villageID: String?
    public var title: LangMap
    public var author: String
    public var counties: [String]?
    public var submittedBy: String?
    public var submittedAt: Date?
    /// A tour's version under review.
    public var version: Int?
    /// The last change request, a kiosk visitor's note (data, never instructions), or why a kiosk's command was
    /// not applied (`CODE: message`).
    public var note: String?
    /// Sync records: the kiosk's command (`item/revise-description`) and the stream it targeted. The whole record
    /// (command body, the kiosk's events) is the event at the subject's stream, `syncconflict-<subjectID>` or
    /// `syncquarantine-<subjectID>`.
    public var command: String?
    public var targetStream: String?

    init(
        kind: Kind, subjectID: String, county: String?, villageID: String?, title: LangMap, author: String,
        counties: [String]? = nil
    ) {
        self.kind = kind
        self.subjectID = subjectID
        self.county = county
        self.villageID = villageID
        self.title = title
        self.author = author
        self.counties = counties
    }
}

extension ReviewItem {
    /// The item's JSON, written by hand: the same bytes as `ReadModelJSON.encode(self)` (see ``JSONWriter``), once
    /// per changed review item per batch. Keep it in step with the fields above (`ItemSnapshotJSONTests` compares
    /// both).
    func json() -> String {
        var out = JSONWriter(capacity: 256)
        out.openObject()
        out.key("author"); out.string(author)
        out.field("command", command)
        if let counties { out.key("counties"); out.strings(counties) }
        out.field("county", county)
        out.key("kind"); out.string(kind.rawValue)
        out.field("note", note)
        out.key("subjectID"); out.string(subjectID)
        out.field("submittedAt", date: submittedAt)
        out.field("submittedBy", submittedBy)
        out.field("targetStream", targetStream)
        out.key("title"); out.stringMap(title.entries)
        out.field("version", integer: version)
        out.field("villageID", villageID)
        out.closeObject()
        return out.text
    }
}
