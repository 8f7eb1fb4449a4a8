import EventLog
import EventLogSQLite
import Foundation
import GRDB
import Testing
import TestSupport

@Suite("SQLite store: errors, JSON comparison, filters")
struct SQLiteSpecificTests {
    @Test("a write that cannot get the file's write lock in time is 'unavailable', and a retry then succeeds")
    func busyFileIsUnavailable() async throws {
        try await TemporarySQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("events.sqlite").path
            let store = try SQLiteEventStore(path: path, busyTimeout: .milliseconds(100))
            var configuration = Configuration()
            configuration.allowsUnsafeTransactions = true  // the transaction spans two accesses on purpose
            let other = try DatabaseQueue(path: path, configuration: configuration)
            try other.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
            let stream = EventFixtures.stream()
            let events = EventFixtures.events(2)
            let error = await #expect(throws: EventLogError.self) {
                _ = try await store.append(events, to: stream, expected: .noStream)
            }
            #expect(error?.code == "STORE_UNAVAILABLE")
            try other.inDatabase { try $0.execute(sql: "ROLLBACK") }
            let result = try await store.append(events, to: stream, expected: .noStream)
            #expect(!result.wasDuplicate && result.lastVersion == 2)
        }
    }

    @Test("a path that cannot be a database file is 'unavailable', not a crash")
    func unusablePath() async throws {
        try await TemporarySQLite.withDirectory { directory in
            let file = directory.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: file)
            let error = #expect(throws: EventLogError.self) {
                _ = try SQLiteEventStore(path: file.appendingPathComponent("events.sqlite").path)
            }
            #expect(error?.code == "STORE_UNAVAILABLE")
        }
    }

    @Test("payloads compare as JSON values: numbers by value, booleans apart from numbers, nested key order ignored")
    func payloadComparison() async throws {
        try await TemporarySQLite.withStore { store, _ in
            let stream = EventFixtures.stream()
            let id = UUIDv7.make()
            let original = NewEvent(id: id, type: "t", payload: Data(#"{"a":{"x":1,"y":[true,null,"村"]},"n":2.50}"#.utf8))
            let first = try await store.append([original], to: stream, expected: .noStream)
            let same = NewEvent(id: id, type: "t", payload: Data(#"{ "n": 2.5, "a": { "y": [true, null, "\u6751"], "x": 1.0 } }"#.utf8))
            let retry = try await store.append([same], to: stream, expected: .noStream)
            #expect(retry.wasDuplicate && retry.positions == first.positions)
            for other in [
                #"{"a":{"x":1,"y":[1,null,"村"]},"n":2.5}"#,
                #"{"a":{"x":1,"y":[true,null,"村"]},"n":2.5,"extra":null}"#,
                #"{"a":{"x":1,"y":[null,true,"村"]},"n":2.5}"#,
                #"{"a":{"x":"1","y":[true,null,"村"]},"n":2.5}"#,
            ] {
                await #expect(throws: EventLogError.duplicateEventID(id.uuidString.lowercased(), reason: "with other content or in another batch"), "\(other)") {
                    _ = try await store.append([NewEvent(id: id, type: "t", payload: Data(other.utf8))], to: stream, expected: .any)
                }
            }
            let schema2 = NewEvent(id: id, type: "t", schemaVersion: 2, payload: original.payload)
            await #expect(throws: EventLogError.self) {
                _ = try await store.append([schema2], to: stream, expected: .any)
            }
            #expect(try await store.streamVersion(stream) == 1)
        }
    }

    @Test("an empty filter list matches nothing; a limit of 0 reads nothing and keeps the cursor")
    func emptyFilters() async throws {
        try await TemporarySQLite.withStore { store, _ in
            _ = try await store.append(EventFixtures.events(3), to: EventFixtures.stream(), expected: .noStream)
            #expect(try await store.readLog(after: .start, filter: LogFilter(categories: []), limit: 10).events.isEmpty)
            #expect(try await store.readLog(after: .start, filter: LogFilter(eventTypes: []), limit: 10).events.isEmpty)
            let page = try await store.readLog(after: .start, filter: .all, limit: 0)
            #expect(page.events.isEmpty && page.next == .start)
            #expect(try await store.readLog(after: .start, filter: .all, limit: -5).events.isEmpty)
            #expect(try await store.readLog(after: .start, filter: .all, limit: 2).events.map(\.version) == [1, 2])
        }
    }

    @Test("a multi-stream retry returns each stream's original positions and versions")
    func atomicRetry() async throws {
        try await TemporarySQLite.withStore { store, _ in
            let a = EventFixtures.stream("a"), b = EventFixtures.stream("b")
            _ = try await store.append(EventFixtures.events(1), to: b, expected: .noStream)
            let batch = [
                AppendRequest(streamID: a, expected: .noStream, events: EventFixtures.events(2)),
                AppendRequest(streamID: b, expected: .exact(1), events: EventFixtures.events(3)),
            ]
            let first = try await store.appendAtomically(batch)
            _ = try await store.append(EventFixtures.events(1), to: b, expected: .exact(4))
            let retry = try await store.appendAtomically(batch)
            #expect(retry.map(\.positions) == first.map(\.positions))
            #expect(retry.map(\.lastVersion) == [2, 4])
            #expect(retry.allSatisfy { $0.wasDuplicate })
            #expect(retry.map(\.lastCursor) == first.map(\.lastCursor))
            // A call that overlaps the original batch only partly is refused.
            await #expect(throws: EventLogError.self) {
                _ = try await store.appendAtomically([
                    AppendRequest(streamID: a, expected: .any, events: batch[0].events + EventFixtures.events(1)),
                ])
            }
        }
    }

    @Test("statement journals stay in memory: a long write transaction opens no temporary file")
    func statementJournalsInMemory() async throws {
        // A kiosk applies a pulled page as one transaction of thousands of inserts. SQLite journals each statement's
        // pages to undo it alone; on disk, that journal wrote ~25 KB per pulled event to /var/tmp.
        try await TemporarySQLite.withStore { store, _ in
            let temporaryFiles = try SQLiteTemporaryFiles.openAfterLongTransaction(store.pool)
            #expect(temporaryFiles == [])
        }
    }
}
