import Domain
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import TestSupport
import Testing

/// The hub as `cunshi serve --database-url` runs it — PostgreSQL client, migrations before the first request,
/// LISTEN/NOTIFY, projection runners and the HTTP server in one service group — driven over a real socket.
@Suite("Live hub on PostgreSQL")
struct LiveServerTests {
    static func url(for configuration: PostgresClient.Configuration) throws -> String {
        guard let base = ProcessInfo.processInfo.environment["CUNSHI_TEST_DATABASE_URL"], var components = URLComponents(string: base),
              let database = configuration.database
        else { throw URLError(.badURL) }
        components.path = "/\(database)"
        return components.string!
    }

    @Test("migrates before serving, then every command and query over a socket; health and metrics")
    func liveOverSocket() async throws {
        try await TestDatabase.withFreshDatabase(migrated: false) { configuration in
            let clock = TestClock(HubHarness.start)
            let hub = HubConfiguration(database: .postgres(url: try Self.url(for: configuration)), port: 0, mode: .production, jwtKey: HubHarness.jwtKey)
            let built = try await HubServer.application(hub, logger: HubHarness.logger, now: { clock.now })
            #expect(built.developmentAdminToken == nil)
            let tokens = built.dependencies.tokens
            try await built.app.test(.live) { client in
                #expect(client.port != nil)
                let ready = try await client.execute(uri: "/health/ready", method: .get)
                #expect(ready.status == .ok, "\(String(decoding: HTTP.data(ready), as: UTF8.self))")
                func bearer(_ role: Principal.Role, _ id: String, _ county: String? = nil) async throws -> HTTPFields {
                    [.authorization: "Bearer \(try await tokens.issue(subject: id, role: role, county: county))"]
                }
                let chen = try await bearer(.curator, "chen", "440783")
                let admin = try await bearer(.admin, "ada")
                let scenario = Scenario(client: client, chen: chen, li: try await bearer(.curator, "li", "440783"), admin: admin,
                                        setClock: { clock.set($0) }, start: HubHarness.start)
                let (succeeded, cursor) = try await scenario.run()
                #expect(succeeded.count == CommandCatalog.all.count - 1)
                try await QueryChecks.run(client, chen: chen, admin: admin, cursor: cursor)
                let metrics = try await client.execute(uri: "/metrics", method: .get)
                let text = String(decoding: HTTP.data(metrics), as: UTF8.self)
                #expect(text.contains("cunshi_events_appended_total"))
                #expect(text.contains("cunshi_http_request_duration_seconds_bucket"))
                #expect(text.contains("cunshi_projection_lag_events{projection=\"catalog\"}"))
                #expect(text.contains("cunshi_commands_total"))
            }
        }
    }
}

@Suite("Operations endpoints")
struct OperationsTests {
    @Test("health, metrics and the projections' status")
    func operations() async throws {
        try await HubHarness.withSQLite { harness, client in
            #expect(try await HTTP.json(HTTP.get(client, "/health/live", [:])) == .object(["status": .string("live")]))
            let ready = try await HTTP.get(client, "/health/ready", [:])
            #expect(ready.status == .ok)
            let admin = try await harness.bearer(.admin, "ada")
            try await HTTP.command(client, "village/register", Village.Register(
                villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
                location: Coordinates(latitude: 22.37, longitude: 112.56)), admin)
            try await HTTP.refused(client, "village/register", Village.Register(
                villageID: "zili", names: ["zh-Hans": "自力村"], county: "440783", town: ["zh-Hans": "塘口镇"],
                location: Coordinates(latitude: 22.37, longitude: 112.56)), admin, .unprocessableContent, "ALREADY_EXISTS")
            let metrics = try await HTTP.get(client, "/metrics", [:])
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(decoding: HTTP.data(metrics), as: UTF8.self)
            #expect(text.contains("cunshi_events_appended_total 1"))
            #expect(text.contains(#"cunshi_commands_total{command="registerVillage",outcome="rejected"} 1"#))
            #expect(text.contains(#"route="/v1/commands/village/register""#))
            let projections = try await HTTP.get(client, "/v1/projections", admin)
            guard case .array(let list) = try HTTP.json(projections) else { Issue.record("not a list"); return }
            #expect(list.count == 7)
        }
    }
}
