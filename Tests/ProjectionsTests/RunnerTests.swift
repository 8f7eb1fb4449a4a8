@testable import Domain
import EventLog
import Foundation
@testable import Projections
import Synchronization
import Testing
import TestSupport

@Suite("Projection runner: checkpoints, crashes, poison, rebuild, read-after-write")
struct RunnerTests {
    @Test("killed between the read-model write and the checkpoint: nothing lost, nothing doubled", arguments: Backend.allCases)
    func crashBetweenWriteAndCheckpoint(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, extras in
            let last = try await CountingProjection.prepare(23, store: store, extras: extras)
            let box = TaskBox()
            var options = Harness.fastOptions
            options.batchSize = 5
            options.beforeCheckpoint = {
                // The third commit dies after its read-model writes, before its checkpoint.
                if box.tick(3) {
                    box.cancel()
                    throw SimulatedCrash()
                }
            }
            let crashing = ProjectionRunner(projection: CountingProjection(), store: store, storage: storage, options: options)
            let task = Task { await crashing.run() }
            box.set(task)
            await task.value

            // Two batches committed; the third rolled back whole (pages may be shorter than five while the log
            // settles, so count what the checkpoint says).
            let afterCrash = try #require(try await storage.checkpoint("test-counting", generation: 1))
            #expect(afterCrash.eventsSeen > 0 && afterCrash.eventsSeen < 23)
            #expect(try await storage.fetch(CountingProjection.table, generation: 1, key: "total")?["n"] == .integer(afterCrash.eventsSeen),
                    "the read model holds exactly the events the checkpoint covers")
            #expect(try await storage.select(CountingProjection.table, generation: 1, ReadModelQuery()).count == Int(afterCrash.eventsSeen) + 1)

            // A new process resumes from the checkpoint.
            try await Harness.catchUp([CountingProjection()], store: store, storage: storage, to: last)
            #expect(try await storage.fetch(CountingProjection.table, generation: 1, key: "total")?["n"] == .integer(23))
            let rows = try await storage.select(CountingProjection.table, generation: 1, ReadModelQuery())
            #expect(rows.count == 24)
            #expect(rows.filter { $0.key != "total" }.allSatisfy { $0["n"] == .integer(1) }, "every event applied exactly once")
            #expect(try await storage.checkpoint("test-counting", generation: 1)?.eventsSeen == 23)
        }
    }

    @Test("a batch reads what the batch before it wrote while that one's commit is still in flight", arguments: Backend.allCases)
    func readsTheBatchInFlight(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, extras in
            let last = try await CountingProjection.prepare(60, store: store, extras: extras)
            // No row cache: every read that misses the batches in memory goes to the database, which has not got the
            // previous batch's rows while its commit runs.
            var options = Harness.fastOptions
            options.batchSize = 2
            options.cacheBytes = 0
            try await Harness.catchUp([CountingProjection()], store: store, storage: storage, to: last, options: options)
            #expect(try await storage.fetch(CountingProjection.table, generation: 1, key: "total")?["n"] == .integer(60))
            let rows = try await storage.select(CountingProjection.table, generation: 1, ReadModelQuery())
            #expect(rows.count == 61)
            #expect(rows.filter { $0.key != "total" }.allSatisfy { $0["n"] == .integer(1) })
        }
    }

    @Test("a batch larger than the log's page is read as several pages and committed once", arguments: Backend.allCases)
    func batchesSpanPages(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, extras in
            _ = try await CountingProjection.prepare(23, store: store, extras: extras)
            // PostgreSQL's log shows events only below the oldest transaction still open on the server, and other
            // tests run beside this one: a page cut short there reads as the log's end, and the rebuild would switch
            // early. Once all 23 are visible they stay so (that horizon only moves forward).
            let deadline = ContinuousClock.now + .seconds(30)
            while try await store.readLog(after: .start, filter: .all, limit: 100).events.count < 23 {
                guard ContinuousClock.now < deadline else { Issue.record("the 23 events never became visible"); return }
                try await Task.sleep(for: .milliseconds(20))
            }
            let committed = CommitLog()
            var options = Harness.fastOptions
            options.pageSize = 3
            options.batchSize = 10
            options.onCommit = committed.record
            let runner = ProjectionRunner(projection: CountingProjection(), store: store, storage: storage, options: options)
            let generation = try await runner.rebuild()

            // Pages of three make batches of ten; the short one at the log's end commits with the switch.
            #expect(committed.eventsSeen == [10, 20, 23])
            #expect(try await storage.fetch(CountingProjection.table, generation: generation, key: "total")?["n"] == .integer(23))
        }
    }

    @Test("a projection rebuilt alone decodes without the shared cache; rebuilt beside others, with it")
    func decodedEventsSharedOnlySideBySide() async throws {
        try await Harness.with(.sqlite) { store, storage, extras in
            _ = try await CountingProjection.prepare(3, store: store, extras: extras)
            let alone = SharingProbe(name: "test-probe-alone"), together = SharingProbe(name: "test-probe-together")
            let aloneInList = SharingProbe(name: "test-probe-alone-in-list")
            let daemon = ProjectionDaemon(
                store: store, storage: storage, projections: [alone, aloneInList, together, CountingProjection()],
                options: Harness.fastOptions)
            try await daemon.rebuild(alone.name)
            try await daemon.rebuild([aloneInList.name])  // `cunshi projections rebuild NAME`
            try await daemon.rebuild([together.name, CountingProjection().name])
            #expect(alone.seen.map(\.shared) == [false, false, false])
            #expect(aloneInList.seen.map(\.shared) == [false, false, false])
            #expect(together.seen.map(\.shared) == [true, true, true])
        }
    }

    @Test("runners rebuilt side by side get each event decoded with the page they share; one alone decodes itself")
    func sharedPagesComeDecoded() async throws {
        try await Harness.with(.sqlite) { store, storage, extras in
            _ = try await CountingProjection.prepare(3, store: store, extras: extras)
            let alone = SharingProbe(name: "test-probe-alone"), together = SharingProbe(name: "test-probe-together")
            let daemon = ProjectionDaemon(
                store: store, storage: storage, projections: [alone, together, CountingProjection()],
                options: Harness.fastOptions)
            try await daemon.rebuild(alone.name)
            try await daemon.rebuild([together.name, CountingProjection().name])
            #expect(alone.seen.map(\.decoded) == [false, false, false])
            #expect(together.seen.map(\.decoded) == [true, true, true])
        }
    }

    @Test("a poison event stops its projection visibly, at that event, and a restart does not skip it", arguments: Backend.allCases)
    func poisonEvent(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            try await P.append(store, P.itemStream("ok-1"), try P.publishedItem("ok-1", title: ["en": "Before"]))
            let poison = NewEvent(
                type: ArchiveItem.Event.EventType.registered, schemaVersion: 2, payload: Data(#"{"itemID": 42}"#.utf8),
                metadata: EventMetadata(actor: P.curator, deviceID: "K-9", county: P.kaiping))
            let poisoned = try await P.append(store, P.itemStream("bad-1"), [poison])
            let last = try await P.append(store, P.itemStream("ok-2"), try P.publishedItem("ok-2", title: ["en": "After"]))

            let daemon = ProjectionDaemon(
                store: store, storage: storage, projections: [CatalogProjection(), FleetProjection()],
                options: Harness.fastOptions)
            let task = Task { await daemon.run() }
            defer { task.cancel() }
            // Fleet does not read archive payloads: it goes on past the poison event.
            try await daemon.readModels.waitUntil("fleet", reached: last.lastCursor, timeout: .seconds(20))
            var catalogStatus: ProjectionStatus?
            for _ in 0..<400 {
                catalogStatus = try await daemon.status().first { $0.name == "catalog" }
                if case .stopped? = catalogStatus?.state { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            guard case .stopped(let stop)? = catalogStatus?.state else {
                Issue.record("catalog did not stop: \(String(describing: catalogStatus))")
                return
            }
            #expect(stop.reason == .poisonEvent)
            #expect(stop.eventID == poison.id)
            #expect(stop.eventPosition == poisoned.positions[0])
            #expect(stop.eventType == ArchiveItem.Event.EventType.registered)
            #expect(stop.message.contains("EVENT_PAYLOAD_INVALID"))
            #expect(catalogStatus?.lagEvents == 6, "the poison event and the five after it")
            #expect(try await daemon.readModels.catalogItem("ok-1") != nil, "events before the poison are applied")
            #expect(try await daemon.readModels.catalogItem("ok-2") == nil, "nothing after it is")
            await #expect(throws: ProjectionError.self) {
                try await daemon.readModels.waiting(for: last.lastCursor, timeout: .milliseconds(200)).catalogItem("ok-2")
            }
            let fleet = try await daemon.status().first { $0.name == "fleet" }
            #expect(fleet?.state == .running)

            // Restarting retries the same event: it stops there again, never skipping it.
            try await daemon.restart("catalog")
            // The runner picks the restart up and meets the event again (bounded: the whole suite may be running):
            // a new stop, recorded after the first.
            func retried(_ checkpoint: Checkpoint?) -> Bool { checkpoint?.stop.map { $0.at > stop.at } ?? false }
            var again = try await storage.checkpoint("catalog", generation: 1)
            for _ in 0..<400 where !retried(again) {
                try await Task.sleep(for: .milliseconds(25))
                again = try await storage.checkpoint("catalog", generation: 1)
            }
            #expect(retried(again), "the restarted runner met the event again")
            #expect(again?.stop?.eventID == poison.id)
            #expect(try await daemon.readModels.catalogItem("ok-2") == nil)
            task.cancel()
            await task.value
        }
    }

    @Test("runners kept together go on at full speed when one of them stops on a poison event")
    func poisonedRunnerLeavesThePack() async throws {
        try await Harness.with(.sqlite) { store, storage, extras in
            let last = try await CountingProjection.prepare(60, store: store, extras: extras)
            var options = Harness.fastOptions
            options.batchSize = 2  // 30 pages: far more than the 8 a leader may run ahead
            let daemon = ProjectionDaemon(
                store: store, storage: storage, projections: [CountingProjection(), FleetProjection(), ThrowingProjection()],
                options: options, keepTogether: true)
            let task = Task { await daemon.run() }
            defer { task.cancel() }
            // Had the stopped runner stayed in the pack, the others would wait up to 2 s for it on each of ~20 pages.
            for name in ["test-counting", "fleet"] {
                try await daemon.readModels.waitUntil(name, reached: last, timeout: .seconds(15))
            }
            #expect(try await storage.fetch(CountingProjection.table, generation: 1, key: "total")?["n"] == .integer(60))
            let thrower = try await daemon.status().first { $0.name == ThrowingProjection().name }
            guard case .stopped(let stop)? = thrower?.state else {
                Issue.record("the throwing projection did not stop: \(String(describing: thrower))")
                return
            }
            #expect(stop.reason == .poisonEvent)
        }
    }

    @Test("a rebuild beside the live generation gives the same read model, then readers switch to it", arguments: Backend.allCases)
    func rebuildMatchesLive(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            for index in 0..<12 {
                try await P.append(store, P.itemStream("r-\(index)"), try P.publishedItem(
                    "r-\(index)", title: ["zh-Hans": "碉楼 \(index)", "en": "Tower \(index)"]))
            }
            let last = try await P.append(store, P.itemStream("r-3"), [try P.item(P.revised("r-3", title: ["en": "Renamed"]))])
            let projections: [any Projection] = [CatalogProjection(), ItemHistoryProjection(), RightsAuditProjection()]
            try await Harness.catchUp(projections, store: store, storage: storage, to: last.lastCursor)

            let daemon = ProjectionDaemon(store: store, storage: storage, projections: projections, options: Harness.fastOptions)
            for projection in projections {
                let live = try await Harness.snapshot(projection, storage: storage)
                let generation = try await daemon.rebuild(projection.name)
                #expect(generation == 2)
                #expect(try await storage.registration(projection.name).activeGeneration == 2)
                let rebuilt = try await Harness.snapshot(projection, storage: storage)
                #expect(rebuilt == live, "\(projection.name): rebuilt rows equal the live ones")
                #expect(try await Harness.snapshot(projection, storage: storage, generation: 1).values.allSatisfy(\.isEmpty),
                        "the old generation is dropped")
            }
            #expect(try await daemon.readModels.search("Renamed").map(\.itemID) == ["r-3"])
            let status = try await daemon.status()
            #expect(status.allSatisfy { $0.activeGeneration == 2 && $0.lagEvents == 0 && $0.rebuild == nil })
        }
    }

    @Test("read-after-write: a query waits (bounded) until its projection has passed the append", arguments: Backend.allCases)
    func readAfterWrite(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            let daemon = ProjectionDaemon(store: store, storage: storage, projections: [CatalogProjection()], options: Harness.fastOptions)
            let task = Task { await daemon.run() }
            defer { task.cancel() }
            let appended = try await P.append(store, P.itemStream("w-1"), try P.publishedItem("w-1", title: ["en": "Written"]))
            let item = try await daemon.readModels.waiting(for: appended.lastCursor, timeout: .seconds(10)).catalogItem("w-1")
            #expect(item?.status == .published)
            let status = try #require(try await daemon.status().first)
            #expect(status.state == .running && status.lagEvents == 0 && status.lagSeconds == 0)
            #expect(status.position == appended.positions.last)
            task.cancel()
            await task.value

            // Nobody runs the projection now: the wait gives up in time, saying so.
            let later = try await P.append(store, P.itemStream("w-2"), try P.publishedItem("w-2", title: ["en": "Late"]))
            let clock = ContinuousClock()
            let started = clock.now
            await #expect(throws: ProjectionError.self) {
                try await daemon.readModels.waiting(for: later.lastCursor, timeout: .milliseconds(300)).catalogItem("w-2")
            }
            #expect(clock.now - started < .seconds(3))
            // The log may take a moment to settle (other transactions on the server hold its horizon back).
            var behind = try #require(try await daemon.status().first)
            for _ in 0..<200 where behind.lagEvents < 5 {
                try await Task.sleep(for: .milliseconds(25))
                behind = try #require(try await daemon.status().first)
            }
            #expect(behind.state == .idle, "nobody holds its runner lock")
            #expect(behind.runnerActive == false && behind.lagEvents == 5 && behind.lagSeconds >= 0)
        }
    }
}

/// A projection that writes nothing and records, for each event, whether it was applied with the shared
/// decoded-event cache on (``DecodedEvents/isShared``) and whether the runner handed it the event decoded already.
struct SharingProbe: Projection {
    struct Seen: Equatable {
        var shared: Bool
        var decoded: Bool
    }

    final class Log: Sendable {
        private let values = Mutex<[Seen]>([])
        func append(_ value: Seen) { values.withLock { $0.append(value) } }
        var all: [Seen] { values.withLock { $0 } }
    }

    let name: String
    private let log = Log()
    var tables: [ReadModelTable] { [] }
    var eventTypes: Set<String>? { nil }

    init(name: String) { self.name = name }

    var seen: [Seen] { log.all }

    func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        log.append(Seen(shared: DecodedEvents.isShared, decoded: changes.hasDecoded(event)))
    }
}
