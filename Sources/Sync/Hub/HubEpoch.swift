import EventLog
import Foundation
import Logging
import PostgresNIO

/// Where the hub's log epoch comes from. The epoch names "this database, as kiosks knew it": a kiosk that sees it
/// change re-sends what the hub no longer holds and re-pulls from the start (see docs/sync.md).
public protocol HubEpochSource: Sendable {
    func current() async throws -> String
}

/// A fixed epoch (tests, and embedded hubs whose file is never restored behind their back).
public struct FixedEpoch: HubEpochSource {
    public let value: String
    public init(_ value: String) { self.value = value }
    public func current() async throws -> String { value }
}

/// The PostgreSQL hub's epoch: `cunshi_sync_epoch()` of migration 0020 — a per-database uuid, the database oid, the
/// cluster's system identifier and timeline, so a logical restore, a new cluster, a point-in-time recovery or a
/// promoted replica each change it. ``rotate()`` makes a new one (part of any restore runbook).
public struct PostgresHubEpoch: HubEpochSource {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger = Logger(label: "cunshi.sync.epoch")) {
        self.client = client
        self.logger = logger
    }

    public func current() async throws -> String {
        let rows = try await client.query("SELECT cunshi_sync_epoch()", logger: logger)
        for try await epoch in rows.decode(String.self) { return epoch }
        throw SyncError.unavailable("the hub has no sync epoch; run the migrations")
    }

    @discardableResult
    public func rotate() async throws -> String {
        let rows = try await client.query("SELECT cunshi_sync_new_epoch()", logger: logger)
        for try await epoch in rows.decode(String.self) { return epoch }
        throw SyncError.unavailable("the hub has no sync epoch; run the migrations")
    }
}

/// An epoch kept in the log itself (stream `syncepoch`), for hubs on the embedded SQLite store: made by the first
/// call, rotated by appending a new one.
public struct LogEpoch: HubEpochSource {
    let store: any EventStore
    static let stream = StreamID(stored: "syncepoch")
    static let type = "sync.epoch-started"

    public init(store: any EventStore) { self.store = store }

    public func current() async throws -> String {
        if let last = try await store.readStream(Self.stream, from: .max, direction: .backwards, limit: 1).first {
            return last.id.uuidString.lowercased()
        }
        return try await rotate()
    }

    @discardableResult
    public func rotate() async throws -> String {
        let version = try await store.streamVersion(Self.stream)
        let event = NewEvent(type: Self.type, payload: Data("{}".utf8))
        do {
            _ = try await store.append([event], to: Self.stream, expected: version == 0 ? .noStream : .exact(version))
            return event.id.uuidString.lowercased()
        } catch EventLogError.wrongExpectedVersion {
            return try await current()
        }
    }
}
