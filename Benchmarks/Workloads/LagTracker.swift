import EventLog
import Foundation
import Synchronization

/// Measures commit→projected lag: for every acknowledged append, the time from its acknowledgement until every
/// tracked projection has committed a checkpoint at or past its cursor. Fed by the writers (``acknowledged(_:at:)``)
/// and by the runners' commit hook (``committed(_:cursor:at:)``); times are seconds on one monotonic clock.
final class LagTracker: Sendable {
    private struct State {
        var committed: [String: LogCursor]
        var pending = CursorHeap()
        var lags: [Double] = []
        var perProjection: [String: ProjectionLag] = [:]
    }

    /// The lag of one projection alone, for the report.
    struct ProjectionLag {
        var pending = CursorHeap()
        var lags: [Double] = []
    }

    private let state: Mutex<State>

    init(projections: [String]) {
        var initial = State(committed: Dictionary(uniqueKeysWithValues: projections.map { ($0, LogCursor.start) }))
        for name in projections { initial.perProjection[name] = ProjectionLag() }
        state = Mutex(initial)
    }

    func acknowledged(_ cursor: LogCursor, at time: Double) {
        state.withLock { state in
            let lowest = state.committed.values.min() ?? .start
            if cursor <= lowest { state.lags.append(0) } else { state.pending.push(cursor, time) }
            for (name, committed) in state.committed {
                if cursor <= committed { state.perProjection[name]?.lags.append(0) }
                else { state.perProjection[name]?.pending.push(cursor, time) }
            }
        }
    }

    func committed(_ projection: String, cursor: LogCursor, at time: Double) {
        state.withLock { state in
            guard let previous = state.committed[projection], cursor > previous else { return }
            state.committed[projection] = cursor
            if var mine = state.perProjection[projection] {
                while let top = mine.pending.peek(), top.0 <= cursor {
                    mine.lags.append(max(0, time - top.1))
                    mine.pending.pop()
                }
                state.perProjection[projection] = mine
            }
            let lowest = state.committed.values.min() ?? .start
            while let top = state.pending.peek(), top.0 <= lowest {
                state.lags.append(max(0, time - top.1))
                state.pending.pop()
            }
        }
    }

    /// Lags of appends every projection has passed (seconds), and how many are still pending.
    var overall: (lags: [Double], pending: Int) { state.withLock { ($0.lags, $0.pending.count) } }

    var byProjection: [String: [Double]] { state.withLock { $0.perProjection.mapValues(\.lags) } }
}

/// A min-heap of (cursor, time).
struct CursorHeap {
    private var items: [(LogCursor, Double)] = []
    var count: Int { items.count }

    func peek() -> (LogCursor, Double)? { items.first }

    mutating func push(_ cursor: LogCursor, _ time: Double) {
        items.append((cursor, time))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
            if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// Percentiles of a sample (nearest rank).
enum Percentile {
    static func of(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
