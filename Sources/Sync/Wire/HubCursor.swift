import EventLog

/// A kiosk's place in the hub's log: where its next pull resumes. It is a cursor of the **hub's** log, never of the
/// kiosk's replica, whose positions are its own (``KioskDatabase/replicaHead()``): a type of its own, so that the two
/// cannot be mixed up or compared. On the wire and in the kiosk's state it is the hub's ``LogCursor`` token.
public struct HubCursor: Hashable, Sendable, CustomStringConvertible {
    /// Before the hub's first event.
    public static let start = HubCursor(.start)

    let cursor: LogCursor

    init(_ cursor: LogCursor) { self.cursor = cursor }

    /// Parses a token the hub sent (``PullResponse/next``); `nil` for anything else.
    public init?(token: String) {
        guard let cursor = LogCursor(token: token) else { return nil }
        self.init(cursor)
    }

    public var token: String { cursor.token }

    public var description: String { token }
}
