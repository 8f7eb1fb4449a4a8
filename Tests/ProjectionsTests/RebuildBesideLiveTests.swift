import EventLog
import Foundation
@testable import Projections
import Synchronization
import Testing
import TestSupport

@Suite("Rebuild while a hub runs the projection and appends go on")
struct RebuildBesideLiveTests {
    @Test("a rebuild from another process finishes under steady appends; the hub moves to it; nothing lost or doubled",
          arguments: Backend.allCases)
    func rebuildBesideLiveRunner(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, extras in
            try await extras.create(CountingProjection.table)
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            var last = try await P.append(store, P.itemStream("h-0"), try P.publishedItem("h-0", title: ["en": "Zero"]))
            for index in 1..<8 {
                last = try await P.append(store, P.itemStream("h-\(index)"), try P.publishedItem("h-\(index)", title: ["en": "Item \(index)"]))
            }
            let projections: [any Projection] = [CountingProjection(), CatalogProjection()]
            let hub = ProjectionDaemon(store: store, storage: storage, projections: projections, options: Harness.fastOptions)
            let hubTask = Task { await hub.run() }
            defer { hubTask.cancel() }
            for projection in projections {
                try await hub.readModels.waitUntil(projection.name, reached: last.lastCursor, timeout: .seconds(20))
            }

            // A writer keeps appending while the rebuilds run.
            let stopWriting = Mutex(false)
            let writer = Task { () throws -> AppendResult? in
                var latest: AppendResult?
                var index = 100
                while !stopWriting.withLock({ $0 }) {
                    latest = try await P.append(store, P.itemStream("h-\(index)"), [
                        try P.item(P.registered("h-\(index)", title: ["en": "Written during the rebuild \(index)"])),
                    ])
                    index += 1
                    try await Task.sleep(for: .milliseconds(3))
                }
                return latest
            }
            defer { writer.cancel() }

            // The operator's process: its own storage handle (PostgreSQL: its own client and sessions).
            let generations = try await Self.withSecondStorage(backend, storage: storage, extras: extras) { adminStorage in
                let admin = ProjectionDaemon(store: store, storage: adminStorage, projections: projections, options: Harness.fastOptions)
                return [try await admin.rebuild("test-counting"), try await admin.rebuild("catalog")]
            }
            #expect(generations == [2, 2])
            stopWriting.withLock { $0 = true }
            let lastWrite = try #require(try await writer.value)

            // The hub's runners were fenced off generation 1 and continue on 2.
            for projection in projections {
                try await hub.readModels.waitUntil(projection.name, reached: lastWrite.lastCursor, timeout: .seconds(20))
                #expect(try await storage.registration(projection.name).activeGeneration == 2)
            }
            let logCount = try await Self.countLog(store)
            #expect(try await storage.fetch(CountingProjection.table, generation: 2, key: "total")?["n"] == .integer(Int64(logCount)))
            let rows = try await storage.select(CountingProjection.table, generation: 2, ReadModelQuery())
            #expect(rows.count == logCount + 1)
            #expect(rows.filter { $0.key != "total" }.allSatisfy { $0["n"] == .integer(1) }, "every event applied exactly once")
            #expect(try await Harness.snapshot(CountingProjection(), storage: storage, generation: 1).values.allSatisfy(\.isEmpty),
                    "the old generation is dropped")

            // Rebuilt again on a quiet log, the catalog is row for row what the handover produced.
            let handedOver = try await Harness.snapshot(CatalogProjection(), storage: storage)
            let quiet = ProjectionDaemon(store: store, storage: storage, projections: projections, options: Harness.fastOptions)
            #expect(try await quiet.rebuild("catalog") == 3)
            #expect(try await Harness.snapshot(CatalogProjection(), storage: storage) == handedOver)
            hubTask.cancel()
            await hubTask.value
        }
    }

    @Test("a second rebuild of the same projection is refused while the first runs", arguments: Backend.allCases)
    func concurrentRebuildRefused(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, extras in
            let last = try await CountingProjection.prepare(30, store: store, extras: extras)
            // Other tests' transactions on the server may hold the log's horizon back for a moment.
            _ = try await SettledLog.read(store, through: last)
            // The first rebuild is held in its first event until the second one has been refused.
            let gate = Gate()
            let first = ProjectionDaemon(
                store: store, storage: storage, projections: [GatedProjection(inner: CountingProjection(), gate: gate)],
                options: Harness.fastOptions)
            let running = Task { try await first.rebuild("test-counting") }
            try await Self.withSecondStorage(backend, storage: storage, extras: extras) { adminStorage in
                let second = ProjectionDaemon(store: store, storage: adminStorage, projections: [CountingProjection()], options: Harness.fastOptions)
                for _ in 0..<400 {
                    if try await adminStorage.isRunnerActive(projection: "test-counting", generation: 2) == true { break }
                    try await Task.sleep(for: .milliseconds(10))
                }
                await #expect(throws: ProjectionError.rebuildRunning(projection: "test-counting", generation: 2)) {
                    try await second.rebuild("test-counting")
                }
            }
            gate.open()
            #expect(try await running.value == 2)
            #expect(try await storage.fetch(CountingProjection.table, generation: 2, key: "total")?["n"] == .integer(30))
        }
    }

    /// Another handle on the same read models, as a second process would open them.
    static func withSecondStorage<T: Sendable>(
        _ backend: Backend, storage: any ProjectionStorage, extras: Harness.Extras,
        _ body: (any ProjectionStorage) async throws -> T
    ) async throws -> T {
        switch backend {
        case .postgres:
            let configuration = try #require(extras.configuration)
            return try await TestDatabase.withClient(configuration) { client in
                try await body(PostgresProjectionStorage(client: client, logger: TestDatabase.logger))
            }
        case .sqlite:
            let path = try #require(extras.sqlite).path
            return try await body(try SQLiteProjectionStorage(path: path))
        }
    }

    static func countLog(_ store: any EventStore) async throws -> Int {
        var count = 0
        var cursor = LogCursor.start
        while true {
            let page = try await store.readLog(after: cursor, filter: .all, limit: 1000)
            if page.events.isEmpty { return count }
            count += page.events.count
            cursor = page.next
        }
    }
}

/// Opens once; waiters poll it.
final class Gate: Sendable {
    private let opened = Mutex(false)
    func open() { opened.withLock { $0 = true } }
    func wait() async throws {
        while !opened.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
    }
}

/// A projection that waits for a gate before each event (to hold a runner in the middle of its work).
struct GatedProjection: Projection {
    let inner: any Projection
    let gate: Gate
    var name: String { inner.name }
    var tables: [ReadModelTable] { inner.tables }
    var eventTypes: Set<String>? { inner.eventTypes }

    func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws {
        try await gate.wait()
        try await inner.apply(event, to: &changes)
    }
}

@Suite("Rebuilding several projections at once")
struct RebuildSeveralTests {
    @Test("they read each page of the log once between them and give the same rows as live", arguments: Backend.allCases)
    func sharedReads(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            try await P.append(store, try StreamID("village-zili"), [try P.village()])
            var last: AppendResult?
            for index in 0..<12 {
                last = try await P.append(store, P.itemStream("s-\(index)"), try P.publishedItem("s-\(index)", title: ["en": "Item \(index)"]))
            }
            let projections: [any Projection] = [CatalogProjection(), ItemHistoryProjection(), RightsAuditProjection(), FleetProjection()]
            try await Harness.catchUp(projections, store: store, storage: storage, to: try #require(last).lastCursor)
            var live: [String: [String: [ReadModelRow]]] = [:]
            for projection in projections { live[projection.name] = try await Harness.snapshot(projection, storage: storage) }

            let counting = CountingStore(base: store)
            var options = Harness.fastOptions
            options.batchSize = 20  // 61 events: pages of 20, 20, 20 and 1
            let daemon = ProjectionDaemon(store: counting, storage: storage, projections: projections, options: options)
            let generations = try await daemon.rebuild(projections.map(\.name))
            #expect(generations == Dictionary(uniqueKeysWithValues: projections.map { ($0.name, 2) }))
            for projection in projections {
                #expect(try await Harness.snapshot(projection, storage: storage) == live[projection.name], "\(projection.name)")
            }
            // Each full page is read once for all four; the short last page (the log's end) is kept for no one, so a
            // runner that reaches it after it was read reads it again.
            #expect(counting.fullPageReads == 3, "3 full pages, read once for the 4 projections (not \(counting.fullPageReads))")
            #expect(counting.logReads <= 3 + projections.count)
        }
    }

    @Test("a decoded event is reused only for the very same event")
    func decodedEventsAreKeyedByContent() throws {
        let id = UUID()
        func recorded(_ title: String) throws -> RecordedEvent {
            let event = try P.item(P.registered("k-1", title: ["en": title]))
            return RecordedEvent(
                id: id, streamID: P.itemStream("k-1"), version: 1, position: 1, cursor: LogCursor(commitOrder: 1, position: 1),
                type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, metadata: event.metadata,
                recordedAt: Date())
        }
        guard case .item(.registered(let first))? = try DomainEvent.decode(try recorded("First")),
              case .item(.registered(let second))? = try DomainEvent.decode(try recorded("Second"))
        else {
            Issue.record("not decoded as registrations")
            return
        }
        #expect(first.description.title == ["en": "First"])
        #expect(second.description.title == ["en": "Second"], "same id, other payload: decoded, not taken from the cache")
    }
}
