import EventLog
import Foundation

/// A checkpoint as both databases store it: the cursor as its token, times as Unix milliseconds, the stop as JSON.
struct CheckpointRecord {
    var name: String
    var generation: Int
    var cursor: String
    var position: Int64
    var lastRecordedAtMS: Int64?
    var eventsSeen: Int64
    var updatedAtMS: Int64
    var stop: String?

    init(_ checkpoint: Checkpoint) throws {
        name = checkpoint.projection
        generation = checkpoint.generation
        cursor = checkpoint.cursor.token
        position = checkpoint.position
        lastRecordedAtMS = checkpoint.lastRecordedAt.map(Self.milliseconds)
        eventsSeen = checkpoint.eventsSeen
        updatedAtMS = Self.milliseconds(checkpoint.updatedAt)
        stop = try checkpoint.stop.map(ReadModelJSON.encode)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func checkpoint(
        name: String, generation: Int, cursor: String, position: Int64, lastRecordedAtMS: Int64?, eventsSeen: Int64,
        updatedAtMS: Int64, stop: String?
    ) throws -> Checkpoint {
        guard let parsed = LogCursor(token: cursor) else {
            throw ProjectionError.corruptRow(table: "rm_checkpoints", key: name, reason: "cursor '\(cursor)' is not a log cursor")
        }
        return Checkpoint(
            projection: name, generation: generation, cursor: parsed, position: position,
            lastRecordedAt: lastRecordedAtMS.map(date), eventsSeen: eventsSeen, updatedAt: date(updatedAtMS),
            stop: try stop.map { try ReadModelJSON.decode(ProjectionStop.self, from: Data($0.utf8)) })
    }
}
