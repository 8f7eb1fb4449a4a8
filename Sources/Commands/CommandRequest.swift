import Domain
import EventLog
import Foundation

/// A command with everything the handler records beside its events.
///
/// Rules a caller must know:
/// - `context.now` is read by the caller (the hub's clock, or the time a kiosk recorded the command); the handler
///   reads no clock for deciding.
/// - `commandID` makes the command idempotent: the ids of its events are derived from it (see
///   ``DeterministicEventID``), so sending the same request again — a retry after a timeout, a seed loaded twice,
///   a kiosk's months-late push — returns the original positions and appends nothing. Without it every attempt
///   appends new events with fresh UUIDv7 ids.
/// - `expectedVersion` is the version of ``DomainCommand/targetStream`` the client last saw. When set, a stream
///   at any other version refuses the command with `VERSION_CONFLICT` (it is not decided again: the client
///   must look at what changed). When `nil`, concurrent writes are absorbed by re-deciding.
/// - `deviceID`, `deviceSequence`, `clock` and `deviceTime` describe a command recorded on a kiosk; they are
///   copied to the metadata of every event the command produces (a command is the unit a kiosk numbers).
public struct CommandRequest: Sendable {
    public var command: DomainCommand
    public var context: CommandContext
    public var commandID: UUID?
    public var correlationID: UUID?
    public var causationID: UUID?
    public var deviceID: String?
    public var deviceSequence: Int64?
    public var clock: HybridTimestamp?
    public var deviceTime: Date?
    public var expectedVersion: Int64?

    public init(
        command: DomainCommand,
        context: CommandContext,
        commandID: UUID? = nil,
        correlationID: UUID? = nil,
        causationID: UUID? = nil,
        deviceID: String? = nil,
        deviceSequence: Int64? = nil,
        clock: HybridTimestamp? = nil,
        deviceTime: Date? = nil,
        expectedVersion: Int64? = nil
    ) {
        self.command = command
        self.context = context
        self.commandID = commandID
        self.correlationID = correlationID
        self.causationID = causationID
        self.deviceID = deviceID
        self.deviceSequence = deviceSequence
        self.clock = clock
        self.deviceTime = deviceTime
        self.expectedVersion = expectedVersion
    }
}
