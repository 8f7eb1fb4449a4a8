import ArgumentParser
import Foundation
import Hub
import Operations

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

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let county = county, station = station, deviceID = deviceID
            let device = try await AdminDatabase.with(database.location, createEmbedded: true, logger: CLILog.logger) { db in
                try await HubAdministration.registerDevice(store: db.store, county: county, station: station, deviceID: deviceID)
            }
            print(device.credential)
        }
    }
}
