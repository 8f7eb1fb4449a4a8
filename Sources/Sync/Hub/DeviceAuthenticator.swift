import Commands
import Crypto
import Domain
import EventLog
import Foundation

/// A kiosk as the hub knows it: its id and the county recorded when it was registered.
public struct DeviceIdentity: Sendable, Hashable {
    public var id: DeviceID
    public var county: CountyCode

    public init(id: DeviceID, county: CountyCode) {
        self.id = id
        self.county = county
    }
}

/// Authenticates `Authorization: Device <deviceID>.<secret>` against the Device aggregate (the hub keeps only
/// `sha256:<hex>` fingerprints), the same rule as the hub's own credential check.
///
/// A revoked device is told apart from a wrong credential only when its credential matches one the device held
/// (``Authentication/revoked(_:reason:)``): its pushes are then quarantined, never applied; everything else is 401.
public struct DeviceAuthenticator: Sendable {
    public enum Authentication: Sendable, Hashable {
        case active(DeviceIdentity)
        /// The credential was valid for this device (now or before a rotation), but the device is revoked.
        case revoked(DeviceIdentity, reason: String?)
    }

    let loader: AggregateLoader

    public init(store: any EventStore) {
        self.loader = AggregateLoader(store: store)
    }

    public static func fingerprint(of credential: String) -> String {
        "sha256:" + SHA256.hash(data: Data(credential.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads the `Authorization` header value.
    public func authenticate(header: String?) async throws(SyncError) -> Authentication {
        guard let header, header.hasPrefix("Device ") else {
            throw .unauthenticated("sync needs 'Authorization: Device <deviceID>.<secret>'")
        }
        return try await authenticate(credential: String(header.dropFirst("Device ".count)))
    }

    public func authenticate(credential: String) async throws(SyncError) -> Authentication {
        guard let dot = credential.lastIndex(of: "."), dot != credential.startIndex else {
            throw .unauthenticated("a device credential has the form <deviceID>.<secret>")
        }
        let deviceID = String(credential[..<dot])
        guard let stream = try? StreamID(Device.streamID(for: deviceID)) else {
            throw .unauthenticated("the device credential is not valid")
        }
        let loaded: LoadedAggregate<Device>
        do {
            loaded = try await loader.load(Device.self, stream: stream)
        } catch {
            throw .unavailable("the device record could not be read; try again")
        }
        let state = loaded.state
        let presented = Self.fingerprint(of: credential)
        guard state.exists, let county = state.county else { throw .unauthenticated("the device credential is not valid") }
        let identity = DeviceIdentity(id: deviceID, county: county)
        switch state.status {
        case .active, .nonexistent:
            guard Self.constantTimeEqual(presented, state.credentialFingerprint) else {
                throw .unauthenticated("the device credential is not valid")
            }
            return .active(identity)
        case .revoked:
            let held = loaded.events.compactMap { event -> String? in
                switch try? AggregateLoader.decode(Device.self, event) {
                case .registered(let e)?: e.credentialFingerprint
                case .credentialRotated(let e)?: e.credentialFingerprint
                default: nil
                }
            }
            guard held.contains(where: { Self.constantTimeEqual(presented, $0) }) else {
                throw .unauthenticated("the device credential is not valid")
            }
            return .revoked(identity, reason: state.revocationReason)
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
