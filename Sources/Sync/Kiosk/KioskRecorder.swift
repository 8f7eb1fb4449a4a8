import Commands
import Domain
import EventLog
import Foundation
import GRDB

/// Records commands on a kiosk, offline: decides them with the same ``Commands/CommandHandler`` as the hub, against
/// the replica plus the kiosk's own pending entries, and writes the outcome as ONE outbox entry with the next device
/// sequence number.
///
/// Only archive-item and tour commands are recorded (``WireCommand``). The actor is the kiosk itself (a villager's
/// contribution) or a curator of the kiosk's county who signed in at the kiosk with a token the hub issued them
/// (``CuratorSignIn``): the entry carries the token, and the hub applies it only if the token proves the curator.
public struct KioskRecorder: Sendable {
    public let database: KioskDatabase
    let now: @Sendable () -> Date

    public init(database: KioskDatabase, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    public struct Recorded: Sendable, Hashable, Codable {
        public var seq: Int64
        public var commandID: UUID
        public var eventTypes: [String]
    }

    /// Decides `command` — the kiosk's own, or `curator`'s — and, if it holds, appends it to the outbox. Throws
    /// ``Commands/CommandError`` when the command is refused (nothing is written), and ``SyncError`` for a command
    /// kiosks cannot record (`COMMAND_NOT_SYNCABLE`) or a curator of another county (`COUNTY_FORBIDDEN`).
    @discardableResult
    public func record(_ command: DomainCommand, curator: CuratorSignIn? = nil, commandID: UUID = UUIDv7.make()) async throws -> Recorded {
        let wire = try WireCommand(command)
        let state = try await database.state()
        let county = CountyCode(state.county ?? "")
        if let curator, curator.actor.county != county {
            throw SyncError.badRequest(
                "\(curator.actor) is not a curator of this kiosk's county \(county)", field: "curatorToken", code: ErrorCode.countyForbidden)
        }
        let actor = curator?.actor ?? .kiosk(state.deviceID, county: county)
        let recordedAt = now()
        let nowMilliseconds = Int64((recordedAt.timeIntervalSince1970 * 1000).rounded())
        var hlc = HybridLogicalClock(last: state.clock)
        let clock = hlc.tick(nowMilliseconds: nowMilliseconds)
        let overlay = KioskOverlayStore(
            database: database,
            pending: .init(
                commandID: commandID, command: wire, actor: actor, deviceTime: nowMilliseconds, clock: clock,
                curatorToken: curator?.token))
        let request = CommandRequest(
            command: command, context: CommandContext(actor: actor, now: recordedAt), commandID: commandID,
            correlationID: commandID, deviceID: state.deviceID, clock: clock, deviceTime: recordedAt)
        let outcome = try await CommandHandler(store: overlay, maxAttempts: 3).handle(request)
        guard let seq = overlay.recordedSequence() else {
            throw SyncError.badRequest("the command decided no events; nothing was recorded", code: "NOTHING_TO_RECORD")
        }
        return Recorded(seq: seq, commandID: commandID, eventTypes: outcome.eventTypes)
    }
}
