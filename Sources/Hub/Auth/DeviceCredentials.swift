import Commands
import Crypto
import Domain
import EventLog
import Foundation

/// Kiosk credentials: `<deviceID>.<secret>`, sent as `Authorization: Device <deviceID>.<secret>`.
///
/// Rules:
/// - The secret is 32 random bytes as 64 hex digits; it is shown once, when the device is registered or its
///   credential rotated, and never stored: the Device stream keeps only `sha256:<hex of SHA-256(credential)>`.
/// - A request is authenticated by reading the device's stream (its current fingerprint, county and status) and
///   comparing fingerprints in constant time. A revoked device gets 401 `DEVICE_REVOKED`; an unknown device or a
///   wrong secret 401 `UNAUTHENTICATED` (the two are not told apart).
/// - The kiosk's county is the county recorded for the device, never a request parameter.
public struct DeviceCredentials: Sendable {
    let loader: AggregateLoader

    public init(store: any EventStore) {
        self.loader = AggregateLoader(store: store)
    }

    /// A new credential for `deviceID` and its fingerprint.
    public static func issue(deviceID: DeviceID) -> (credential: String, fingerprint: String) {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
        let credential = "\(deviceID).\(secret)"
        return (credential, fingerprint(of: credential))
    }

    /// `sha256:<64 lowercase hex>` of the whole credential text.
    public static func fingerprint(of credential: String) -> String {
        "sha256:" + SHA256.hash(data: Data(credential.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Authenticates `credential` (`<deviceID>.<secret>`; the device id may itself contain dots).
    public func authenticate(_ credential: String) async throws(APIError) -> Principal {
        guard let dot = credential.lastIndex(of: "."), dot != credential.startIndex else {
            throw .unauthenticated("a device credential has the form <deviceID>.<secret>")
        }
        let deviceID = String(credential[..<dot])
        guard (try? Identifier.validated(deviceID, field: "deviceID")) != nil else {
            throw .unauthenticated("a device credential has the form <deviceID>.<secret>")
        }
        let device: Device.State
        do {
            device = try await loader.load(Device.self, id: deviceID).state
        } catch {
            throw APIError(.serviceUnavailable, "STORE_UNAVAILABLE", "the device record could not be read; try again", headers: [.retryAfter: "1"])
        }
        switch device.status {
        case .nonexistent:
            throw .unauthenticated("the device credential is not valid")
        case .revoked:
            throw .unauthenticated(
                "device \(deviceID) was revoked (\(device.revocationReason ?? "no reason given")); do not retry", code: ErrorCode.deviceRevoked)
        case .active:
            guard Self.constantTimeEqual(Self.fingerprint(of: credential), device.credentialFingerprint), let county = device.county else {
                throw .unauthenticated("the device credential is not valid")
            }
            return Principal(role: .kiosk, id: deviceID, county: county)
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
