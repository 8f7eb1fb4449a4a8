import Commands
import Domain
import EventLog
import EventLogSQLite
import Foundation
import Hub
import Hummingbird
import HummingbirdTesting
import Logging
import Projections
import Sync
import Synchronization
import TestSupport
import Testing

/// A hub over a real store, its projections running, driven through Hummingbird's router test client.
struct HubHarness: Sendable {
    static let jwtKey = "cunshi-test-signing-key-0123456789abcdef"
    static let start = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28

    let deps: HubDependencies
    let clock: TestClock
    var store: any EventStore { deps.store }

    static var logger: Logger {
        var logger = Logger(label: "cunshi.hub.tests")
        logger.logLevel = .critical
        return logger
    }

    static func dependencies(store: any EventStore, storage: any ProjectionStorage, clock: TestClock) async throws -> HubDependencies {
        let daemon = ProjectionDaemon(
            store: store, storage: storage, options: .init(batchSize: 200, idleWait: .milliseconds(20), lockRetry: .milliseconds(100)), logger: logger)
        return HubDependencies(
            store: store, projections: daemon, tokens: try await StaffTokens(key: jwtKey),
            readiness: { .init(ready: true, database: "test", migrations: "applied") }, now: { clock.now }, logger: logger)
    }

    /// A hub on a fresh embedded SQLite store (events and read models in a temporary directory).
    static func withSQLite<T: Sendable>(_ body: @Sendable (HubHarness, any TestClientProtocol) async throws -> T) async throws -> T {
        try await TemporarySQLite.withDirectory { directory in
            let store = try SQLiteEventStore(path: directory.appendingPathComponent("events.sqlite").path)
            let storage = try SQLiteProjectionStorage(path: directory.appendingPathComponent("readmodels.sqlite").path)
            let clock = TestClock(start)
            let harness = HubHarness(deps: try await dependencies(store: store, storage: storage, clock: clock), clock: clock)
            return try await harness.run(body)
        }
    }

    /// Runs the projections beside a router-level test client.
    func run<T: Sendable>(_ body: @Sendable (HubHarness, any TestClientProtocol) async throws -> T) async throws -> T {
        let app = Application(router: HubRoutes.router(deps), logger: Self.logger)
        let daemon = deps.projections
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await daemon.run() }
            defer { group.cancelAll() }
            return try await app.test(.router) { client in try await body(self, client) }
        }
    }

    // MARK: principals

    func token(_ role: Principal.Role, _ subject: String, county: String? = nil) async throws -> String {
        try await deps.tokens.issue(subject: subject, role: role, county: county, now: Date())
    }

    func bearer(_ role: Principal.Role, _ subject: String, county: String? = nil) async throws -> HTTPFields {
        [.authorization: "Bearer \(try await token(role, subject, county: county))"]
    }

    static func device(_ credential: String) -> HTTPFields { [.authorization: "Device \(credential)"] }

    /// The version headers every sync request carries.
    static var syncVersions: HTTPFields {
        var fields = HTTPFields()
        fields[.init(SyncVersions.Header.protocolVersion)!] = "\(SyncVersions.protocolVersion)"
        fields[.init(SyncVersions.Header.eventSchema)!] = "\(SyncVersions.eventSchema)"
        return fields
    }

    /// The number of events in the whole log.
    func logCount() async throws -> Int {
        var cursor = LogCursor.start
        var count = 0
        while true {
            let page = try await store.readLog(after: cursor, filter: LogFilter(), limit: 1000)
            count += page.events.count
            if page.events.isEmpty { return count }
            cursor = page.next
        }
    }
}

// MARK: requests

enum HTTP {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static func body(_ value: some Encodable) throws -> ByteBuffer { ByteBuffer(bytes: try encoder.encode(value)) }

    static func data(_ response: TestResponse) -> Data { Data(response.body.readableBytesView) }

    static func error(_ response: TestResponse) throws -> APIError.Body {
        try JSONDecoder().decode(APIError.Body.self, from: data(response))
    }

    static func command(_ response: TestResponse) throws -> CommandResponse {
        try JSONDecoder().decode(CommandResponse.self, from: data(response))
    }

    static func page(_ response: TestResponse) throws -> QueryPage<JSONValue> {
        try JSONDecoder().decode(QueryPage<JSONValue>.self, from: data(response))
    }

    static func json(_ response: TestResponse) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(response))
    }

    /// POSTs a command that must succeed (201, or 200 for a repeat); returns its response.
    @discardableResult
    static func command(
        _ client: any TestClientProtocol, _ path: String, _ value: some Encodable, _ headers: HTTPFields,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CommandResponse {
        let response = try await client.execute(uri: "/v1/commands/\(path)", method: .post, headers: headers, body: try body(value))
        guard response.status == .created || response.status == .ok else {
            Issue.record("\(path) answered \(response.status.code): \(String(decoding: data(response), as: UTF8.self))", sourceLocation: sourceLocation)
            throw APIError(response.status, "UNEXPECTED", "unexpected answer")
        }
        return try command(response)
    }

    /// POSTs a command that must be refused with `status` and `code`; returns the error.
    @discardableResult
    static func refused(
        _ client: any TestClientProtocol, _ path: String, _ value: some Encodable, _ headers: HTTPFields,
        _ status: HTTPResponse.Status, _ code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIError.Body {
        let response = try await client.execute(uri: "/v1/commands/\(path)", method: .post, headers: headers, body: try body(value))
        #expect(response.status == status, "\(path): \(String(decoding: data(response), as: UTF8.self))", sourceLocation: sourceLocation)
        let error = try self.error(response)
        #expect(error.code == code, sourceLocation: sourceLocation)
        return error
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, _ headers: HTTPFields) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }
}
