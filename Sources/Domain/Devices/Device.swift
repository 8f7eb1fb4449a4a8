import Foundation

/// A kiosk at a county cultural station. Stream `device-<id>`.
///
/// Lifecycle: does not exist → active (RegisterDevice) → credential rotated any number of times →
/// revoked (RevokeDevice, final). A revoked device can neither pull nor push: every later command on it and
/// every command a kiosk actor issues through it is refused with `DEVICE_REVOKED`. What it recorded offline
/// before `revokedAt` is kept by sync, quarantined for a curator.
///
/// Only a credential *fingerprint* (`sha256:<64 lowercase hex>`) is stored, never the credential.
public enum Device {
    public static func streamID(for id: DeviceID) -> String { "device-\(id)" }

    public struct State: Sendable, Equatable {
        public enum Status: String, Sendable, Equatable { case nonexistent, active, revoked }
        public var status: Status
        public var id: DeviceID
        public var county: CountyCode?
        public var station: String
        public var credentialFingerprint: String
        public var revokedAt: Date?
        public var revocationReason: String?

        public static let initial = State(
            status: .nonexistent, id: "", county: nil, station: "", credentialFingerprint: "", revokedAt: nil,
            revocationReason: nil)

        public var exists: Bool { status != .nonexistent }
    }

    /// Checks that a kiosk actor's device is registered, active and in the actor's county.
    /// `FORBIDDEN` for an unknown device or a county mismatch, `DEVICE_REVOKED` for a revoked one.
    /// Other actors pass unchecked.
    public static func authorizeKiosk(_ actor: Actor, device: State) throws(DomainError) {
        guard case .kiosk(let deviceID, let county) = actor.role else { return }
        switch device.status {
        case .nonexistent:
            throw DomainError(ErrorCode.forbidden, "device \(deviceID) is not registered")
        case .revoked:
            throw DomainError(
                ErrorCode.deviceRevoked, "device \(deviceID) was revoked: \(device.revocationReason ?? "no reason given")")
        case .active:
            guard device.id == deviceID, device.county == county else {
                throw DomainError(ErrorCode.forbidden, "device \(deviceID) is not registered for county \(county)")
            }
        }
    }
}
