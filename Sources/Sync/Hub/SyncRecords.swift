import Commands
import Domain
import EventLog
import Foundation
import Projections

/// What the hub writes to its log about kiosk pushes, beside the kiosk's own events.
///
/// - **Receipts** (`sync.entry-received`, stream `syncreceipt-<deviceID>`): one per device sequence number, appended
///   in the same atomic append as what the entry produced, with `expected = exact(seq - 1)`. The stream's version is
///   therefore the device's high-water mark, committed with the append: a re-sent or racing entry cannot be applied
///   twice, and a gap cannot be written. Receipts carry no county: kiosks never pull them.
/// - **Conflict records** (`sync.conflict-recorded`, stream `syncconflict-<deviceID>-<seq>`, the device's county): a
///   command that no longer holds on the hub, with everything the kiosk recorded — for the review queue.
/// - **Quarantine records** (`sync.entry-quarantined`, stream `syncquarantine-<deviceID>-<seq>`): an entry of a revoked
///   device, kept for a curator and never applied.
public enum SyncRecords {
    public static let receivedType = SyncLogRecords.receivedType
    public static let conflictType = SyncLogRecords.conflictType
    public static let quarantinedType = SyncLogRecords.quarantinedType
    public static let receiptCategory = "syncreceipt"
    public static let conflictCategory = "syncconflict"
    public static let quarantineCategory = "syncquarantine"

    public static func receiptStream(_ deviceID: DeviceID) -> StreamID {
        StreamID(stored: "\(receiptCategory)-\(deviceID)")
    }

    public static func conflictStream(_ deviceID: DeviceID, seq: Int64) -> StreamID {
        StreamID(stored: "\(conflictCategory)-\(deviceID)-\(seq)")
    }

    public static func quarantineStream(_ deviceID: DeviceID, seq: Int64) -> StreamID {
        StreamID(stored: "\(quarantineCategory)-\(deviceID)-\(seq)")
    }

    /// The hub's receipt of one entry.
    public struct Receipt: Codable, Sendable, Hashable {
        public var deviceID: String
        public var seq: Int64
        public var commandID: UUID
        public var outcome: PushOutcome
        /// The events the entry produced (appended or rebased), or the record's id.
        public var eventIDs: [UUID]
        public var recordID: UUID?
        public var code: String?
        /// Hub time minus kiosk time when received, and whether it was flagged.
        public var skewMilliseconds: Int64
        public var skewFlagged: Bool
    }

    /// A kiosk command the hub could not apply, kept whole for review.
    public struct ConflictRecord: Codable, Sendable, Hashable {
        public var deviceID: String
        public var seq: Int64
        public var commandID: UUID
        public var command: WireCommand
        public var actor: Actor
        public var targetStream: String
        public var decidedVersion: Int64
        public var streamVersionAtHub: Int64
        public var code: String
        public var field: String?
        public var message: String
        public var deviceTime: Int64
        public var events: [WireEvent]
    }

    static let receiptIndex = 1_000_000
    static let recordIndex = 1_000_001

    static func receiptEventID(_ commandID: UUID) -> UUID { DeterministicEventID.make(commandID: commandID, index: receiptIndex) }
    static func recordEventID(_ commandID: UUID) -> UUID { DeterministicEventID.make(commandID: commandID, index: recordIndex) }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// The receipt append for `entry`: `expected = exact(seq - 1)` on the device's receipt stream.
    static func receiptRequest(
        device: DeviceIdentity, entry: PushEntry, outcome: PushOutcome, eventIDs: [UUID], recordID: UUID? = nil,
        code: String? = nil, skew: ClockSkew
    ) -> AppendRequest {
        let receipt = Receipt(
            deviceID: device.id, seq: entry.seq, commandID: entry.commandID, outcome: outcome, eventIDs: eventIDs,
            recordID: recordID, code: code, skewMilliseconds: skew.milliseconds, skewFlagged: skew.flagged)
        let metadata = EventMetadata(
            actor: ActorRef(role: "kiosk", id: device.id), clock: entry.clock,
            deviceTime: Date(timeIntervalSince1970: Double(entry.deviceTime) / 1000), correlationID: entry.commandID)
        let event = NewEvent(
            id: receiptEventID(entry.commandID), type: receivedType, payload: encode(receipt), metadata: metadata)
        return AppendRequest(
            streamID: receiptStream(device.id), expected: entry.seq == 1 ? .noStream : .exact(entry.seq - 1), events: [event])
    }

    static func decodeReceipt(_ event: RecordedEvent) -> Receipt? {
        try? JSONDecoder().decode(Receipt.self, from: event.payload)
    }
}
