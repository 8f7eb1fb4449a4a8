import Crypto
import Domain
import EventLog
import Foundation
import Sync

/// Kiosk credentials: `<deviceID>.<secret>`, sent as `Authorization: Device <deviceID>.<secret>`.
///
/// Rules:
/// - The secret is 32 random bytes as 64 hex digits; it is shown once, when the device is registered or its
///   credential rotated, and never stored: the Device stream keeps only `sha256:<hex of SHA-256(credential)>`.
/// - A request is authenticated by ``Sync/DeviceAuthenticator`` (the same check the sync routes make): the device's
///   stream gives its current fingerprint, county and status, compared in constant time. A revoked device gets 401
///   `DEVICE_REVOKED`; an unknown device or a wrong secret 401 `UNAUTHENTICATED` (the two are not told apart).
/// - The kiosk's county is the county recorded for the device, never a request parameter.
public struct DeviceCredentials: Sendable {
    let authenticator: DeviceAuthenticator

    public init(store: any EventStore) {
        self.authenticator = DeviceAuthenticator(store: store)
    }

    /// A new credential for `deviceID` and its fingerprint.
    public static func issue(deviceID: DeviceID) -> (credential: String, fingerprint: String) {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        let credential = "\(deviceID).\(secret)"
        return (credential, fingerprint(of: credential))
    }

    /// `sha256:<64 lowercase hex>` of the whole credential text.
    public static func fingerprint(of credential: String) -> String {
        DeviceAuthenticator.fingerprint(of: credential)
    }

    /// Authenticates `credential` (`<deviceID>.<secret>`; the device id may itself contain dots).
    public func authenticate(_ credential: String) async throws(APIError) -> Principal {
        let authentication: DeviceAuthenticator.Authentication
        do {
            authentication = try await authenticator.authenticate(credential: credential)
        } catch {
            throw APIError(.init(code: error.status), error.code, error.message, headers: error.isRetryable ? [.retryAfter: "1"] : [:])
        }
        switch authentication {
        case .active(let device):
            return Principal(role: .kiosk, id: device.id, county: device.county)
        case .revoked(let device, let reason):
            throw .unauthenticated(
                "device \(device.id) was revoked (\(reason ?? "no reason given")); do not retry", code: ErrorCode.deviceRevoked)
        }
    }
}
