import EventLog
import PostgresNIO

extension PostgresClient {
    /// Runs `body` while this client runs (`run()`), then shuts the client down, waiting for that at most
    /// `shutdownGrace` (``BackgroundRun/around(_:grace:_:)`` says why).
    package func whileRunning<T>(shutdownGrace: Duration = .seconds(10), _ body: () async throws -> T) async throws -> T {
        try await BackgroundRun.around({ await self.run() }, grace: shutdownGrace, body)
    }
}
