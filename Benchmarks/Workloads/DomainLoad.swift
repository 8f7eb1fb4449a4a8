import EventLog
import EventLogPostgres
import Foundation

/// Appends a ``DomainMix`` to a store in large atomic batches (one statement per batch, streams grouped in order):
/// how the projection benchmarks fill a fresh log. Not a timed workload.
enum DomainLoad {
    /// Appends `count` events of `mix`, `batch` per call; returns the seconds it took.
    static func append(
        _ count: Int, of mix: inout DomainMix, to store: any EventStore, batch: Int = 5_000
    ) async throws -> Double {
        let start = ContinuousClock.now
        var remaining = count
        while remaining > 0 {
            let size = min(batch, remaining)
            var order: [StreamID] = []
            var grouped: [StreamID: [NewEvent]] = [:]
            for _ in 0..<size {
                let (stream, event) = mix.next()
                if grouped[stream] == nil { order.append(stream) }
                grouped[stream, default: []].append(event)
            }
            let requests = order.map { AppendRequest(streamID: $0, expected: .any, events: grouped[$0] ?? []) }
            _ = try await store.appendAtomically(requests)
            remaining -= size
        }
        return (ContinuousClock.now - start).seconds
    }
}
