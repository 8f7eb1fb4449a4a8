import EventLog
import Foundation

/// The pending writes of one batch of events to one generation of the read models: a unit of work.
///
/// Reads see the batch's own pending writes first, then those of the batch before it while that one's commit is still
/// in flight, then the committed rows — from the runner's ``RowCache`` when it knows them (the runner is the only
/// writer of its generation, so committed rows cannot change under it). Nothing reaches the database until the runner
/// commits the batch together with its checkpoint.
public struct ReadModelChanges: Sendable {
    struct Slot: Sendable, Hashable {
        var table: ReadModelTable
        var key: String

        // A table is known by its name: hashing its whole declaration (every column) on each read and write cost
        // more than the rest of the lookup.
        static func == (lhs: Slot, rhs: Slot) -> Bool { lhs.key == rhs.key && lhs.table.name == rhs.table.name }

        func hash(into hasher: inout Hasher) {
            hasher.combine(table.name)
            hasher.combine(key)
        }
    }

    let storage: any ProjectionStorage
    public let generation: Int
    let cache: RowCache?
    private var pending: [Slot: ReadModelRow?] = [:]
    /// The writes of the previous batch, whose commit runs while this batch is applied: the database does not have
    /// them yet, and the cache learns them only once they are committed.
    private let inFlight: [Slot: ReadModelRow?]
    private var order: [Slot] = []
    /// What the current event changed, to take it back if the event turns out to be poison (see ``beginEvent()``).
    private var undo: [(slot: Slot, previous: ReadModelRow??)] = []
    private var undoOrderCount = 0
    /// The current event's domain event, when the runner had it decoded (``beginEvent(decoded:)``).
    private var decoded: (id: UUID, event: DecodedLogPage.Decoded)?

    init(storage: any ProjectionStorage, generation: Int, cache: RowCache? = nil, inFlight: [Slot: ReadModelRow?] = [:]) {
        self.storage = storage
        self.generation = generation
        self.cache = cache
        self.inFlight = inFlight
    }

    /// The row of `table` with `key`, including this batch's writes.
    public func get(_ table: ReadModelTable, _ key: String) async throws -> ReadModelRow? {
        let slot = Slot(table: table, key: key)
        if let written = pending[slot] ?? inFlight[slot] { return written }
        switch cache?.lookup(table, key) ?? .unknown {
        case .row(let row): return row
        case .absent: return nil
        case .unknown:
            let row = try await storage.fetch(table, generation: generation, key: key)
            cache?.remember(table, key, row)
            return row
        }
    }

    /// Inserts or replaces a row.
    public mutating func put(_ table: ReadModelTable, _ row: ReadModelRow) {
        record(Slot(table: table, key: row.key), row)
    }

    /// Deletes a row (nothing when it does not exist).
    public mutating func delete(_ table: ReadModelTable, _ key: String) {
        record(Slot(table: table, key: key), nil)
    }

    /// Reads a row (or starts from `initial`), lets `body` change it, and puts it back.
    public mutating func update(
        _ table: ReadModelTable, _ key: String, initial: @autoclosure () -> ReadModelRow? = nil,
        _ body: (inout ReadModelRow) throws -> Void
    ) async throws {
        guard var row = try await get(table, key) ?? initial() else { return }
        try body(&row)
        put(table, row)
    }

    private mutating func record(_ slot: Slot, _ row: ReadModelRow?) {
        let previous = pending.updateValue(row, forKey: slot)
        undo.append((slot, previous))
        if case .none = previous { order.append(slot) }
    }

    /// Starts an event: what it changes can be taken back with ``discardEvent()`` (cheaper than copying the whole
    /// unit of work before every event, which made a batch quadratic in its size). `decoded`: the event's domain
    /// event (or decoding error) when the runner has it decoded already, with the event's id.
    mutating func beginEvent(decoded: (id: UUID, event: DecodedLogPage.Decoded)? = nil) {
        undo.removeAll(keepingCapacity: true)
        undoOrderCount = order.count
        self.decoded = decoded
    }

    /// The domain event of `event`, as ``DomainEvent/decode(_:)`` gives it; a projection reads its events so,
    /// because the runner may have it decoded already (once for every runner reading a shared page).
    public func domainEvent(_ event: RecordedEvent) throws -> DomainEvent? {
        if let decoded, decoded.id == event.id { return try decoded.event.result.get() }
        return try DomainEvent.decode(event)
    }

    /// Whether the runner handed over `event`'s domain event decoded (``beginEvent(decoded:)``).
    func hasDecoded(_ event: RecordedEvent) -> Bool { decoded?.id == event.id }

    /// Takes back every change since ``beginEvent()``.
    mutating func discardEvent() {
        for (slot, previous) in undo.reversed() {
            if let previous { pending.updateValue(previous, forKey: slot) } else { pending.removeValue(forKey: slot) }
        }
        order.removeLast(order.count - undoOrderCount)
        undo.removeAll(keepingCapacity: true)
    }

    /// The writes, one per touched row, in first-touched order, with every document encoded.
    func changeList() throws -> [ReadModelChange] {
        try order.map { slot in
            switch pending[slot] {
            case .some(.some(let row)): .upsert(slot.table, try row.materialized())
            default: .delete(slot.table, key: slot.key)
            }
        }
    }

    public var isEmpty: Bool { order.isEmpty }

    /// Every row the batch wrote (`nil`: deleted), for the next batch to read while this one commits.
    var writes: [Slot: ReadModelRow?] { pending }
}
