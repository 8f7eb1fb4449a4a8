import EventLog
import EventLogPostgres
import EventLogSQLite
import TestSupport

/// The stores the contract suite runs against. Every contract test runs once per case.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case postgres
    /// A fresh SQLite file in a temporary directory, deleted afterwards.
    case sqlite

    var description: String { rawValue }

    /// Runs `body` with a fresh, empty store of this kind.
    func withStore(_ body: (any EventStore) async throws -> Void) async throws {
        switch self {
        case .postgres:
            try await TestDatabase.withStore { store, _ in try await body(store) }
        case .sqlite:
            try await TemporarySQLite.withStore { store, _ in try await body(store) }
        }
    }
}
