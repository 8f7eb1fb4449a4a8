import EventLog
import EventLogPostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing
import TestSupport

/// A live log cut off from PostgreSQL. Writers append one event at a time to streams of their own, each expecting
/// its stream's exact version; a subscription tails the log; a second store on its own client — another hub
/// process — waits for wake-up hints, which only its LISTEN connection can give it. Then `cut` runs (a server
/// restart, killed connections) while the writers keep going.
///
/// A writer whose append fails with a retryable error (`STORE_UNAVAILABLE`) sends the same event again, with the
/// same expectation, until it is acknowledged; any other error fails the test. Afterwards:
/// - the subscription never stopped, and delivered every event of the log exactly once, in the log's order;
/// - every acknowledged event is in the log once, at the position its acknowledgement gave (a retry of an append that
///   had gone in is answered with the original positions), and no stream holds more events than were acknowledged;
/// - the second store is woken within seconds of an append made after the cut, so its LISTEN connection came back.
///
/// Every wait is bounded: a store call that takes longer than ``callLimit``, or a phase longer than ``phaseLimit``,
/// fails the test instead of hanging it.
struct OutageScenario {
    var writers = 4
    /// Appends each writer has acknowledged before the cut, and after it.
    var appendsBeforeCut = 5
    var appendsAfterCut = 5
    /// The stores' deadline, short so that appends fail fast while the server is away.
    var requestTimeout = Duration.seconds(2)
    /// A store call taking longer than this has hung (well past ``requestTimeout``, for a loaded machine).
    var callLimit = Duration.seconds(30)
    var phaseLimit = Duration.seconds(90)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the scenario on a fresh database and checks it; returns what happened, for tests to check more.
    func run(
        _ cut: @escaping @Sendable (Progress, PostgresClient.Configuration) async throws -> Void
    ) async throws -> Progress {
        // A test server may run with synchronous_commit off, where a server stopped in immediate mode loses commits
        // it had acknowledged; here an acknowledgement must mean durable.
        let options = PostgresEventStore.Options(requestTimeout: requestTimeout)
        return try await TestDatabase.withFreshDatabase { base in
            var durable = base
            durable.options.additionalStartupParameters = [("synchronous_commit", "on")]
            let configuration = durable
            return try await TestDatabase.withRunningStore(configuration, options: options) { store in
                try await TestDatabase.withRunningStore(configuration, options: options) { remote in
                    try await bounded("the whole scenario", within: phaseLimit * 4) {
                        try await run(store: store, remote: remote, configuration: configuration, cut: cut)
                    }
                }
            }
        }
    }

    private func run(
        store: PostgresEventStore,
        remote: PostgresEventStore,
        configuration: PostgresClient.Configuration,
        cut: @escaping @Sendable (Progress, PostgresClient.Configuration) async throws -> Void
    ) async throws -> Progress {
        let progress = Progress(writers: writers)
        let streams = (0..<writers).map { EventFixtures.stream("writer\($0)") }
        let marker = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await event in store.subscribe(pageSize: 20, pollInterval: .milliseconds(100)) {
                        progress.delivered(event)
                    }
                    progress.subscriptionEnded("the subscription ended")
                } catch is CancellationError {
                } catch {
                    progress.subscriptionEnded("the subscription failed: \(error)")
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    await remote.waitForAppends(timeout: .seconds(600))
                    progress.wokeRemotely()
                }
            }
            for (writer, stream) in streams.enumerated() {
                group.addTask {
                    do {
                        try await write(writer, to: stream, store: store, progress: progress)
                    } catch {
                        progress.failScenario("writer \(writer): \(error)")
                    }
                }
            }

            try await progress.waitUntil("every writer has \(appendsBeforeCut) appends acknowledged", within: phaseLimit) {
                $0.acknowledgedCounts.allSatisfy { $0 >= appendsBeforeCut }
            }
            try await cut(progress, configuration)
            let afterCut = progress.acknowledgedCounts
            try await progress.waitUntil("every writer has \(appendsAfterCut) more appends acknowledged", within: phaseLimit) {
                zip($0.acknowledgedCounts, afterCut).allSatisfy { $0 >= $1 + appendsAfterCut }
            }
            progress.stopWriters()
            try await progress.waitUntil("the writers have stopped", within: phaseLimit) { $0.writersRunning == 0 }
            try await hintUntilRemoteWakes(store: store, progress: progress)

            // Appended after every other event was acknowledged, the marker comes last in the log.
            let marker = EventFixtures.event("test.marker")
            let markerStream = EventFixtures.stream("marker")
            try await appendUntilAcknowledged(marker, to: markerStream, expected: .noStream, store: store, progress: progress)
            try await progress.waitUntil("the subscription has delivered the last event", within: phaseLimit) {
                $0.deliveredIDs.contains(marker.id) || $0.subscriptionEnd != nil
            }
            group.cancelAll()
            return marker
        }

        #expect(progress.subscriptionEnd == nil, "the subscription stopped: \(progress.subscriptionEnd ?? "")")
        let delivered = progress.deliveredEvents
        let ids = delivered.map(\.id)
        #expect(Set(ids).count == ids.count, "the subscription delivered an event twice")
        #expect(ids.last == marker.id, "the last event was not delivered last")

        let markerCursor = try #require(delivered.last?.cursor)
        let log = try await bounded("reading the whole log") { try await SettledLog.read(store, through: markerCursor) }
        #expect(log.map(\.id) == ids, "the subscription skipped, doubled or reordered events of the log")

        let acknowledged = progress.acknowledgements
        let positions = Dictionary(log.map { ($0.id, $0.position) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(acknowledged.map(\.id)).union([marker.id]) == Set(positions.keys),
                "the log holds other events than the acknowledged ones")
        for ack in acknowledged {
            #expect(positions[ack.id] == ack.position, "event \(ack.id) was acknowledged at another position")
        }
        for (writer, stream) in streams.enumerated() {
            let version = try await bounded("a stream version") { try await store.streamVersion(stream) }
            #expect(version == Int64(progress.acknowledgedCounts[writer]), "\(stream) holds unacknowledged events")
        }
        return progress
    }

    /// Appends events one by one to `stream`, each expecting the stream's exact version, until told to stop.
    private func write(_ writer: Int, to stream: StreamID, store: PostgresEventStore, progress: Progress) async throws {
        defer { progress.writerStopped() }
        var version: Int64 = 0
        while !progress.writersShouldStop {
            let event = EventFixtures.event("test.written", ["writer": writer, "version": Int(version) + 1])
            try await appendUntilAcknowledged(
                event, to: stream, expected: version == 0 ? .noStream : .exact(version), store: store,
                progress: progress, writer: writer)
            version += 1
        }
    }

    /// Appends events to a stream of their own, one every half second, until the second store is woken after the
    /// first of them: its only source of wake-ups is its LISTEN connection (the first hint may be lost while the
    /// second store re-arms its wait, so there is more than one).
    private func hintUntilRemoteWakes(store: PostgresEventStore, progress: Progress) async throws {
        let stream = EventFixtures.stream("hint")
        let since = ContinuousClock.now
        let giveUp = since + .seconds(30)
        var version: Int64 = 0
        while !progress.wokeRemotely(after: since) {
            guard ContinuousClock.now < giveUp else {
                throw Failure(description: "the second store was not woken by NOTIFY within 30 seconds of an append")
            }
            try await appendUntilAcknowledged(
                EventFixtures.event("test.hint"), to: stream, expected: version == 0 ? .noStream : .exact(version),
                store: store, progress: progress)
            version += 1
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Sends the same append until it is acknowledged, retrying only retryable errors.
    private func appendUntilAcknowledged(
        _ event: NewEvent, to stream: StreamID, expected: ExpectedVersion, store: PostgresEventStore,
        progress: Progress, writer: Int? = nil
    ) async throws {
        let giveUp = ContinuousClock.now + phaseLimit
        while true {
            do {
                let result = try await bounded("an append") {
                    try await store.append([event], to: stream, expected: expected)
                }
                progress.acknowledged(event.id, result, writer: writer)
                return
            } catch let error as EventLogError where error.isRetryable {
                progress.failed(writer: writer)
                guard ContinuousClock.now < giveUp else {
                    throw Failure(description: "an append kept failing for \(phaseLimit): \(error)")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    private func bounded<T: Sendable>(
        _ call: String, within limit: Duration? = nil, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await Deadline.run(within: limit ?? callLimit, body)
        } catch is Deadline.Exceeded {
            throw Failure(description: "\(call) did not return within \(limit ?? callLimit)")
        }
    }
}
