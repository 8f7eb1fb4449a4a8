import Synchronization

/// Rows of one generation as its runner has read or committed them, kept between batches so that a projection's
/// reads (`ReadModelChanges.get`) mostly stay in memory instead of costing a database round trip each.
///
/// Rules that keep it true:
/// - Only the runner holding the generation's lock writes the generation, so committed rows cannot change under it;
///   the cache lives for one `drive` session (one lock tenure) and is dropped with it.
/// - It learns rows from database reads and from **committed** batches only (``committed(_:)`` after the commit
///   succeeded); a failed commit leaves it as the database is.
/// - A generation that had no checkpoint when the session began has no rows (rows and checkpoint commit together),
///   so a miss means "absent" — no read — until the cache evicts a row of that table (`complete` per table).
/// - It holds at most about `limitBytes`: a two-generation LRU (recent and older rows; the older half is dropped
///   when the recent half is full).
/// - It keeps the committed rows of a table only once the projection has read that table: a table a projection
///   only writes (item history: one row per event) would fill it for nothing. Rows of a table written before its
///   first read are not known to it, so that table is read from the database on a miss, as after an eviction.
final class RowCache: Sendable {
    enum Lookup: Equatable {
        case row(ReadModelRow)
        case absent
        case unknown
    }

    private struct Slot: Hashable {
        var table: String
        var key: String
    }

    private struct State {
        var recent: [Slot: ReadModelRow?] = [:]
        var older: [Slot: ReadModelRow?] = [:]
        var recentBytes = 0
        /// Tables some of whose rows it does not know (evicted, or written before the table was read).
        var incomplete: Set<String> = []
        /// Tables the projection has read in this session.
        var read: Set<String> = []
    }

    let limitBytes: Int
    let startedEmpty: Bool
    private let state = Mutex(State())

    init(limitBytes: Int, startedEmpty: Bool) {
        self.limitBytes = max(0, limitBytes)
        self.startedEmpty = startedEmpty
    }

    func lookup(_ table: ReadModelTable, _ key: String) -> Lookup {
        let slot = Slot(table: table.name, key: key)
        return state.withLock { state in
            if !state.read.contains(table.name) { state.read.insert(table.name) }
            if let cached = state.recent[slot] { return cached.map(Lookup.row) ?? .absent }
            if let cached = state.older.removeValue(forKey: slot) {
                Self.insert(slot, cached, into: &state, limit: limitBytes)
                return cached.map(Lookup.row) ?? .absent
            }
            return startedEmpty && !state.incomplete.contains(table.name) ? .absent : .unknown
        }
    }

    /// A row read from the database (`nil`: not there).
    func remember(_ table: ReadModelTable, _ key: String, _ row: ReadModelRow?) {
        guard limitBytes > 0 else { return }
        state.withLock { Self.insert(Slot(table: table.name, key: key), row, into: &$0, limit: limitBytes) }
    }

    /// A batch's changes, once committed.
    func committed(_ changes: [ReadModelChange]) {
        state.withLock { state in
            for change in changes {
                let table: ReadModelTable, key: String, row: ReadModelRow?
                switch change {
                case let .upsert(changed, written): (table, key, row) = (changed, written.key, written)
                case let .delete(changed, deleted): (table, key, row) = (changed, deleted, nil)
                }
                let slot = Slot(table: table.name, key: key)
                if limitBytes > 0, state.read.contains(table.name) {
                    Self.insert(slot, row, into: &state, limit: limitBytes)
                } else {
                    state.recent.removeValue(forKey: slot)
                    state.older.removeValue(forKey: slot)
                    state.incomplete.insert(table.name)
                }
            }
        }
    }

    private static func insert(_ slot: Slot, _ row: ReadModelRow?, into state: inout State, limit: Int) {
        state.older.removeValue(forKey: slot)
        if state.recent.updateValue(row, forKey: slot) == nil { state.recentBytes += size(slot, row) }
        guard state.recentBytes > limit / 2 else { return }
        // The older half goes; every table that loses a row is no longer known in full.
        for evicted in state.older.keys { state.incomplete.insert(evicted.table) }
        state.older = state.recent
        state.recent = [:]
        state.recentBytes = 0
    }

    /// About what a row costs in memory: its texts, plus fixed overheads per value and per row.
    private static func size(_ slot: Slot, _ row: ReadModelRow?) -> Int {
        var bytes = 96 + slot.key.utf8.count
        for value in row?.values.values ?? [:].values {
            bytes += 48
            if case .text(let text) = value { bytes += text.utf8.count }
        }
        return bytes
    }
}
