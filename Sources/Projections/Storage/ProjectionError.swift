import EventLog
import Foundation

/// What projections, their runner and their storage refuse, with a stable ``code``.
public enum ProjectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case lockLost(projection: String)
    case superseded(projection: String, generation: Int)
    case unknownProjection(String)
    case corruptRow(table: String, key: String, reason: String)
    case timedOut(projection: String, waitedFor: String)
    case storage(String)
    /// Another process (or task) is rebuilding the projection already.
    case rebuildRunning(projection: String, generation: Int)
    /// The rebuild stopped before it caught up (a poison event names the event and the error).
    case rebuildStopped(projection: String, stop: ProjectionStop)
    /// A projection could not read an event it handles (unknown type, bad payload).
    case undecodableEvent(eventType: String, reason: String)

    public var code: String {
        switch self {
        case .lockLost: "PROJECTION_LOCK_LOST"
        case .superseded: "PROJECTION_SUPERSEDED"
        case .unknownProjection: "UNKNOWN_PROJECTION"
        case .corruptRow: "READ_MODEL_CORRUPT"
        case .timedOut: "PROJECTION_WAIT_TIMED_OUT"
        case .storage: "READ_MODEL_STORAGE"
        case .rebuildRunning: "PROJECTION_REBUILD_RUNNING"
        case .rebuildStopped: "PROJECTION_REBUILD_STOPPED"
        case .undecodableEvent: "EVENT_UNDECODABLE"
        }
    }

    public var message: String {
        switch self {
        case let .lockLost(projection):
            "the runner of '\(projection)' lost its lock (its database session ended); another runner may continue"
        case let .superseded(projection, generation):
            "generation \(generation) of '\(projection)' was replaced by a rebuild"
        case let .unknownProjection(name): "no projection is named '\(name)'"
        case let .corruptRow(table, key, reason): "row '\(key)' of \(table) cannot be read: \(reason)"
        case let .timedOut(projection, waitedFor):
            "'\(projection)' did not reach \(waitedFor) in time; the read model may be stale — retry or read without waiting"
        case let .storage(detail): "the read-model database failed: \(detail)"
        case let .rebuildRunning(projection, generation):
            "a rebuild of '\(projection)' (generation \(generation)) is already running; wait for it, or stop it first"
        case let .rebuildStopped(projection, stop):
            "the rebuild of '\(projection)' stopped\(stop.eventPosition.map { " at the event at position \($0)" } ?? "")"
                + "\(stop.eventType.map { " (\($0))" } ?? ""): \(stop.message); the live generation is untouched — fix the cause and run the rebuild again (it resumes)"
        case let .undecodableEvent(type, reason): "event \(type) cannot be read: \(reason)"
        }
    }

    public var description: String { "\(code): \(message)" }
}
