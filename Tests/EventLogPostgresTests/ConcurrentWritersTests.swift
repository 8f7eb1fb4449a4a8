import EventLog
import EventLogPostgres
import Foundation
import Testing
import TestSupport

@Suite("PostgreSQL store: concurrent writers")
struct ConcurrentWritersTests {
    struct WriterOutcome: Sendable {
        var acknowledged: [(id: UUID, stream: StreamID, position: Int64)] = []
        var conflicts = 0
        var otherErrors: [String] = []
    }

    @Test("8 writers × 500 appends over 50 shared streams: every acknowledged event once, every refusal a typed conflict, no version lost")
    func eightWritersSharedStreams() async throws {
        try await TestDatabase.withStore { store, _ in
            let streams = (0..<50).map { _ in EventFixtures.stream("shared") }
            let outcomes = try await withThrowingTaskGroup(of: WriterOutcome.self) { group in
                for writer in 0..<8 {
                    group.addTask {
                        var outcome = WriterOutcome()
                        var known: [StreamID: Int64] = [:]
                        var generator = SystemRandomNumberGenerator()
                        for attempt in 0..<500 {
                            let stream = streams[(writer * 7 + attempt * 13 + Int.random(in: 0..<3, using: &generator)) % streams.count]
                            let expected = known[stream] ?? 0
                            let event = EventFixtures.event("test.written", ["writer": writer, "attempt": attempt])
                            do {
                                let result = try await store.append([event], to: stream, expected: .exact(expected))
                                known[stream] = result.lastVersion
                                outcome.acknowledged.append((event.id, stream, result.positions[0]))
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
            #expect(acknowledged.count + conflicts == 4000)
            #expect(conflicts > 0, "writers sharing streams must have collided at least once")

            let log = try await SettledLog.readAll(store)
            #expect(log.count == acknowledged.count)
            #expect(Set(log.map(\.id)).count == log.count, "an event appears twice")
            let byID = Dictionary(uniqueKeysWithValues: log.map { ($0.id, $0) })
            for ack in acknowledged {
                let stored = byID[ack.id]
                #expect(stored?.streamID == ack.stream && stored?.position == ack.position)
            }
            for stream in streams {
                let versions = log.filter { $0.streamID == stream }.map(\.version).sorted()
                #expect(versions == Array(1...Int64(max(versions.count, 1))).prefix(versions.count).map { $0 })
                #expect(try await store.streamVersion(stream) == Int64(versions.count))
            }
        }
    }

    @Test("the same batch appended by racing retries is written once; both see the same positions")
    func racingIdenticalRetries() async throws {
        try await TestDatabase.withStore { store, _ in
            for _ in 0..<20 {
                let stream = EventFixtures.stream()
                let batch = EventFixtures.events(3)
                async let first = store.append(batch, to: stream, expected: .noStream)
                async let second = store.append(batch, to: stream, expected: .noStream)
                let (a, b) = try await (first, second)
                #expect(a.positions == b.positions)
                #expect(a.wasDuplicate != b.wasDuplicate)
                #expect(try await store.streamVersion(stream) == 3)
            }
        }
    }
}
