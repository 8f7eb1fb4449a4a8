import Foundation

/// A refusal of a command: a stable machine-readable `code`, the offending `field` (a dotted path into the
/// command, or `nil` when the refusal is about the whole command), and a `message` a person can act on.
///
/// Rules a caller must know:
/// - A decider that throws emits nothing: the command handler must append no event.
/// - `message` always starts with the code (`"MISSING_TRANSLATION: stop 3 yue-Hant"`), so it can be shown as is.
/// - Codes are listed in ``ErrorCode``; they are part of the public contract and never renamed.
public struct DomainError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public let code: String
    public let field: String?
    public let message: String

    /// Creates an error whose message is `"<code>: <detail>"`.
    public init(_ code: String, field: String? = nil, _ detail: String) {
        self.code = code
        self.field = field
        self.message = "\(code): \(detail)"
    }

    /// Creates an error with a message taken verbatim (used when decoding a stored error).
    public init(code: String, field: String?, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { field.map { "\(message) [field: \($0)]" } ?? message }
}
