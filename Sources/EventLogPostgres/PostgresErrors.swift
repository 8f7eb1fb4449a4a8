import EventLog
import PostgresNIO

enum PostgresErrors {
    /// Maps connection-level failures (no server answer, a server shutting down or refusing connections) to
    /// ``EventLogError/unavailable(_:)``; other errors pass through unchanged.
    static func translate(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        guard let state = error.serverInfo?[.sqlState] else {
            return EventLogError.unavailable(String(describing: error.code))
        }
        if state.hasPrefix("08") || state.hasPrefix("57P") {
            return EventLogError.unavailable("SQLSTATE \(state): \(error.serverInfo?[.message] ?? "")")
        }
        return error
    }
}
