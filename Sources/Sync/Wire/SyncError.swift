/// A refusal of a sync request, as the wire carries it: `{code, field, message}` with an HTTP status.
///
/// The kiosk client reads ``code`` to decide what to do: `DEVICE_REVOKED` and `UNAUTHENTICATED` stop syncing for good
/// (never retried), `SYNC_GAP` restarts the push at the hub's high-water mark, anything 5xx is retried with backoff.
public struct SyncError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var field: String?
    public var message: String

    public init(status: Int, code: String, field: String? = nil, message: String) {
        self.status = status
        self.code = code
        self.field = field
        self.message = message
    }

    /// The hub's log holds no event at the pull's cursor: not the log the kiosk pulled from (restored from an older
    /// backup, or replaced, without a new epoch). The kiosk repairs, as for a new epoch.
    public static let cursorUnknown = "CURSOR_UNKNOWN"

    public static func badRequest(_ message: String, field: String? = nil, code: String = "BAD_REQUEST") -> SyncError {
        SyncError(status: 400, code: code, field: field, message: message)
    }

    public static func unauthenticated(_ message: String) -> SyncError {
        SyncError(status: 401, code: "UNAUTHENTICATED", message: message)
    }

    public static func revoked(_ deviceID: String, reason: String?) -> SyncError {
        SyncError(
            status: 403, code: "DEVICE_REVOKED",
            message: "device \(deviceID) was revoked (\(reason ?? "no reason given")); do not retry")
    }

    /// The hub could not be reached or its answer did not arrive whole (status 0): always retryable.
    public static func network(_ message: String) -> SyncError {
        SyncError(status: 0, code: "NETWORK", message: message)
    }

    public static func unavailable(_ message: String) -> SyncError {
        SyncError(status: 503, code: "STORE_UNAVAILABLE", message: message)
    }

    /// Whether a client may retry the same request later (server trouble, a lost race).
    public var isRetryable: Bool { status == 0 || status >= 500 || status == 429 || code == "SYNC_BUSY" }

    /// Whether the device must stop syncing for good (revoked or unknown credential).
    public var isTerminal: Bool { code == "DEVICE_REVOKED" || status == 401 }

    public var description: String { "\(code): \(message)" + (field.map { " [field: \($0)]" } ?? "") }

    private enum CodingKeys: String, CodingKey { case code, field, message }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        message = try container.decode(String.self, forKey: .message)
        status = 0
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encode(message, forKey: .message)
    }
}
