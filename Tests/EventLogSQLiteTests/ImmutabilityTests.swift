import EventLog
import EventLogSQLite
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("SQLite store: the log is immutable in the file")
struct SQLiteImmutabilityTests {
    @Test("UPDATE, DELETE and INSERT OR REPLACE on the file are refused by triggers, from any connection")
    func triggersRefuseChanges() async throws {
        try await TemporarySQLite.withStore { store, path in
            let stream = EventFixtures.stream()
            let appended = try await store.append(EventFixtures.events(2), to: stream, expected: .noStream)
            let original = try await store.readStream(stream)
            let raw = try DatabaseQueue(path: path)
            let id = original[0].id.uuidString.lowercased()
            for statement in [
                "UPDATE cunshi_events SET payload = '{\"forged\":true}'",
                "UPDATE cunshi_events SET version = version + 10 WHERE event_id = '\(id)'",
                "DELETE FROM cunshi_events",
                "DELETE FROM cunshi_events WHERE event_id = '\(id)'",
                """
                INSERT OR REPLACE INTO cunshi_events
                    (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, recorded_at)
                VALUES ('\(stream)', 'test', 1, '\(id)', 'forged', 1, '{}', '{}', '2026-01-01T00:00:00.000Z')
                """,
                """
                INSERT INTO cunshi_events
                    (stream_id, category, version, event_id, event_type, schema_version, payload, metadata, recorded_at)
                VALUES ('\(stream)', 'test', 1, '\(UUID().uuidString.lowercased())', 'forged', 1, '{}', '{}', '2026-01-01T00:00:00.000Z')
                ON CONFLICT DO UPDATE SET payload = '{"forged":true}'
                """,
            ] {
                let error = #expect(throws: DatabaseError.self, "\(statement)") {
                    try raw.write { try $0.execute(sql: statement) }
                }
                #expect(error?.message?.contains("append-only") == true, "\(statement): \(String(describing: error))")
            }
            try raw.close()
            #expect(try await store.readStream(stream) == original)
            #expect(original.map(\.position) == appended.positions)
        }
    }
}
