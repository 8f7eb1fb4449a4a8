import Domain
import EventLog
import Foundation

/// What the hub's sync protocol writes to the log about kiosk pushes, as the read models read it. The `Sync` target
/// writes these events with the type names below (it uses these constants); their full shapes are in
/// `SyncRecords` there and in docs/sync.md. Only the fields the review queue and the fleet need are decoded.
public enum SyncLogRecords {
    /// One per device sequence number received, in stream `syncreceipt-<deviceID>`.
    public static let receivedType = "sync.entry-received"
    /// A kiosk command the hub could not apply, kept for review, in stream `syncconflict-<deviceID>-<seq>`.
    public static let conflictType = "sync.conflict-recorded"
    /// An entry of a revoked device, kept for review and never applied, in stream `syncquarantine-<deviceID>-<seq>`.
    public static let quarantinedType = "sync.entry-quarantined"

    /// A receipt: which entry, what became of it, and the clock skew the hub measured.
    struct Receipt: Decodable {
        var deviceID: String
        var seq: Int64
        var outcome: String
        var skewMilliseconds: Int64
        var skewFlagged: Bool
    }

    /// A conflict or quarantine record.
    struct Record: Decodable {
        struct Command: Decodable {
            var aggregate: String
            var name: String
        }

        var deviceID: String
        var seq: Int64
        var command: Command
        var actor: Actor
        var targetStream: String
        var code: String
        var message: String
    }

    static func decode<T: Decodable>(_ type: T.Type, _ event: RecordedEvent) throws -> T {
        do {
            return try ReadModelJSON.decode(type, from: event.payload)
        } catch {
            throw ProjectionError.undecodableEvent(eventType: event.type, reason: "\(error)")
        }
    }
}
