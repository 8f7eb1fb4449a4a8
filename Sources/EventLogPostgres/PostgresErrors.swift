import _ConnectionPoolModule
import EventLog
import PostgresNIO

enum PostgresErrors {
    /// Maps failures of the connection rather than of the statement to ``EventLogError/unavailable(_:)``: no
    /// server answer (a client-side `PSQLError` without SQLSTATE), a connection exception (`08…`), insufficient
    /// resources (`53…`, e.g. too many connections), a server shutting down, restarting or starting up (`57P…`),
    /// and a pool that cannot make connections. Other errors (cancellation, a statement the server refused) pass
    /// through unchanged.
    static func translate(_ error: any Error) -> any Error {
        if let error = error as? ConnectionPoolError {
            return EventLogError.unavailable("no connection to PostgreSQL: \(error)")
        }
        guard let error = error as? PSQLError else { return error }
        guard let state = error.serverInfo?[.sqlState] else {
            return EventLogError.unavailable(String(describing: error.code))
        }
        if state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P") {
            return EventLogError.unavailable("SQLSTATE \(state): \(error.serverInfo?[.message] ?? "")")
        }
        return error
    }

    /// Runs one database call under `timeout` (see ``Deadline``): past it the call is abandoned and
    /// ``EventLogError/unavailable(_:)`` is thrown, naming the `request` that got no answer and, for a call that
    /// writes, that its outcome is unknown. Other errors are not translated.
    static func withDeadline<T: Sendable>(
        _ timeout: Duration,
        _ request: String,
        writes: Bool = false,
        _ call: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await Deadline.run(within: timeout, call)
        } catch is Deadline.Exceeded {
            let outcome = writes ? "; it may or may not have been written" : ""
            throw EventLogError.unavailable("PostgreSQL did not answer \(request) within \(timeout)\(outcome)")
        }
    }
}
