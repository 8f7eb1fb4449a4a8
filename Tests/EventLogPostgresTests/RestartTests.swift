import EventLog
import Testing
import TestSupport

/// Stops and starts the shared test server, so `scripts/test.sh` runs this suite alone, after all others.
@Suite(
    "PostgreSQL store: surviving a server restart", .serialized,
    .enabled(
        if: ServerControl.restartsAllowed,
        "stops the shared test server: scripts/test.sh runs it alone, after the rest, with CUNSHI_TEST_RESTARTS=1"))
struct RestartTests {
    @Test(
        "while the server is down appends fail with STORE_UNAVAILABLE; afterwards they succeed, retries double nothing, and a live subscription delivers every acknowledged event once, in order",
        arguments: ["fast", "immediate"])
    func survivesRestart(shutdownMode: String) async throws {
        _ = try await OutageScenario().run { progress, _ in
            try await ServerControl.pgCtl(["stop", "-m", shutdownMode])
            do {
                // Every writer meets the outage as a typed, retryable failure, not a hang: twice after the server
                // is gone, so at least one append was sent while nothing answered, and failed at its deadline.
                let failuresBefore = progress.failureCounts
                try await progress.waitUntil("every writer's appends failed with STORE_UNAVAILABLE", within: .seconds(60)) {
                    zip($0.failureCounts, failuresBefore).allSatisfy { $0 >= $1 + 2 }
                }
            } catch {
                try? await ServerControl.pgCtl(["start"])
                throw error
            }
            try await ServerControl.pgCtl(["start"])
        }
    }
}
