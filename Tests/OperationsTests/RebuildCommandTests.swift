import EventLog
import Foundation
import Operations
import Projections
import Synchronization
import Testing
import TestSupport

@Suite("cunshi projections rebuild / status, through the CLI's code path, on PostgreSQL and SQLite")
struct RebuildCommandTests {
    @Test("a rebuild through the CLI's path gives the same rows as the live projection, reporting progress", arguments: Backend.allCases)
    func rebuildMatchesLive(_ backend: Backend) async throws {
        try await AdminHarness.with(backend) { db in
            let last = try await F.history(db.store)
            try await AdminHarness.catchUp(db, to: last.lastCursor)
            let logCount = try await db.eventCount()
            #expect(logCount == 62)
            for projection in StandardProjections.all {
                let live = try await AdminHarness.snapshot(projection, storage: db.storage)
                let snapshots = Mutex<[(ProgressSnapshot, Bool)]>([])
                let summary = try await ProjectionRebuild.run(
                    projection.name, in: db, options: .init(batchSize: 7), every: .milliseconds(1)
                ) { snapshot, final in snapshots.withLock { $0.append((snapshot, final)) } }
                #expect(summary.generation == 2 && summary.previousGeneration == 1)
                #expect(summary.events == logCount, "\(projection.name) read the whole log")
                #expect(try await db.storage.registration(projection.name).activeGeneration == 2)
                let rebuilt = try await AdminHarness.snapshot(projection, storage: db.storage)
                #expect(rebuilt == live, "\(projection.name): the rebuilt rows equal the live ones")
                #expect(summary.rows == live.mapValues(\.count))
                let final = try #require(snapshots.withLock { $0.last })
                #expect(final.1 && final.0.done == logCount && final.0.total == logCount && final.0.fraction == 1)
                #expect(summary.text.contains("rebuilt \(projection.name): generation 2 is active (was 1)"))
            }
            let statuses = try await db.daemon().status()
            #expect(statuses.allSatisfy { $0.activeGeneration == 2 && $0.lagEvents == 0 && $0.rebuild == nil })
            #expect(statuses.allSatisfy { $0.state == .idle }, "no hub runs them in this test")
        }
    }

    @Test("--all rebuilds every projection side by side with the same rows as live", arguments: Backend.allCases)
    func rebuildAll(_ backend: Backend) async throws {
        try await AdminHarness.with(backend) { db in
            let last = try await F.history(db.store)
            try await AdminHarness.catchUp(db, to: last.lastCursor)
            var live: [String: [String: [ReadModelRow]]] = [:]
            for projection in StandardProjections.all {
                live[projection.name] = try await AdminHarness.snapshot(projection, storage: db.storage)
            }
            let finals = Mutex<[ProgressSnapshot]>([])
            let summaries = try await ProjectionRebuild.run(
                ProjectionRebuild.names, in: db, options: .init(batchSize: 9), every: .milliseconds(1)
            ) { snapshot, final in if final { finals.withLock { $0.append(snapshot) } } }
            #expect(summaries.map(\.projection) == ProjectionRebuild.names)
            #expect(summaries.allSatisfy { $0.generation == 2 && $0.events == 62 })
            for projection in StandardProjections.all {
                #expect(try await AdminHarness.snapshot(projection, storage: db.storage) == live[projection.name], "\(projection.name)")
            }
            #expect(finals.withLock { $0.map(\.done) } == [62])
        }
    }

    @Test("an unknown projection is refused with the list of names")
    func unknownProjection() async throws {
        #expect(throws: OperationsError.unknownProjection("catalogue", known: ProjectionRebuild.names)) {
            try ProjectionRebuild.validate("catalogue")
        }
        let message = OperationsError.unknownProjection("catalogue", known: ProjectionRebuild.names).description
        #expect(message.contains("'catalogue'") && message.contains("catalog, item-history, review-queue"))
    }

    @Test("status names a poison event's position, type and error; a rebuild stopped on it says so and resumes", arguments: Backend.allCases)
    func statusShowsPoison(_ backend: Backend) async throws {
        try await AdminHarness.with(backend) { db in
            try await F.history(db.store)
            let poison = NewEvent(
                type: "archive.item-registered", schemaVersion: 2, payload: Data(#"{"itemID": 42}"#.utf8),
                metadata: EventMetadata(actor: F.curator, county: F.kaiping))
            let poisoned = try await db.store.append([poison], to: try F.itemStream("bad-1"), expected: .noStream)
            let daemon = db.daemon(
                options: .init(batchSize: 50, idleWait: .milliseconds(50), lockRetry: .milliseconds(100)), logger: TestDatabase.logger)
            let task = Task { await daemon.run() }
            defer { task.cancel() }
            var catalog: ProjectionStatus?
            for _ in 0..<400 {
                catalog = try await daemon.status(of: "catalog")
                if case .stopped = catalog?.state { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            let statuses = try await daemon.status()
            let table = StatusReport.table(statuses)
            #expect(table.contains("stopped (poison event)"))
            #expect(table.contains("at the event at position \(poisoned.positions[0]), archive.item-registered in stream item-bad-1"))
            #expect(table.contains("cunshi projections restart catalog"))
            let json = try StatusReport.json(statuses)
            #expect(json.contains(#""eventPosition" : \#(poisoned.positions[0])"#))
            #expect(json.contains(#""state" : "stopped""#))
            #expect(json.contains(#""state" : "running""#), "fleet reads no archive payloads and runs on")
            task.cancel()
            await task.value

            // A rebuild meets the same event: it stops there, the live generation stays, and the status says so.
            await #expect(throws: ProjectionError.self) {
                try await ProjectionRebuild.run("catalog", in: db, options: .init(batchSize: 20))
            }
            let rebuilding = try await db.daemon().status(of: "catalog")
            #expect(rebuilding.activeGeneration == 1 && rebuilding.rebuild?.generation == 2)
            #expect(rebuilding.rebuild?.stop?.eventPosition == poisoned.positions[0])
            let text = StatusReport.table([rebuilding])
            #expect(text.contains("rebuilding generation 2") && text.contains("`cunshi projections rebuild catalog` again"))

            // Run again, it resumes generation 2 from its checkpoint, just before the event: nothing to redo.
            let commits = Mutex(0)
            var counting = ProjectionRunner.Options(batchSize: 20)
            counting.onCommit = { _ in commits.withLock { $0 += 1 } }
            await #expect(throws: ProjectionError.self) {
                try await ProjectionRebuild.run("catalog", in: db, options: counting)
            }
            let resumed = try await db.daemon().status(of: "catalog")
            #expect(resumed.activeGeneration == 1 && resumed.rebuild?.generation == 2, "the same generation, not a new one")
            #expect(resumed.rebuild?.stop?.eventPosition == poisoned.positions[0])
            #expect(resumed.rebuild?.eventsSeen == rebuilding.rebuild?.eventsSeen)
            #expect(commits.withLock { $0 } == 0, "resumed from the checkpoint, not from the start of the log")
        }
    }
}
