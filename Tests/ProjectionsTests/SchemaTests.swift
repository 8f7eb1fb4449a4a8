import EventLog
import Foundation
import PostgresNIO
@testable import Projections
import Testing
import TestSupport

@Suite("Read-model schema")
struct SchemaTests {
    @Test("the PostgreSQL migrations create exactly the tables and columns declared in Swift")
    func migrationsMatchDeclarations() async throws {
        try await Harness.with(.postgres) { _, _, extras in
            let client = try #require(extras.client)
            let types: [ReadModelTable.ColumnType: String] = [.text: "text", .integer: "bigint", .real: "double precision", .json: "text"]
            for table in ReadModelTables.all {
                let rows = try await client.query(
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = \(table.name) ORDER BY ordinal_position",
                    logger: TestDatabase.logger)
                var actual: [String: String] = [:]
                for try await (name, type) in rows.decode((String, String).self) { actual[name] = type }
                var expected = ["generation": "integer", "key": "text"]
                for column in table.columns { expected[column.name] = types[column.type] }
                #expect(actual == expected, "\(table.name)")
            }
        }
    }
}

@Suite("Runner state machine (no I/O)")
struct StateMachineTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("live: read, apply, commit, read, wait; a stored poison stop is not resumed")
    func liveCycle() {
        var machine = ProjectionRunnerStateMachine(projection: "p", generation: 1, mode: .live)
        #expect(machine.checkpointLoaded(nil, now: now) == .readPage(after: .start))
        #expect(machine.pageRead(LogPage(events: [], next: .start)) == .waitForAppends)
        #expect(machine.woke(stillActive: true, now: now) == .readPage(after: .start))
        #expect(machine.woke(stillActive: true, now: now) != .readPage(after: .start), "a wake outside waiting is refused")

        var poisoned = ProjectionRunnerStateMachine(projection: "p", generation: 1, mode: .live)
        let stop = ProjectionStop(reason: .poisonEvent, message: "bad", at: now)
        let checkpoint = Checkpoint(projection: "p", generation: 1, cursor: .start, position: 0, lastRecordedAt: nil, eventsSeen: 0, updatedAt: now, stop: stop)
        #expect(poisoned.checkpointLoaded(checkpoint, now: now) == .end(stop))
    }

    @Test("lost lock and superseded generation end the run; a caught-up rebuild activates then finishes")
    func endings() {
        var live = ProjectionRunnerStateMachine(projection: "p", generation: 1, mode: .live)
        _ = live.checkpointLoaded(nil, now: now)
        _ = live.pageRead(LogPage(events: [], next: .start))
        guard case .end(let stop) = live.woke(stillActive: true, lockHeld: false, now: now) else {
            Issue.record("expected end")
            return
        }
        #expect(stop.reason == .lockLost)

        var rebuild = ProjectionRunnerStateMachine(projection: "p", generation: 2, mode: .rebuild)
        _ = rebuild.checkpointLoaded(nil, now: now)
        guard case .activate(let checkpoint) = rebuild.pageRead(LogPage(events: [], next: .start)) else {
            Issue.record("expected activate")
            return
        }
        #expect(rebuild.committed(checkpoint) == .finish)
    }

    @Test("a rebuild switches with the commit of a page that reached the end of the log, so appends never hold it back")
    func rebuildSwitchesOnShortPage() throws {
        let event = RecordedEvent(
            id: UUID(), streamID: try StreamID("s-1"), version: 1, position: 7, cursor: LogCursor(commitOrder: 9, position: 7),
            type: "t", schemaVersion: 1, payload: Data("{}".utf8), metadata: EventMetadata(), recordedAt: now)
        var rebuild = ProjectionRunnerStateMachine(projection: "p", generation: 2, mode: .rebuild)
        _ = rebuild.checkpointLoaded(nil, now: now)
        let page = LogPage(events: [event], next: event.cursor)
        guard case .applyAndCommit(let events, let from, activate: false) = rebuild.pageRead(page, atEnd: false) else {
            Issue.record("a full page is applied without the switch")
            return
        }
        var after = from
        after.cursor = events[0].cursor
        #expect(rebuild.committed(after) == .readPage(after: event.cursor))
        guard case .applyAndCommit(_, _, activate: true) = rebuild.pageRead(page, atEnd: true) else {
            Issue.record("the page that reached the end is committed with the switch")
            return
        }
        #expect(rebuild.committed(after) == .finish)

        var live = ProjectionRunnerStateMachine(projection: "p", generation: 1, mode: .live)
        _ = live.checkpointLoaded(nil, now: now)
        guard case .applyAndCommit(_, _, activate: false) = live.pageRead(page, atEnd: true) else {
            Issue.record("a live runner never switches")
            return
        }
    }

    @Test("the SQLite read models keep statement journals in memory: a long write transaction opens no temporary file")
    func sqliteStatementJournalsInMemory() async throws {
        try await TemporarySQLite.withDirectory { directory in
            let storage = try SQLiteProjectionStorage(path: directory.appendingPathComponent("readmodels.sqlite").path)
            let temporaryFiles = try SQLiteTemporaryFiles.openAfterLongTransaction(storage.pool)
            #expect(temporaryFiles == [])
        }
    }
}
