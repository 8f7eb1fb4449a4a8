import Commands
import Domain
import EventLog
import Foundation

/// What the CLI does on the hub's store without the HTTP server: `cunshi device register` (opened by
/// `Operations.AdminDatabase`).
public enum HubAdministration {
    /// A registered device and its credential (shown once; the hub keeps only its fingerprint).
    public struct RegisteredDevice: Sendable {
        public var deviceID: DeviceID
        public var credential: String
        public var positions: [Int64]
    }

    /// Appends RegisterDevice through the command handler, as `actor` (an admin by default), with a new credential.
    public static func registerDevice(
        store: any EventStore, county: String, station: String, deviceID: DeviceID? = nil,
        actor: Actor = .admin("cunshi-cli"), now: Date = Date()
    ) async throws(APIError) -> RegisteredDevice {
        let id = deviceID ?? "kiosk-\(county)-\(UUID().uuidString.prefix(8).lowercased())"
        let issued = DeviceCredentials.issue(deviceID: id)
        let request = CommandRequest(
            command: .device(.register(Device.Register(deviceID: id, county: county, station: station, credentialFingerprint: issued.fingerprint))),
            context: CommandContext(actor: actor, now: now))
        do {
            let outcome = try await CommandHandler(store: store).handle(request)
            return RegisteredDevice(deviceID: id, credential: issued.credential, positions: outcome.positions)
        } catch {
            throw APIError(error)
        }
    }
}
