/// Why seeding stopped. Seeding stops at the first problem; everything before it stays appended (and a rerun
/// after the fix skips it, since seed commands are idempotent).
///
/// Every case names the seed file (relative to the data directory, e.g. `items/440113-panyu.json`) and the record
/// (its `id`, or `#index` when it has none), so the message points at the line to fix.
public enum SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data directory, or a file in it, cannot be read.
    case unreadable(file: String, reason: String)
    /// A record is not what its file's format expects (a missing field, a wrong type, an unknown reference).
    /// `code` is `SEED_FORMAT` or `SEED_REFERENCE`.
    case malformed(file: String, record: String, code: String, message: String)
    /// The command a record maps to was refused by the domain (`code`, `field` and `message` are the
    /// ``Domain/DomainError``'s) — the seed breaks a rule.
    case rejected(file: String, record: String, step: String, code: String, field: String?, message: String)
    /// The store failed, or lost races on every attempt; retrying is safe.
    case store(file: String, record: String, step: String, message: String)

    public var file: String {
        switch self {
        case .unreadable(let file, _), .malformed(let file, _, _, _), .rejected(let file, _, _, _, _, _),
            .store(let file, _, _, _):
            file
        }
    }

    public var record: String? {
        switch self {
        case .unreadable: nil
        case .malformed(_, let record, _, _), .rejected(_, let record, _, _, _, _), .store(_, let record, _, _): record
        }
    }

    /// The rule's code: the domain's (`RIGHTS_URI_INVALID`…), `SEED_FORMAT`, `SEED_REFERENCE`, `SEED_UNREADABLE`,
    /// or the store's.
    public var code: String {
        switch self {
        case .unreadable: "SEED_UNREADABLE"
        case .malformed(_, _, let code, _), .rejected(_, _, _, let code, _, _): code
        case .store: "SEED_STORE_FAILED"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "seed file \(file) cannot be read: \(reason)"
        case .malformed(let file, let record, _, let message):
            "seed file \(file), record \(record): \(message)"
        case .rejected(let file, let record, let step, _, let field, let message):
            "seed file \(file), record \(record), step \(step): \(message)" + (field.map { " [field: \($0)]" } ?? "")
        case .store(let file, let record, let step, let message):
            "seed file \(file), record \(record), step \(step): store failed: \(message)"
        }
    }
}
