import Foundation
import Projections

/// `cunshi projections status`: the projections' states as a table for people or JSON for scripts.
public enum StatusReport {
    /// One projection in the JSON output (stable field names; times ISO 8601).
    public struct Entry: Sendable, Encodable {
        public var name: String
        /// `running`, `catchingUp`, `idle`, `rebuilding`, `standby` or `stopped`.
        public var state: String
        public var stop: ProjectionStop?
        public var activeGeneration: Int
        public var cursor: String
        public var position: Int64
        public var lastEventAt: Date?
        public var lagEvents: Int
        public var lagIsLowerBound: Bool
        public var lagSeconds: Double
        public var runnerActive: Bool?
        public var rebuild: ProjectionStatus.Rebuild?

        public init(_ status: ProjectionStatus) {
            name = status.name
            state = StatusReport.stateName(status.state)
            if case .stopped(let stop) = status.state { self.stop = stop }
            activeGeneration = status.activeGeneration
            cursor = status.cursor.token
            position = status.position
            lastEventAt = status.lastEventAt
            lagEvents = status.lagEvents
            lagIsLowerBound = status.lagIsLowerBound
            lagSeconds = status.lagSeconds
            runnerActive = status.runnerActive
            rebuild = status.rebuild
        }
    }

    public static func stateName(_ state: ProjectionStatus.State) -> String {
        switch state {
        case .running: "running"
        case .catchingUp: "catchingUp"
        case .idle: "idle"
        case .rebuilding: "rebuilding"
        case .standby: "standby"
        case .stopped: "stopped"
        }
    }

    public static func json(_ statuses: [ProjectionStatus]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(statuses.map(Entry.init)), as: UTF8.self)
    }

    /// The table, with a line under a projection for why it stopped or how its rebuild goes.
    public static func table(_ statuses: [ProjectionStatus]) -> String {
        var rows: [[String]] = []
        var notes: [Int: [String]] = [:]
        for (index, status) in statuses.enumerated() {
            rows.append([
                status.name, stateText(status), "\(status.activeGeneration)", "\(status.position)",
                ProgressFormat.count(Int64(status.lagEvents)) + (status.lagIsLowerBound ? "+" : ""),
                status.lagEvents == 0 ? "0 s" : ProgressFormat.duration(status.lagSeconds),
            ])
            notes[index] = self.notes(status)
        }
        let table = TextTable(["PROJECTION", "STATE", "GEN", "POSITION", "LAG EVENTS", "LAG"], rightAligned: [2, 3, 4, 5], rows: rows)
        var lines = [table.lines[0]]
        for (index, line) in table.lines.dropFirst().enumerated() {
            lines.append(line)
            lines += (notes[index] ?? []).map { "    " + $0 }
        }
        if statuses.contains(where: { $0.state == .idle }) {
            lines.append("")
            lines.append("idle: no runner holds the projection's lock — no hub runs it on this database; its lag grows until one does")
        }
        return lines.joined(separator: "\n")
    }

    static func stateText(_ status: ProjectionStatus) -> String {
        switch status.state {
        case .running: "running"
        case .catchingUp: "catching up"
        case .idle: "idle (no runner)"
        case .standby: "standby"
        case .rebuilding:
            status.rebuild?.stop != nil ? "rebuild stopped"
                : status.rebuild?.runnerActive == false ? "rebuild interrupted" : "rebuilding"
        case .stopped(let stop):
            switch stop.reason {
            case .poisonEvent: "stopped (poison event)"
            case .storageFailure: "stopped (storage failure)"
            case .lockLost: "stopped (lock lost)"
            case .superseded: "stopped (superseded)"
            case .cancelled: "stopped"
            }
        }
    }

    static func notes(_ status: ProjectionStatus) -> [String] {
        var notes: [String] = []
        if case .stopped(let stop) = status.state { notes += stopNotes(stop, name: status.name, rebuild: false) }
        if let rebuild = status.rebuild {
            var line = "rebuilding generation \(rebuild.generation): \(ProgressFormat.count(rebuild.eventsSeen)) events done, "
                + "\(ProgressFormat.count(Int64(rebuild.lagEvents)))\(rebuild.lagIsLowerBound ? "+" : "") to go"
            if rebuild.runnerActive == false, rebuild.stop == nil {
                line += " — nobody is running it: `cunshi projections rebuild \(status.name)` resumes it"
            }
            notes.append(line)
            if let stop = rebuild.stop { notes += stopNotes(stop, name: status.name, rebuild: true) }
        }
        return notes
    }

    static func stopNotes(_ stop: ProjectionStop, name: String, rebuild: Bool) -> [String] {
        var notes: [String] = []
        if stop.reason == .poisonEvent {
            var where_ = "at the event at position \(stop.eventPosition.map(String.init) ?? "?")"
            if let type = stop.eventType { where_ += ", \(type)" }
            if let stream = stop.streamID { where_ += " in stream \(stream)" }
            notes.append("↳ \(where_)")
            notes.append("↳ error: \(TextTable.clip(stop.message, 200))")
            notes.append(rebuild
                ? "↳ fix the projection or the event, then run `cunshi projections rebuild \(name)` again (it resumes)"
                : "↳ fix the projection or the event, then `cunshi projections restart \(name)` retries it")
        } else {
            notes.append("↳ \(TextTable.clip(stop.message, 200)) (since \(HubTime.text(stop.at)))")
        }
        return notes
    }
}
