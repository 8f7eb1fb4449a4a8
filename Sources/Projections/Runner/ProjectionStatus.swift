import EventLog
import Foundation

/// Where a projection stands, for `cunshi projections status` and the admin API.
public struct ProjectionStatus: Sendable, Hashable, Codable {
    public enum State: Sendable, Hashable, Codable {
        /// Caught up and following the log.
        case running
        /// Behind the log and working through it.
        case catchingUp
        /// No runner holds the projection's lock (no hub runs it), so it does not follow the log.
        case idle
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
    /// Whether a runner (of any process) holds the active generation's lock; `nil` when the storage cannot tell.
    public var runnerActive: Bool?
    /// The generation being rebuilt and how far it is.
    public var rebuild: Rebuild?

    public struct Rebuild: Sendable, Hashable, Codable {
        public var generation: Int
        public var position: Int64
        /// Events the rebuild has handled so far.
        public var eventsSeen: Int64
        public var lagEvents: Int
        public var lagIsLowerBound: Bool
        /// Whether a process is rebuilding it now (`false`: interrupted — `rebuild` again resumes it).
        public var runnerActive: Bool?
        /// Why the rebuild stopped, if it did.
        public var stop: ProjectionStop?

        public init(
            generation: Int, position: Int64, eventsSeen: Int64, lagEvents: Int, lagIsLowerBound: Bool, runnerActive: Bool?,
            stop: ProjectionStop?
        ) {
            self.generation = generation
            self.position = position
            self.eventsSeen = eventsSeen
            self.lagEvents = lagEvents
            self.lagIsLowerBound = lagIsLowerBound
            self.runnerActive = runnerActive
            self.stop = stop
        }
    }

    public static let lagLimit = 10_000

    public init(
        name: String, state: State, activeGeneration: Int, cursor: LogCursor, position: Int64, lastEventAt: Date?,
        lagEvents: Int, lagIsLowerBound: Bool, lagSeconds: Double, runnerActive: Bool?, rebuild: Rebuild?
    ) {
        self.name = name
        self.state = state
        self.activeGeneration = activeGeneration
        self.cursor = cursor
        self.position = position
        self.lastEventAt = lastEventAt
        self.lagEvents = lagEvents
        self.lagIsLowerBound = lagIsLowerBound
        self.lagSeconds = lagSeconds
        self.runnerActive = runnerActive
        self.rebuild = rebuild
    }
}

extension ProjectionDaemon {
    /// The status of every projection (from the checkpoints and the runner locks, so it shows runners of every hub
    /// instance).
    public func status(now: Date = Date()) async throws -> [ProjectionStatus] {
        var result: [ProjectionStatus] = []
        for projection in projections {
            result.append(try await status(of: projection.name, now: now))
        }
        return result
    }

    /// The status of one projection.
    public func status(of name: String, now: Date = Date()) async throws -> ProjectionStatus {
        guard runners[name] != nil else { throw ProjectionError.unknownProjection(name) }
        let registration = try await storage.registration(name)
        let active = try await storage.checkpoint(name, generation: registration.activeGeneration)
        let cursor = active?.cursor ?? .start
        let (lag, lowerBound, oldest) = try await lagAfter(cursor)
        let runnerActive = try await storage.isRunnerActive(projection: name, generation: registration.activeGeneration)
        var rebuild: ProjectionStatus.Rebuild?
        if let building = registration.buildingGeneration {
            let checkpoint = try await storage.checkpoint(name, generation: building)
            let (buildLag, buildLowerBound, _) = try await lagAfter(checkpoint?.cursor ?? .start)
            rebuild = .init(
                generation: building, position: checkpoint?.position ?? 0, eventsSeen: checkpoint?.eventsSeen ?? 0,
                lagEvents: buildLag, lagIsLowerBound: buildLowerBound,
                runnerActive: try await storage.isRunnerActive(projection: name, generation: building),
                stop: checkpoint?.stop)
        }
        let state: ProjectionStatus.State
        if let stop = active?.stop, stop.reason != .cancelled {
            state = .stopped(stop)
        } else if rebuild != nil {
            state = .rebuilding
        } else if case .standby? = runners[name]?.phase {
            state = .standby
        } else if runnerActive == false {
            state = .idle
        } else {
            state = lag == 0 ? .running : .catchingUp
        }
        return ProjectionStatus(
            name: name, state: state, activeGeneration: registration.activeGeneration, cursor: cursor,
            position: active?.position ?? 0, lastEventAt: active?.lastRecordedAt, lagEvents: lag,
            lagIsLowerBound: lowerBound, lagSeconds: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0,
            runnerActive: runnerActive, rebuild: rebuild)
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
