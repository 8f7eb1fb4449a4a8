import Foundation

extension Device {
    public enum Event: Sendable, Equatable {
        case registered(Registered)
        case credentialRotated(CredentialRotated)
        case revoked(Revoked)
    }

    public struct Registered: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var county: CountyCode
        public var station: String
        public var credentialFingerprint: String
    }

    public struct CredentialRotated: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var credentialFingerprint: String
    }

    public struct Revoked: Sendable, Equatable, Codable {
        public var deviceID: DeviceID
        public var reason: String
        public var revokedAt: Date
    }
}
