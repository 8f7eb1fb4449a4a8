import Domain
import EventLog
import Foundation

/// **Fleet**: per kiosk — county, station, revoked or not, its last sync that delivered entries (the hub's time of
/// its latest receipt), its push high-water mark, how many of its entries were conflicts or quarantined, the clock
/// skew the hub measured, and how many domain events it has recorded. Table `rm_fleet_devices`. Reads every event
/// (any event may come from a kiosk).
///
/// Not here: a kiosk's pending uploads and pull-cursor lag. They live on the kiosk (`GET /v1/kiosk/status`); the
/// hub only learns of entries when they arrive, and pulls write nothing to the log.
public struct FleetProjection: Projection {
    public let name = "fleet"
    public var tables: [ReadModelTable] { [ReadModelTables.fleetDevices] }
    public var eventTypes: Set<String>? { nil }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        let table = ReadModelTables.fleetDevices
        if Device.Event.eventTypes.contains(event.type) {
            guard case .device(let deviceEvent) = try changes.domainEvent(event) else { return }
            switch deviceEvent {
            case .registered(let e):
                var device = try await changes.get(table, e.deviceID).map { try $0.document(FleetDevice.self) }
                    ?? FleetDevice(deviceID: e.deviceID)
                device.county = e.county.rawValue
                device.station = e.station
                device.status = "active"
                device.registeredAt = event.recordedAt
                changes.put(table, try Self.row(device))
            case .credentialRotated(let e):
                try await modify(&changes, e.deviceID) { $0.credentialRotatedAt = event.recordedAt }
            case .revoked(let e):
                try await modify(&changes, e.deviceID) { device in
                    device.status = "revoked"
                    device.revokedAt = e.revokedAt
                    device.revocationReason = e.reason
                }
            }
        }
        if event.type == SyncLogRecords.receivedType {
            let receipt = try SyncLogRecords.decode(SyncLogRecords.Receipt.self, event)
            try await modify(&changes, receipt.deviceID) { device in
                device.lastSyncAt = max(device.lastSyncAt ?? event.recordedAt, event.recordedAt)
                device.pushHighWaterMark = max(device.pushHighWaterMark ?? receipt.seq, receipt.seq)
                switch receipt.outcome {
                case "conflict": device.conflicts += 1
                case "quarantined": device.quarantined += 1
                default: break
                }
                device.clockSkewMilliseconds = receipt.skewMilliseconds
                if receipt.skewFlagged { device.skewFlaggedEntries += 1 }
            }
            return
        }
        let metadata = event.metadata  // decoded on each access: read it once
        if let deviceID = metadata.deviceID {
            var device = try await changes.get(table, deviceID).map { try $0.document(FleetDevice.self) }
                ?? FleetDevice(deviceID: deviceID)
            device.eventsRecorded += 1
            device.lastSeenAt = max(device.lastSeenAt ?? event.recordedAt, event.recordedAt)
            if let sequence = metadata.deviceSequence {
                device.lastDeviceSequence = max(device.lastDeviceSequence ?? sequence, sequence)
            }
            if device.county == nil { device.county = metadata.county }
            changes.put(table, try Self.row(device))
        }
    }

    private func modify(_ changes: inout ReadModelChanges, _ id: DeviceID, _ body: (inout FleetDevice) -> Void) async throws {
        var device = try await changes.get(ReadModelTables.fleetDevices, id).map { try $0.document(FleetDevice.self) }
            ?? FleetDevice(deviceID: id)
        body(&device)
        changes.put(ReadModelTables.fleetDevices, try Self.row(device))
    }

    static func row(_ device: FleetDevice) throws -> ReadModelRow {
        ReadModelRow(key: device.deviceID, [
            "county": device.county.map(SQLValue.text) ?? .null, "status": .text(device.status),
            "last_seen_ms": (device.lastSyncAt ?? device.lastSeenAt).map { .integer(CheckpointRecord.milliseconds($0)) } ?? .null,
            "events_recorded": .integer(device.eventsRecorded),
            "last_device_sequence": device.lastDeviceSequence.map(SQLValue.integer) ?? .null,
            "doc": .text(try ReadModelJSON.encode(device)),
        ])
    }
}

/// A kiosk as the fleet read model shows it.
public struct FleetDevice: Sendable, Hashable, Codable {
    public var deviceID: DeviceID
    public var county: String?
    public var station: String?
    /// `active`, `revoked`, or `unknown` (events from a device never registered in this log).
    public var status: String = "unknown"
    public var registeredAt: Date?
    public var credentialRotatedAt: Date?
    public var revokedAt: Date?
    public var revocationReason: String?
    /// The hub time of the device's latest event in the log: its last successful sync.
    public var lastSeenAt: Date?
    public var eventsRecorded: Int64 = 0
    public var lastDeviceSequence: Int64?
    /// The hub's time of the latest entry received from the device (its last sync that pushed something).
    public var lastSyncAt: Date?
    /// Every device sequence number at or below it is durable on the hub.
    public var pushHighWaterMark: Int64?
    /// Entries the hub could not apply (in the review queue as sync conflicts).
    public var conflicts: Int64 = 0
    /// Entries pushed after the device was revoked (kept for review, never applied).
    public var quarantined: Int64 = 0
    /// Hub time minus kiosk time at the latest receipt (positive: the kiosk's clock is behind).
    public var clockSkewMilliseconds: Int64?
    /// Entries received while the kiosk's clock was off by more than five minutes.
    public var skewFlaggedEntries: Int64 = 0

    public init(deviceID: DeviceID) { self.deviceID = deviceID }
}
