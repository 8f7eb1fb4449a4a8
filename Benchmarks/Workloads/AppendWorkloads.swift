import EventLog
import EventLogPostgres
import Foundation

/// W1 and W2: appends through the store's real append path, with expected versions.
enum AppendWorkloads {
    struct Ack: Sendable {
        var id: UUID
        var stream: StreamID
        var version: Int64
        var cursor: LogCursor
    }

    /// `writers` concurrent writers append `total` events in calls of `batch` events over `streamCount` streams.
    /// Writer k owns the streams i ≡ k (mod writers) and goes through them round-robin, tracking each stream's
    /// version and appending with `.exact(version)`. Returns the acknowledgements and the timed seconds.
    static func run(
        store: PostgresEventStore, name: String, writers: Int, total: Int, batch: Int, streamCount: Int
    ) async throws -> (acks: [Ack], seconds: Double) {
        let streams = try (0..<streamCount).map { try StreamID("\(name)-\($0)-\(UUID().uuidString.lowercased())") }
        let callsPerWriter = total / (writers * batch)
        let start = ContinuousClock.now
        let acks = try await withThrowingTaskGroup(of: [Ack].self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let mine = stride(from: writer, to: streams.count, by: writers).map { streams[$0] }
                    var versions = [StreamID: Int64]()
                    var acks: [Ack] = []
                    acks.reserveCapacity(callsPerWriter * batch)
                    for call in 0..<callsPerWriter {
                        let stream = mine[call % mine.count]
                        let version = versions[stream] ?? 0
                        let events = (0..<batch).map { index in
                            NewEvent(type: "OrderPlaced", payload: BenchPayload.make(call * batch + index))
                        }
                        let result = try await store.append(events, to: stream, expected: .exact(version))
                        versions[stream] = result.lastVersion
                        for (offset, event) in events.enumerated() {
                            acks.append(Ack(
                                id: event.id, stream: stream, version: version + Int64(offset) + 1,
                                cursor: offset == events.count - 1 ? result.lastCursor
                                    : LogCursor(commitOrder: result.lastCursor.commitOrder, position: result.positions[offset])))
                        }
                    }
                    return acks
                }
            }
            return try await group.reduce(into: [Ack]()) { $0 += $1 }
        }
        let seconds = (ContinuousClock.now - start).seconds
        guard acks.count == total else {
            throw BenchFailure("\(name): \(acks.count) acknowledged, expected \(total)")
        }
        return (acks, seconds)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
