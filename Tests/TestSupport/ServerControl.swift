import EventLog
import Foundation

/// Stops and starts the throwaway PostgreSQL server that `scripts/test.sh` runs, through its pg_ctl wrapper
/// (`CUNSHI_TEST_PG_CTL`, `scripts/pg-ctl-throwaway.sh`). Every connection to the server is cut, so only tests that
/// run alone may use it: `scripts/test.sh` runs them in a phase of their own, with `CUNSHI_TEST_RESTARTS=1`.
public enum ServerControl {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether this run may stop and start the server (`CUNSHI_TEST_RESTARTS=1`).
    public static var restartsAllowed: Bool {
        ProcessInfo.processInfo.environment["CUNSHI_TEST_RESTARTS"] == "1"
    }

    /// Runs `pg_ctl arguments…` on the test server (e.g. `["stop", "-m", "fast"]`, `["start"]`), waiting until it
    /// is done. Throws when pg_ctl fails, or does not finish within `limit`.
    public static func pgCtl(_ arguments: [String], limit: Duration = .seconds(120)) async throws {
        guard let control = ProcessInfo.processInfo.environment["CUNSHI_TEST_PG_CTL"] else {
            throw Failed(description: "CUNSHI_TEST_PG_CTL is not set: run the restart tests with scripts/test.sh")
        }
        let command = "pg_ctl \(arguments.joined(separator: " "))"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: control)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()
        let status: Int32
        do {
            status = try await Deadline.run(within: limit) {
                for await status in exits { return status }
                return -1
            }
        } catch is Deadline.Exceeded {
            process.terminate()
            throw Failed(description: "\(command) did not finish within \(limit)")
        }
        guard status == 0 else { throw Failed(description: "\(command) exited with status \(status)") }
    }
}
