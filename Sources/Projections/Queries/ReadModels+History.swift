import Domain
import EventLog
import Foundation

/// An item as it was at a moment of the log.
public struct ItemAsOf: Sendable {
    /// The item's state then (`status == .nonexistent` before its first event).
    public var state: ArchiveItem.State
    /// The events folded, in stream order (who, when, from which device).
    public var events: [ItemHistoryEntry]
    /// The last event folded, if any.
    public var lastEvent: ItemHistoryEntry? { events.last }

    /// The item folded from `events` — events of its stream, in stream order — with the domain's
    /// `ArchiveItem.evolve`. Throws when one of them cannot be read.
    public init(folding events: [RecordedEvent]) throws {
        var state = ArchiveItem.State.initial
        var entries: [ItemHistoryEntry] = []
        for event in events {
            guard case .item(let itemEvent)? = try DomainEvent.decode(event) else { continue }
            state = ArchiveItem.evolve(state, itemEvent)
            entries.append(ItemHistoryEntry(event, itemEvent))
        }
        self.state = state
        self.events = entries
    }
}

extension ItemAsOf: Encodable {
    private enum CodingKeys: String, CodingKey { case item, events }

    /// Encodes the state as an ``ItemSnapshot`` document.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ItemSnapshot(state), forKey: .item)
        try container.encode(events, forKey: .events)
    }
}

extension ReadModels {
    static let itemHistory = "item-history"

    /// Every event of an item in stream order: type, actor, device, hub time, position and a summary.
    public func itemHistory(_ itemID: ItemID) async throws -> [ItemHistoryEntry] {
        let generation = try await generation(Self.itemHistory)
        return try await storage.select(
            ReadModelTables.itemHistory, generation: generation,
            ReadModelQuery([.equals("item_id", .text(itemID))], orderBy: [.asc("version")])
        ).map { try $0.document(ItemHistoryEntry.self) }
    }

    /// The item as of log position `position`: its events at positions ≤ `position`, folded with the domain's
    /// `ArchiveItem.evolve`. Read from the log itself, so it never lags.
    public func itemAsOf(_ itemID: ItemID, position: Int64) async throws -> ItemAsOf {
        try await itemAsOf(itemID) { $0.position <= position }
    }

    /// The item as of a log cursor (everything a reader had seen at that cursor).
    public func itemAsOf(_ itemID: ItemID, cursor: LogCursor) async throws -> ItemAsOf {
        try await itemAsOf(itemID) { $0.cursor <= cursor }
    }

    /// The item as of a hub time: its events recorded at or before `time`.
    public func itemAsOf(_ itemID: ItemID, time: Date) async throws -> ItemAsOf {
        try await itemAsOf(itemID) { $0.recordedAt <= time }
    }

    private func itemAsOf(_ itemID: ItemID, including: (RecordedEvent) -> Bool) async throws -> ItemAsOf {
        let stream = try StreamID(ArchiveItem.streamID(for: itemID))
        return try ItemAsOf(folding: try await store.readStream(stream).filter(including))
    }
}
