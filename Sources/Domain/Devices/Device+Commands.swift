extension Device {
    /// Commands on a device, issued by a curator of its county or an admin. None needs facts.
    public enum Command: Sendable, Equatable {
        /// `ALREADY_EXISTS`, `UNKNOWN_COUNTY`, `FIELD_REQUIRED` (station), `CREDENTIAL_FINGERPRINT_INVALID`.
        case register(Register)
        /// `NOT_FOUND`, `DEVICE_REVOKED`, `CREDENTIAL_FINGERPRINT_INVALID`.
        case rotateCredential(RotateCredential)
        /// `NOT_FOUND`, `DEVICE_REVOKED` (already revoked), `REASON_REQUIRED`.
        case revoke(Revoke)

        public var deviceID: DeviceID {
            switch self {
            case .register(let c): c.deviceID
            case .rotateCredential(let c): c.deviceID
            case .revoke(let c): c.deviceID
            }
        }

        public var streamID: String { Device.streamID(for: deviceID) }
    }

    public struct Register: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var county: String
        public var station: String
        /// `sha256:<64 lowercase hex>` of the credential the handler issued.
        public var credentialFingerprint: String

        public init(deviceID: DeviceID, county: String, station: String, credentialFingerprint: String) {
            self.deviceID = deviceID
            self.county = county
            self.station = station
            self.credentialFingerprint = credentialFingerprint
        }
    }

    public struct RotateCredential: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var credentialFingerprint: String

        public init(deviceID: DeviceID, credentialFingerprint: String) {
            self.deviceID = deviceID
            self.credentialFingerprint = credentialFingerprint
        }
    }

    public struct Revoke: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var reason: String

        public init(deviceID: DeviceID, reason: String) {
            self.deviceID = deviceID
            self.reason = reason
        }
    }
}
