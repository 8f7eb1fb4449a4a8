import Domain
import EventLog
import Foundation

/// The public, read-only face of the read models: what the HTTP API, kiosk screens and agents query.
///
/// Every query reads the **active** generation of its projection (a rebuild switches readers atomically).
/// Read-after-write: ``waiting(for:timeout:)`` returns a copy whose queries first wait (bounded) until the
/// projection has passed a log cursor — e.g. the `lastCursor` of the append that a command made — and throw
/// ``ProjectionError/timedOut(projection:waitedFor:)`` when it does not in time.
public struct ReadModels: Sendable {
    public let storage: any ProjectionStorage
    public let store: any EventStore
    var readAfter: (cursor: LogCursor, timeout: Duration)?

    public init(storage: any ProjectionStorage, store: any EventStore) {
        self.storage = storage
        self.store = store
    }

    /// A copy whose queries wait until their projection has passed `cursor`.
    public func waiting(for cursor: LogCursor, timeout: Duration = .seconds(2)) -> ReadModels {
        var copy = self
        copy.readAfter = (cursor, timeout)
        return copy
    }

    /// Waits until the active generation of `projection` has passed `cursor`; throws when `timeout` elapses first
    /// (or the projection is stopped on a poison event, saying so).
    public func waitUntil(_ projection: String, reached cursor: LogCursor, timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var lastStop: ProjectionStop?
        while true {
            let generation = try await storage.registration(projection).activeGeneration
            let checkpoint = try await storage.checkpoint(projection, generation: generation)
            if let checkpoint, checkpoint.cursor >= cursor { return }
            lastStop = checkpoint?.stop
            if clock.now >= deadline || lastStop?.reason == .poisonEvent {
                let stopped = lastStop.map { " (stopped: \($0.message))" } ?? ""
                throw ProjectionError.timedOut(projection: projection, waitedFor: "log cursor \(cursor.token)\(stopped)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The active generation of `projection`, after the read-after-write wait if one was asked for.
    func generation(_ projection: String) async throws -> Int {
        if let (cursor, timeout) = readAfter { try await waitUntil(projection, reached: cursor, timeout: timeout) }
        return try await storage.registration(projection).activeGeneration
    }
}

/// A page of results.
public struct Page: Sendable, Hashable, Codable {
    public var number: Int
    public var size: Int

    public init(number: Int = 1, size: Int = 50) {
        self.number = max(1, number)
        self.size = min(max(1, size), 500)
    }

    public static let first = Page()
    var offset: Int { (number - 1) * size }
}
