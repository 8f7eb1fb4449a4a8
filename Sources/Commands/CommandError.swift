import Domain
import EventLog

/// Why a command was not carried out. Nothing was appended in every case.
public enum CommandError: Error, Sendable, CustomStringConvertible {
    /// The decider refused the command (bad input, illegal transition, `EXCLUSIVITY_CONFLICT`, …), or the
    /// client's `expectedVersion` was stale (`VERSION_CONFLICT`).
    case rejected(DomainError)
    /// Concurrent writers kept changing the streams the command reads: it was decided
    /// `CommandHandler.maxAttempts` times and every append lost the race. Retrying later is safe.
    case conflict(EventLogError)
    /// The store failed, or a stored event could not be read (an unknown type, a bad payload). With a
    /// `commandID` the command may be retried safely.
    case store(any Error)

    /// The code of a stale `expectedVersion` (DOMAIN.md, ReviseDescription).
    public static let versionConflictCode = "VERSION_CONFLICT"

    /// A stable code: the domain's, the log's (`WRONG_EXPECTED_VERSION`), or the store error's; `STORE_FAILED`
    /// for an error without one.
    public var code: String {
        switch self {
        case .rejected(let error): error.code
        case .conflict(let error): error.code
        case .store(let error as EventLogError): error.code
        case .store(let error as DomainError): error.code
        case .store: "STORE_FAILED"
        }
    }

    public var field: String? {
        switch self {
        case .rejected(let error): error.field
        case .conflict(let error): error.field
        case .store(let error as EventLogError): error.field
        case .store(let error as DomainError): error.field
        case .store: nil
        }
    }

    public var message: String {
        switch self {
        case .rejected(let error): error.message
        case .conflict(let error): "\(error.code): \(error.message)"
        case .store(let error as EventLogError): "\(error.code): \(error.message)"
        case .store(let error as DomainError): error.message
        case .store(let error): "STORE_FAILED: \(error)"
        }
    }

    /// Whether the client should reload and try again (HTTP 409): a lost race or a stale `expectedVersion`.
    public var isConflict: Bool {
        switch self {
        case .conflict: true
        case .rejected(let error): error.code == Self.versionConflictCode
        case .store: false
        }
    }

    public var description: String { field.map { "\(message) [field: \($0)]" } ?? message }
}
