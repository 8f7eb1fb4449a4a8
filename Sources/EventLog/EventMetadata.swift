import Foundation

/// Who and what produced an event, where, and when — recorded beside every event.
///
/// The hub's commit time is not here: it is ``RecordedEvent/recordedAt``, set by the store.
public struct EventMetadata: Codable, Sendable, Hashable {
    /// Who issued the command (e.g. `curator` / `u-17`).
    public var actor: ActorRef?
    /// The kiosk that recorded the event offline, if any.
    public var deviceID: String?
    /// The kiosk's gapless sequence number of this event (1, 2, 3, …), if recorded on a kiosk.
    public var deviceSequence: Int64?
    /// The hybrid logical clock reading of the recording node.
    public var clock: HybridTimestamp?
    /// The wall clock of the recording device when the event was recorded; may be wrong by days.
    public var deviceTime: Date?
    /// Ties together everything one request caused.
    public var correlationID: UUID?
    /// The event or command that directly caused this one.
    public var causationID: UUID?
    /// The county (6-digit administrative division code) the event belongs to; kiosks see only their county.
    public var county: String?

    public init(
        actor: ActorRef? = nil,
        deviceID: String? = nil,
        deviceSequence: Int64? = nil,
        clock: HybridTimestamp? = nil,
        deviceTime: Date? = nil,
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        county: String? = nil
    ) {
        self.actor = actor
        self.deviceID = deviceID
        self.deviceSequence = deviceSequence
        self.clock = clock
        self.deviceTime = deviceTime
        self.correlationID = correlationID
        self.causationID = causationID
        self.county = county
    }
}

/// The issuer of a command as the log records it: a role (`admin`, `curator`, `kiosk`, `agent`) and an id.
public struct ActorRef: Codable, Sendable, Hashable, CustomStringConvertible {
    public var role: String
    public var id: String

    public init(role: String, id: String) {
        self.role = role
        self.id = id
    }

    public var description: String { "\(role):\(id)" }
}
