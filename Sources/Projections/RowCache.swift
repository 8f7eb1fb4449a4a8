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
///   when the recent half is full). Caches that share a ``RowCacheBudget`` (rebuilds side by side) also hold at most
///   about the budget's limit together: while they are over it, a cache holding at least its fair share drops its
///   older half at its next insert.
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
        /// What `older` held when it was the recent half (rows taken out of it since still count: an overestimate).
        var olderBytes = 0
        /// Tables some of whose rows it does not know (evicted, or written before the table was read).
        var incomplete: Set<String> = []
        /// Tables the projection has read in this session.
        var read: Set<String> = []
    }

    let limitBytes: Int
    let startedEmpty: Bool
    let budget: RowCacheBudget?
    private let state = Mutex(State())

    init(limitBytes: Int, startedEmpty: Bool, budget: RowCacheBudget? = nil) {
        self.limitBytes = max(0, limitBytes)
        self.startedEmpty = startedEmpty
        self.budget = budget
        budget?.join()
    }

    deinit {
        budget?.leave(releasing: state.withLock { $0.recentBytes + $0.olderBytes })
    }

    /// About how much it holds now.
    var heldBytes: Int { state.withLock { $0.recentBytes + $0.olderBytes } }

    func lookup(_ table: ReadModelTable, _ key: String) -> Lookup {
        let slot = Slot(table: table.name, key: key)
        return state.withLock { state in
            if !state.read.contains(table.name) { state.read.insert(table.name) }
            if let cached = state.recent[slot] { return cached.map(Lookup.row) ?? .absent }
            if let cached = state.older.removeValue(forKey: slot) {
                insert(slot, cached, into: &state)
                return cached.map(Lookup.row) ?? .absent
            }
            return startedEmpty && !state.incomplete.contains(table.name) ? .absent : .unknown
        }
    }

    /// A row read from the database (`nil`: not there).
    func remember(_ table: ReadModelTable, _ key: String, _ row: ReadModelRow?) {
        guard limitBytes > 0 else { return }
        state.withLock { insert(Slot(table: table.name, key: key), row, into: &$0) }
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
                    insert(slot, row, into: &state)
                } else {
                    state.recent.removeValue(forKey: slot)
                    state.older.removeValue(forKey: slot)
                    state.incomplete.insert(table.name)
                }
            }
        }
    }

    private func insert(_ slot: Slot, _ row: ReadModelRow?, into state: inout State) {
        state.older.removeValue(forKey: slot)
        var overBudget = false
        if state.recent.updateValue(row, forKey: slot) == nil {
            let bytes = Self.size(slot, row)
            state.recentBytes += bytes
            overBudget = budget?.add(bytes, holding: state.recentBytes + state.olderBytes) ?? false
        }
        guard state.recentBytes > limitBytes / 2 || overBudget else { return }
        // The older half goes; every table that loses a row is no longer known in full.
        for evicted in state.older.keys { state.incomplete.insert(evicted.table) }
        budget?.release(state.olderBytes)
        state.older = state.recent
        state.olderBytes = state.recentBytes
        state.recent = [:]
        state.recentBytes = 0
    }

    /// About what a row costs in memory: its texts, plus fixed overheads per value and per row.
    private static func size(_ slot: Slot, _ row: ReadModelRow?) -> Int {
        var bytes = 96 + slot.key.utf8.count
        for (_, value) in row?.values ?? [:] {
            bytes += 48
            if case .text(let text) = value { bytes += text.utf8.count }
        }
        return bytes
    }
}

/// One memory bound for the row caches of several runners (``ProjectionDaemon/rebuild(_:)-([String])``: rebuilds side
/// by side): together they hold about `limitBytes`, and the largest give way first.
final class RowCacheBudget: Sendable {
    private struct State {
        var usedBytes = 0
        var members = 0
    }

    let limitBytes: Int
    private let state = Mutex(State())

    init(limitBytes: Int) { self.limitBytes = max(0, limitBytes) }

    var usedBytes: Int { state.withLock { $0.usedBytes } }

    func join() { state.withLock { $0.members += 1 } }

    func leave(releasing bytes: Int) {
        state.withLock { state in
            state.members -= 1
            state.usedBytes -= bytes
        }
    }

    /// Counts `bytes` more for a cache now `holding` that much; answers whether that cache should give way: the
    /// caches are over the limit together and it holds at least its fair share.
    func add(_ bytes: Int, holding: Int) -> Bool {
        state.withLock { state in
            state.usedBytes += bytes
            return state.usedBytes > limitBytes && holding >= limitBytes / max(1, state.members)
        }
    }

    func release(_ bytes: Int) { state.withLock { $0.usedBytes -= bytes } }
}
