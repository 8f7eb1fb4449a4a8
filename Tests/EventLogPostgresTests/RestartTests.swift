import EventLog
import EventLogPostgres
import Foundation
import Testing
import TestSupport

/// Restarts the PostgreSQL server, so `scripts/test.sh` runs this suite alone, after all others.
@Suite("PostgreSQL store: surviving a server restart",
       .enabled(if: ProcessInfo.processInfo.environment["CUNSHI_TEST_RESTARTS"] == "1"))
struct RestartTests {
    @Test("a live subscription keeps delivering, without loss or doubles, across a PostgreSQL restart")
    func subscriptionSurvivesRestart() async throws {
        try await TestDatabase.withStore { store, _ in
            let stream = EventFixtures.stream()
            let before = EventFixtures.events(20)
            let after = EventFixtures.events(20)
            async let delivered: [UUID] = {
                var ids: [UUID] = []
                for try await event in store.subscribe(pollInterval: .milliseconds(50)) {
                    ids.append(event.id)
                    if ids.count == before.count + after.count { break }
                }
                return ids
            }()
            for event in before { _ = try await store.append([event], to: stream, expected: .any) }

            try restartServer()

            for event in after {
                // Appends fail while connections are re-established; the same ids make the retry safe.
                var attempts = 0
                while true {
                    do {
                        _ = try await store.append([event], to: stream, expected: .any)
                        break
                    } catch let error as EventLogError {
                        guard case .unavailable = error else { throw error }
                        attempts += 1
                        try #require(attempts < 100, "the store did not come back after the restart")
                        try await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
            let ids = try await delivered
            #expect(ids == (before + after).map(\.id))
            #expect(try await store.streamVersion(stream) == 40)
        }
    }

    private func restartServer() throws {
        let control = try #require(ProcessInfo.processInfo.environment["CUNSHI_TEST_PG_CTL"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: control)
        process.arguments = ["-m", "fast", "restart"]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "pg_ctl restart failed")
    }
}
