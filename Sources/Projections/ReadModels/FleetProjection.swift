import Domain
import EventLog
import Foundation

/// **Fleet**: per kiosk — county, station, revoked or not, when its events last reached this log (the hub's time of
/// its latest synced event), how many it has recorded and its highest device sequence number. Table
/// `rm_fleet_devices`. Reads every event (any event may come from a kiosk).
///
/// Not yet here: cursor lag, pending uploads and sync conflicts — the sync protocol does not record them in the log
/// yet; their fields stay `nil` until it does.
public struct FleetProjection: Projection {
    public let name = "fleet"
    public var tables: [ReadModelTable] { [ReadModelTables.fleetDevices] }
    public var eventTypes: Set<String>? { nil }

    public init() {}

    public func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        let table = ReadModelTables.fleetDevices
        if Device.Event.eventTypes.contains(event.type) {
            guard case .device(let deviceEvent) = try DomainEvent.decode(event) else { return }
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
            "last_seen_ms": device.lastSeenAt.map { .integer(CheckpointRecord.milliseconds($0)) } ?? .null,
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
    /// Not recorded in the log yet (see ``FleetProjection``).
    public var cursorLag: Int64?
    public var pendingUploads: Int64?
    public var conflicts: Int64?

    public init(deviceID: DeviceID) { self.deviceID = deviceID }
}
