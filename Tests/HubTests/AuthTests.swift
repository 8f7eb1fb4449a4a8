import Domain
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Authentication")
struct AuthTests {
    @Test("bearer tokens: valid, missing, forged, expired, wrong scheme")
    func bearerTokens() async throws {
        try await HubHarness.withSQLite { harness, client in
            let me = try await HTTP.get(client, "/v1/whoami", try await harness.bearer(.curator, "chen", county: "440783"))
            #expect(me.status == .ok)
            #expect(try HTTP.json(me) == .object(["role": .string("curator"), "id": .string("chen"), "county": .string("440783")]))
            let anonymous = try await HTTP.get(client, "/v1/whoami", [:])
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] != nil)
            #expect(try HTTP.error(anonymous).code == "UNAUTHENTICATED")
            let other = try await StaffTokens(key: String(repeating: "x", count: 40)).issue(subject: "eve", role: .admin)
            let forged = try await HTTP.get(client, "/v1/whoami", [.authorization: "Bearer \(other)"])
            #expect(forged.status == .unauthorized)
            #expect(try HTTP.error(forged).code == "TOKEN_INVALID")
            let old = try await harness.deps.tokens.issue(subject: "ada", role: .admin, lifetime: .seconds(60), now: Date().addingTimeInterval(-3600))
            let expired = try await HTTP.get(client, "/v1/whoami", [.authorization: "Bearer \(old)"])
            #expect(expired.status == .unauthorized)
            #expect(try HTTP.error(expired).code == "TOKEN_EXPIRED")
            #expect(try await HTTP.get(client, "/v1/whoami", [.authorization: "Basic YWRhOnB3"]).status == .unauthorized)
            #expect(try await HTTP.get(client, "/v1/whoami", [.authorization: "Bearer garbage"]).status == .unauthorized)
            // Public routes need no principal.
            #expect(try await HTTP.get(client, "/health/live", [:]).status == .ok)
            #expect(try await HTTP.get(client, "/health/ready", [:]).status == .ok)
        }
    }

    @Test("tokens carry valid claims only; production refuses to start without a key")
    func tokenRules() async throws {
        let tokens = try await StaffTokens(key: HubHarness.jwtKey)
        await #expect(throws: (any Error).self) { try await tokens.issue(subject: "chen", role: .curator) }
        await #expect(throws: (any Error).self) { try await tokens.issue(subject: "chen", role: .curator, county: "999999") }
        await #expect(throws: (any Error).self) { try await tokens.issue(subject: "k", role: .kiosk) }
        await #expect(throws: (any Error).self) { try await tokens.issue(subject: "ada", role: .admin, county: "440783") }
        await #expect(throws: (any Error).self) { try await StaffTokens(key: "short") }
        try await TemporarySQLiteDirectory.with { directory in
            let production = HubConfiguration(database: .sqlite(directory: directory), port: 0, mode: .production, jwtKey: nil)
            await #expect(throws: HubConfiguration.Invalid.self) { try await HubServer.application(production, logger: HubHarness.logger) }
            let development = HubConfiguration(database: .sqlite(directory: directory), port: 0, mode: .development, jwtKey: nil, seed: false)
            let built = try await HubServer.application(development, logger: HubHarness.logger)
            let token = try #require(built.developmentAdminToken)
            #expect(try await built.dependencies.tokens.verify(token).role == .admin)
        }
    }

    @Test("device credentials: registered, rotated, wrong, revoked, unknown")
    func deviceCredentials() async throws {
        try await HubHarness.withSQLite { harness, client in
            let device = try await HubAdministration.registerDevice(store: harness.store, county: "440783", station: "开平市文化馆", deviceID: "K.1")
            #expect(device.credential.hasPrefix("K.1."))
            let me = try await HTTP.get(client, "/v1/whoami", HubHarness.device(device.credential))
            #expect(try HTTP.json(me) == .object(["role": .string("kiosk"), "id": .string("K.1"), "county": .string("440783")]))
            let wrong = try await HTTP.get(client, "/v1/whoami", HubHarness.device("K.1.deadbeef"))
            #expect(wrong.status == .unauthorized)
            #expect(try HTTP.error(wrong).code == "UNAUTHENTICATED")
            #expect(try await HTTP.get(client, "/v1/whoami", HubHarness.device("nobody.secret")).status == .unauthorized)
            #expect(try await HTTP.get(client, "/v1/whoami", HubHarness.device("no-dot")).status == .unauthorized)
            let admin = try await harness.bearer(.admin, "ada")
            try await HTTP.command(client, "device/revoke", Device.Revoke(deviceID: "K.1", reason: "lost"), admin)
            let revoked = try await HTTP.get(client, "/v1/whoami", HubHarness.device(device.credential))
            #expect(revoked.status == .unauthorized)
            #expect(try HTTP.error(revoked).code == "DEVICE_REVOKED")
            // The store keeps only the fingerprint.
            let events = try await harness.store.readStream(try .init("device-K.1"))
            let payload = String(decoding: events[0].payload, as: UTF8.self)
            #expect(!payload.contains(String(device.credential.split(separator: ".").last!)))
            #expect(payload.contains(DeviceCredentials.fingerprint(of: device.credential)))
        }
    }
}

enum TemporarySQLiteDirectory {
    static func with<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cunshi-hub-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory.path)
    }
}
