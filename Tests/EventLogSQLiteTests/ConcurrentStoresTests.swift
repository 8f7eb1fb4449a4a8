import EventLog
import EventLogSQLite
import Foundation
import Testing
import TestSupport

@Suite("SQLite store: two stores on one file (as two processes would)")
struct SQLiteConcurrentStoresTests {
    struct WriterOutcome: Sendable {
        var acknowledged: [(id: UUID, stream: StreamID, position: Int64, version: Int64)] = []
        var conflicts = 0
        var otherErrors: [String] = []
    }

    @Test("2 stores × 3 writers × 60 appends over 8 shared streams: every acknowledged event once, no version lost")
    func twoPoolsSharedStreams() async throws {
        try await TemporarySQLite.withStore { first, path in
            let second = try SQLiteEventStore(path: path)
            let stores = [first, second]
            let streams = (0..<8).map { _ in EventFixtures.stream("shared") }
            let writers = 6, appends = 60
            let outcomes = try await withThrowingTaskGroup(of: WriterOutcome.self) { group in
                for writer in 0..<writers {
                    let store = stores[writer % stores.count]
                    group.addTask {
                        var outcome = WriterOutcome()
                        var known: [StreamID: Int64] = [:]
                        for attempt in 0..<appends {
                            let stream = streams[(writer * 3 + attempt * 5 + Int.random(in: 0..<2)) % streams.count]
                            let expected = known[stream] ?? 0
                            let events = [
                                EventFixtures.event("test.written", ["writer": writer, "attempt": attempt]),
                                EventFixtures.event("test.also", ["writer": writer, "attempt": attempt]),
                            ]
                            do {
                                let result = try await store.append(events, to: stream, expected: .exact(expected))
                                known[stream] = result.lastVersion
                                if result.lastVersion != expected + 2 || result.wasDuplicate {
                                    outcome.otherErrors.append("acknowledged at \(result.lastVersion), expected \(expected + 2)")
                                }
                                for (index, event) in events.enumerated() {
                                    outcome.acknowledged.append(
                                        (event.id, stream, result.positions[index], expected + 1 + Int64(index)))
                                }
                            } catch let EventLogError.wrongExpectedVersion(conflicted, wanted, actual) {
                                if conflicted != stream || wanted != .exact(expected) || actual == expected {
                                    outcome.otherErrors.append("conflict names the wrong facts: \(conflicted) \(wanted) \(actual)")
                                }
                                outcome.conflicts += 1
                                known[stream] = actual
                            } catch {
                                outcome.otherErrors.append(String(describing: error))
                            }
                        }
                        return outcome
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.flatMap(\.otherErrors).isEmpty, "\(outcomes.flatMap(\.otherErrors).prefix(3))")
            let acknowledged = outcomes.flatMap(\.acknowledged)
            let conflicts = outcomes.map(\.conflicts).reduce(0, +)
            #expect(acknowledged.count / 2 + conflicts == writers * appends)
            #expect(conflicts > 0, "writers sharing streams must have collided at least once")

            for store in stores {
                let log = try await SettledLog.readAll(store)
                #expect(log.count == acknowledged.count)
                #expect(Set(log.map(\.id)).count == log.count, "an event appears twice")
                #expect(log.map(\.position) == log.map(\.position).sorted(), "the log is read in position order")
                let byID = Dictionary(uniqueKeysWithValues: log.map { ($0.id, $0) })
                for ack in acknowledged {
                    let stored = byID[ack.id]
                    #expect(stored?.streamID == ack.stream && stored?.position == ack.position && stored?.version == ack.version)
                }
                for stream in streams {
                    let versions = log.filter { $0.streamID == stream }.map(\.version)
                    #expect(versions == (0..<versions.count).map { Int64($0) + 1 }, "versions of \(stream) have a gap")
                    #expect(try await store.streamVersion(stream) == Int64(versions.count))
                }
            }
        }
    }

    @Test("a reader following the log while two stores append never skips an event")
    func followingReaderSkipsNothing() async throws {
        try await TemporarySQLite.withStore { first, path in
            let second = try SQLiteEventStore(path: path)
            let perWriter = 40
            async let appended: [[UUID]] = withThrowingTaskGroup(of: [UUID].self) { group in
                for store in [first, second] {
                    group.addTask {
                        var ids: [UUID] = []
                        for _ in 0..<perWriter {
                            let events = EventFixtures.events(3)
                            _ = try await store.append(events, to: EventFixtures.stream(), expected: .noStream)
                            ids += events.map(\.id)
                        }
                        return ids
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            var seen: [RecordedEvent] = []
            var cursor = LogCursor.start
            let deadline = ContinuousClock.now + .seconds(30)
            while seen.count < 2 * perWriter * 3, ContinuousClock.now < deadline {
                let page = try await first.readLog(after: cursor, filter: .all, limit: 7)
                seen += page.events
                cursor = page.next
                if page.events.isEmpty { await first.waitForAppends(timeout: .milliseconds(5)) }
            }
            let ids = try await appended.flatMap { $0 }
            #expect(seen.count == ids.count)
            #expect(Set(seen.map(\.id)) == Set(ids))
            #expect(seen.map(\.position) == (0..<seen.count).map { Int64($0) + 1 }, "positions are gap-free and in order")
        }
    }
}
