/// Decides what the kiosk does next while pulling. No I/O.
///
/// The cursor advances only in ``applied(_:)`` — after the driver has written the batch and its cursor in one SQLite
/// transaction — so a failure anywhere (a cut connection, a crash mid-apply) resumes from the last stored cursor,
/// never from zero and never past an event not stored. A batch from another epoch than the one the pull started in
/// is not applied, and a hub that holds no event at the cursor (`CURSOR_UNKNOWN`: its log was restored or replaced
/// without a new epoch) is not pulled from further (`repair`): the driver repairs and starts over.
public struct PullStateMachine: Sendable {
    public enum Action: Sendable {
        case fetch(after: HubCursor)
        /// Write these events and their cursor in one transaction, then call ``applied(_:)``.
        case apply(PullResponse)
        case wait(Duration)
        /// The hub's log is not the one the pull started in (why): repair, then pull again from the start.
        case repair(reason: String)
        case finished
        case failed(SyncError)
    }

    public private(set) var cursor: HubCursor
    public let epoch: String
    public private(set) var eventsReceived = 0
    public private(set) var batches = 0
    private var failures = 0
    private let maxConsecutiveFailures: Int

    public init(cursor: HubCursor, epoch: String, maxConsecutiveFailures: Int = 20) {
        self.cursor = cursor
        self.epoch = epoch
        self.maxConsecutiveFailures = maxConsecutiveFailures
    }

    public mutating func start() -> Action { .fetch(after: cursor) }

    public mutating func received(_ response: PullResponse) -> Action {
        guard response.epoch == epoch else {
            return .repair(reason: "the hub's log epoch changed during the pull (→ \(response.epoch))")
        }
        guard HubCursor(token: response.next) != nil else {
            return .failed(.badRequest("the hub sent an unreadable cursor '\(response.next)'", code: "BAD_CURSOR"))
        }
        return .apply(response)
    }

    public mutating func applied(_ response: PullResponse) -> Action {
        failures = 0
        batches += 1
        eventsReceived += response.events.count
        if let next = HubCursor(token: response.next) { cursor = next }
        return response.more && !response.events.isEmpty ? .fetch(after: cursor) : .finished
    }

    public mutating func failed(_ error: SyncError) -> Action {
        if error.code == SyncError.cursorUnknown {
            return .repair(reason: "the hub's log holds no event at this kiosk's pull cursor: it was restored or replaced")
        }
        guard !error.isTerminal, error.isRetryable else { return .failed(error) }
        failures += 1
        if failures > maxConsecutiveFailures { return .failed(error) }
        return .wait(SyncBackoff.delay(failures))
    }

    public mutating func retry() -> Action { .fetch(after: cursor) }
}

/// What a kiosk does about the hub's answer to hello, before pushing or pulling. Pure.
public enum EpochCheck {
    public enum Decision: Sendable, Hashable {
        /// First contact with this hub: adopt its epoch.
        case adopt
        /// Same log as before.
        case unchanged
        /// The hub's log is not the one acknowledged before (a new epoch, or fewer of this device's entries than it
        /// acknowledged): re-send everything above its high-water mark and re-pull from the start.
        case repair(reason: String)
        /// The hub holds entries of this device numbered beyond anything recorded here: another kiosk uses this
        /// device's identity, or this kiosk was restored from an old copy. Refused; never overwrite.
        case kioskBehind(String)
    }

    public static func decide(knownEpoch: String?, acknowledged: Int64, nextSeq: Int64, hello: HelloResponse) -> Decision {
        if hello.hwm > nextSeq - 1 {
            return .kioskBehind(
                "the hub holds entries of device \(hello.deviceID) up to \(hello.hwm), but this kiosk has recorded only \(nextSeq - 1): is another kiosk using this credential, or was this one restored from an old copy?")
        }
        guard let knownEpoch else { return .adopt }
        if knownEpoch != hello.epoch {
            return .repair(reason: "the hub's log epoch changed (\(knownEpoch) → \(hello.epoch)): it was restored or replaced")
        }
        if hello.hwm < acknowledged {
            return .repair(reason: "the hub holds this device's entries up to \(hello.hwm), but acknowledged up to \(acknowledged) before")
        }
        return .unchanged
    }
}
