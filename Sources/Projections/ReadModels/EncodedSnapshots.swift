import Domain
import Synchronization

/// The JSON of item snapshots this process encoded lately. Three projections (catalog, tour item cards, rights
/// audit) keep the same snapshot of an item, and each would otherwise encode it again.
///
/// Rules: an entry answers only for a snapshot **equal** to the one it was encoded from (equal snapshots, equal
/// JSON). It is found by the item's id — hashing a whole snapshot (every text of its description) cost more than
/// the lookup saved — and holds the item's latest snapshot only. Bounded: two generations of `limit` items.
final class EncodedSnapshots: Sendable {
    static let shared = EncodedSnapshots(limit: 5_000)

    private struct Entry {
        var snapshot: ItemSnapshot
        var json: String
    }

    private struct State {
        var recent: [ItemID: Entry] = [:]
        var older: [ItemID: Entry] = [:]
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    func json(for snapshot: ItemSnapshot) throws -> String {
        let cached = state.withLock { state -> String? in
            guard let entry = state.recent[snapshot.id] ?? state.older[snapshot.id], entry.snapshot == snapshot else {
                return nil
            }
            return entry.json
        }
        if let cached { return cached }
        let json = try snapshot.json()
        state.withLock { state in
            state.recent[snapshot.id] = Entry(snapshot: snapshot, json: json)
            if state.recent.count >= limit {
                state.older = state.recent
                state.recent = [:]
            }
        }
        return json
    }
}
