import Hummingbird
import Commands
import Domain
import EventLog

extension APIError {
    /// Domain codes that mean "you may not", answered with 403 instead of 422.
    static let forbiddenCodes: Set<String> = [
        ErrorCode.forbidden, ErrorCode.countyForbidden, ErrorCode.agentCannotApprove, ErrorCode.deviceRevoked,
    ]

    /// A refused command. Nothing was appended in every case.
    ///
    /// - `VERSION_CONFLICT`, and a race lost `maxAttempts` times → 409;
    /// - `FORBIDDEN`, `COUNTY_FORBIDDEN`, `AGENT_CANNOT_APPROVE`, `DEVICE_REVOKED` → 403; `NOT_FOUND` → 404;
    /// - every other domain refusal → 422;
    /// - an idempotency key reused for a different command (`DUPLICATE_EVENT_ID`) → 409 `IDEMPOTENCY_KEY_REUSED`;
    /// - an unreachable store → 503; anything else from the store → 500 (a server fault, logged).
    init(_ error: CommandError) {
        switch error {
        case .rejected(let refusal):
            self.init(Self.status(forDomainCode: refusal.code), refusal.code, field: refusal.field, refusal.message)
        case .conflict:
            self.init(.conflict, error.code, field: error.field, error.message)
        case .store(let storeError as EventLogError):
            switch storeError {
            case .unavailable:
                self.init(.serviceUnavailable, storeError.code, storeError.message, headers: [.retryAfter: "1"])
            case .duplicateEventID:
                self.init(
                    .conflict, "IDEMPOTENCY_KEY_REUSED", field: "Idempotency-Key",
                    "this Idempotency-Key was used for a different command; send a new key for a new command")
            case .wrongExpectedVersion:
                self.init(.conflict, storeError.code, field: storeError.field, storeError.message)
            default:
                self.init(.internalServerError, "STORE_FAILED", "the event store refused the append: \(storeError)")
            }
        case .store:
            self.init(.internalServerError, "STORE_FAILED", "the event store failed; retrying with the same Idempotency-Key is safe")
        }
    }

    init(_ refusal: DomainError) {
        self.init(Self.status(forDomainCode: refusal.code), refusal.code, field: refusal.field, refusal.message)
    }

    static func status(forDomainCode code: String) -> HTTPResponse.Status {
        if code == CommandError.versionConflictCode { return .conflict }
        if forbiddenCodes.contains(code) { return .forbidden }
        if code == ErrorCode.notFound { return .notFound }
        return .unprocessableContent
    }
}
