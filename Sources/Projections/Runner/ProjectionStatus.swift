import EventLog
import Foundation

/// Where a projection stands, for `cunshi projections status` and the admin API.
public struct ProjectionStatus: Sendable, Hashable, Codable {
    public enum State: Sendable, Hashable, Codable {
        /// Caught up and following the log.
        case running
        /// Behind the log and working through it (or idle with nobody running it, as far as this process knows).
        case catchingUp
        /// A new generation is being built beside the active one.
        case rebuilding
        /// Another runner holds the lock; this process stands by.
        case standby
        /// Stopped, with why (a poison event names the event and the error).
        case stopped(ProjectionStop)
    }

    public var name: String
    public var state: State
    public var activeGeneration: Int
    /// The active generation's checkpoint: cursor, position and hub time of the last event seen.
    public var cursor: LogCursor
    public var position: Int64
    public var lastEventAt: Date?
    /// Events in the log after the checkpoint (counted up to ``lagLimit``; ``lagIsLowerBound`` when more).
    public var lagEvents: Int
    public var lagIsLowerBound: Bool
    /// Age of the oldest event not yet seen (0 when caught up).
    public var lagSeconds: Double
    /// The generation being rebuilt and how far it is.
    public var rebuild: Rebuild?

    public struct Rebuild: Sendable, Hashable, Codable {
        public var generation: Int
        public var position: Int64
        public var lagEvents: Int
        public var lagIsLowerBound: Bool
    }

    public static let lagLimit = 10_000
}

extension ProjectionDaemon {
    /// The status of every projection (from the checkpoints, so it shows runners of every hub instance).
    public func status(now: Date = Date()) async throws -> [ProjectionStatus] {
        var result: [ProjectionStatus] = []
        for projection in projections {
            let registration = try await storage.registration(projection.name)
            let active = try await storage.checkpoint(projection.name, generation: registration.activeGeneration)
            let cursor = active?.cursor ?? .start
            let (lag, lowerBound, oldest) = try await lagAfter(cursor)
            var rebuild: ProjectionStatus.Rebuild?
            if let building = registration.buildingGeneration {
                let checkpoint = try await storage.checkpoint(projection.name, generation: building)
                let (buildLag, buildLowerBound, _) = try await lagAfter(checkpoint?.cursor ?? .start)
                rebuild = .init(
                    generation: building, position: checkpoint?.position ?? 0, lagEvents: buildLag,
                    lagIsLowerBound: buildLowerBound)
            }
            let state: ProjectionStatus.State
            if let stop = active?.stop, stop.reason != .cancelled {
                state = .stopped(stop)
            } else if rebuild != nil {
                state = .rebuilding
            } else if case .standby? = runners[projection.name]?.phase {
                state = .standby
            } else {
                state = lag == 0 ? .running : .catchingUp
            }
            result.append(ProjectionStatus(
                name: projection.name, state: state, activeGeneration: registration.activeGeneration, cursor: cursor,
                position: active?.position ?? 0, lastEventAt: active?.lastRecordedAt, lagEvents: lag,
                lagIsLowerBound: lowerBound, lagSeconds: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0,
                rebuild: rebuild))
        }
        return result
    }

    /// Events after `cursor` (capped), whether there are more, and the hub time of the first.
    private func lagAfter(_ cursor: LogCursor) async throws -> (Int, Bool, Date?) {
        var count = 0
        var next = cursor
        var oldest: Date?
        while count < ProjectionStatus.lagLimit {
            let page = try await store.readLog(after: next, filter: .all, limit: min(1_000, ProjectionStatus.lagLimit - count))
            if oldest == nil { oldest = page.events.first?.recordedAt }
            count += page.events.count
            if page.events.isEmpty { return (count, false, oldest) }
            next = page.next
        }
        let more = try await store.readLog(after: next, filter: .all, limit: 1)
        return (count, !more.events.isEmpty, oldest)
    }
}
