import Domain
import EventLog
import Foundation

/// `POST /v1/sync/push`: a run of consecutive outbox entries, oldest first.
public struct PushRequest: Codable, Sendable {
    /// The kiosk's wall clock when it sent the request (milliseconds); the hub compares it with its own to flag skew.
    public var sentAt: Int64
    /// The kiosk's hybrid logical clock when it sent the request.
    public var clock: HybridTimestamp
    /// Consecutive device sequence numbers (`seq`, `seq + 1`, …).
    public var entries: [PushEntry]

    public init(sentAt: Int64, clock: HybridTimestamp, entries: [PushEntry]) {
        self.sentAt = sentAt
        self.clock = clock
        self.entries = entries
    }
}

/// One command the kiosk recorded offline, with what it decided locally.
public struct PushEntry: Codable, Sendable, Hashable {
    /// The device's gapless sequence number of this command (every event of the command carries it).
    public var seq: Int64
    /// Makes the command idempotent on the hub: its event ids are derived from it.
    public var commandID: UUID
    public var command: WireCommand
    /// Who issued the command at the kiosk: the kiosk itself (a villager) or a curator of the kiosk's county.
    public var actor: Actor
    /// The version of the command's target stream that the kiosk decided against (its replica plus its own pending
    /// entries on that stream).
    public var decidedVersion: Int64
    /// The version of the target stream in the kiosk's replica when it decided: the prefix of the hub's stream it had
    /// seen. Hub events after it that are not this device's own are what the kiosk did not know about.
    public var basisVersion: Int64
    /// The kiosk's wall clock when it recorded the command (milliseconds); may be wrong by days.
    public var deviceTime: Int64
    public var clock: HybridTimestamp
    /// The events the kiosk's decision produced (kept in a conflict record if the hub cannot apply the command).
    public var events: [WireEvent]
    /// For a curator's entry: the token the curator signed in with at the kiosk, issued by the hub, which proves the
    /// actor (``CuratorTokenVerifier``). Never written to the hub's log.
    public var curatorToken: String?

    public init(
        seq: Int64, commandID: UUID, command: WireCommand, actor: Actor, decidedVersion: Int64, basisVersion: Int64,
        deviceTime: Int64, clock: HybridTimestamp, events: [WireEvent], curatorToken: String? = nil
    ) {
        self.basisVersion = basisVersion
        self.seq = seq
        self.commandID = commandID
        self.command = command
        self.actor = actor
        self.decidedVersion = decidedVersion
        self.deviceTime = deviceTime
        self.clock = clock
        self.events = events
        self.curatorToken = curatorToken
    }

    public var approximateBytes: Int {
        events.reduce(400 + command.body.utf8.count + (curatorToken?.utf8.count ?? 0)) { $0 + $1.approximateBytes }
    }
}

/// What the hub did with one entry.
public enum PushOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// Decided against the version the kiosk saw: its events were appended as they were.
    case appended
    /// At or below the device's high-water mark: received before; nothing was written.
    case duplicate
    /// The stream had moved on; the command was decided again against the current state and still held.
    case rebased
    /// The command no longer holds (or touches what someone else changed): a conflict record was appended for review.
    case conflict
    /// The device is revoked: the entry was kept in a quarantine record for a curator, not applied.
    case quarantined
}

public struct PushResult: Codable, Sendable, Hashable {
    public var seq: Int64
    public var outcome: PushOutcome
    /// Log positions of the appended events (`appended`, `rebased`), or of the hub's receipt of the entry
    /// (`duplicate`, `conflict`, `quarantined`: the receipt commits with the record in one transaction).
    public var positions: [Int64]
    /// The conflict or quarantine record's event id.
    public var recordID: UUID?
    /// For `duplicate`: the outcome the hub recorded the first time.
    public var original: PushOutcome?
    /// Why a conflict: the domain's error code and message.
    public var code: String?
    public var message: String?

    public init(
        seq: Int64, outcome: PushOutcome, positions: [Int64] = [], recordID: UUID? = nil, original: PushOutcome? = nil,
        code: String? = nil, message: String? = nil
    ) {
        self.seq = seq
        self.outcome = outcome
        self.positions = positions
        self.recordID = recordID
        self.original = original
        self.code = code
        self.message = message
    }
}

/// The difference between the hub's clock and the kiosk's, as the hub measured it on receipt.
public struct ClockSkew: Codable, Sendable, Hashable {
    /// Hub time minus kiosk time, milliseconds (positive: the kiosk is behind).
    public var milliseconds: Int64
    /// Whether the skew is beyond ``threshold`` (recorded with every event's receipt, never a reason to refuse).
    public var flagged: Bool

    public static let threshold: Int64 = 5 * 60 * 1000

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
        self.flagged = abs(milliseconds) > Self.threshold
    }
}

public struct PushResponse: Codable, Sendable {
    /// The hub's log epoch (see ``HubEpoch``).
    public var epoch: String
    /// The device's high-water mark after this request: every `seq` at or below it is durable on the hub.
    public var hwm: Int64
    public var hubTime: Int64
    public var clock: HybridTimestamp
    public var skew: ClockSkew
    /// One result per handled entry, in order. Fewer than the entries when the hub stopped early (``stopped``).
    public var results: [PushResult]
    /// Why the hub stopped before the end of the batch (a transient failure): retry from `hwm + 1`.
    public var stopped: SyncError?

    public init(
        epoch: String, hwm: Int64, hubTime: Int64, clock: HybridTimestamp, skew: ClockSkew, results: [PushResult],
        stopped: SyncError? = nil
    ) {
        self.epoch = epoch
        self.hwm = hwm
        self.hubTime = hubTime
        self.clock = clock
        self.skew = skew
        self.results = results
        self.stopped = stopped
    }
}
