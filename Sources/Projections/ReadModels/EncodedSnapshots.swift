import Synchronization

/// The JSON of item snapshots this process encoded lately. Three projections (catalog, tour item cards, rights
/// audit) keep the same snapshot of an item, and each would otherwise encode it again. Keyed by the whole snapshot
/// (equal snapshots, equal JSON); bounded: two generations of `limit` entries.
final class EncodedSnapshots: Sendable {
    static let shared = EncodedSnapshots(limit: 5_000)

    private struct State {
        var recent: [ItemSnapshot: String] = [:]
        var older: [ItemSnapshot: String] = [:]
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    func json(for snapshot: ItemSnapshot) throws -> String {
        if let json = state.withLock({ $0.recent[snapshot] ?? $0.older[snapshot] }) { return json }
        let json = try ReadModelJSON.encode(snapshot)
        state.withLock { state in
            state.recent[snapshot] = json
            if state.recent.count >= limit {
                state.older = state.recent
                state.recent = [:]
            }
        }
        return json
    }
}
