import ArgumentParser
import Foundation
import Hub

struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Kiosk devices and their credentials.",
        subcommands: [Register.self]
    )

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a kiosk (RegisterDevice through the command handler) and print its credential once.",
            discussion: """
                Prints <deviceID>.<secret>. The hub stores only its SHA-256 fingerprint: keep the credential, it cannot
                be shown again (rotate it through the API if lost). The kiosk sends `Authorization: Device <credential>`.
                """)

        @Option(help: "The county of the station (6-digit code)")
        var county: String

        @Option(help: "The cultural station's name")
        var station: String

        @Option(help: "The device id (default: kiosk-<county>-<random>)")
        var deviceID: String?

        @Option(help: "postgres://… (default: CUNSHI_DATABASE_URL; none: the embedded store)")
        var databaseURL: String?

        @Option(help: "Directory of the embedded SQLite store (default: CUNSHI_DATA_DIR or ./data)")
        var dataDir: String?

        func run() async throws {
            let database: HubConfiguration.Database = Environment.databaseURL(databaseURL).map { .postgres(url: $0) }
                ?? .sqlite(directory: Environment.dataDirectory(dataDir))
            let county = county, station = station, deviceID = deviceID
            let device = try await HubAdministration.withStore(database) { store in
                try await HubAdministration.registerDevice(store: store, county: county, station: station, deviceID: deviceID)
            }
            print(device.credential)
        }
    }
}
