/// A service's `run()` kept going in a task of its own while a piece of work uses the service — a database client
/// for a command-line run, a benchmark or a test.
package enum BackgroundRun {
    /// Runs `body` while `run` goes on; afterwards cancels `run` and waits for it to end, at most `grace`. Returns
    /// `body`'s result or throws its error.
    ///
    /// A task group with `run` as a child waits for it however long it takes after cancelling it. A PostgreSQL
    /// client's `run()` has been seen not to end after cancellation (rarely: a benchmark process, its work done and
    /// every connection closed, sat idle for minutes); past the grace period it is left to end on its own, and the
    /// caller goes on.
    package static func around<T>(
        _ run: @escaping @Sendable () async -> Void, grace: Duration = .seconds(10), _ body: () async throws -> T
    ) async throws -> T {
        let running = Task { await run() }
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        running.cancel()
        _ = try? await Deadline.run(within: grace) { await running.value }
        return try result.get()
    }
}
