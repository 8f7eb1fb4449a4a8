import Commands
import Domain
import EventLog
import EventLogPostgres
import EventLogSQLite
import Foundation
import Logging
import PostgresNIO

/// What the CLI does on the hub's store without the HTTP server: `cunshi device register`.
public enum HubAdministration {
    /// Runs `body` with the store of `database`: PostgreSQL (migrated first; the client runs for the duration) or
    /// the embedded SQLite file of a data directory.
    public static func withStore<T: Sendable>(
        _ database: HubConfiguration.Database, logger: Logger = Logger(label: "cunshi.cli"),
        _ body: (any EventStore) async throws -> T
    ) async throws -> T {
        switch database {
        case .sqlite(let directory):
            let path = URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent("events.sqlite").path
            return try await body(try SQLiteEventStore(path: path, logger: logger))
        case .postgres(let url):
            let client = PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                try await PostgresMigrator.bundled().migrate(client: client, logger: logger)
                return try await body(PostgresEventStore(client: client, logger: logger))
            }
        }
    }

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
