import EventLog
import Foundation

/// One sync of a kiosk with its hub: hello (epoch check), push the outbox, pull the county, prune. It performs the
/// actions of ``PushStateMachine``, ``PullStateMachine`` and ``EpochCheck``; the decisions are theirs.
///
/// Rules:
/// - A revoked kiosk (the hub said `DEVICE_REVOKED` or 401 once) never contacts the hub again until re-initialized.
/// - Push comes before pull, so the kiosk's own events come back in the hub's order in the same sync.
/// - Every batch is bounded (entries and bytes up, events and bytes down) and compressed.
public struct KioskSyncClient: Sendable {
    public struct Options: Sendable {
        public var pushEntries = 200
        public var pushBytes = 2 * 1024 * 1024
        public var pullEvents = PullLimits.defaultEvents
        public var pullBytes = PullLimits.defaultBytes
        public var maxConsecutiveFailures = 20
        /// How long acknowledged outbox entries are kept: the age of the oldest backup the hub could be restored from,
        /// on the hub's clock.
        public var backupHorizon: Duration = .seconds(30 * 24 * 3600)
        public init() {}
    }

    public let database: KioskDatabase
    public let transport: any SyncTransport
    public let options: Options
    let progress: @Sendable (SyncProgress) -> Void
    let now: @Sendable () -> Date

    public init(
        database: KioskDatabase, transport: any SyncTransport, options: Options = Options(),
        now: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) {
        self.database = database
        self.transport = transport
        self.options = options
        self.now = now
        self.progress = progress
    }

    public func sync() async throws -> SyncSummary {
        let started = ContinuousClock.now
        var summary = SyncSummary()
        var state = try await database.state()
        if let message = state.revokedMessage {
            throw SyncError(status: 403, code: "DEVICE_REVOKED", message: "this kiosk was refused by its hub (\(message)); it will not retry")
        }
        // The backup horizon is measured on the hub's clock, as acknowledgements are stamped: a kiosk clock that jumps
        // ahead must not prune entries a restored hub might still need.
        let hubNow: Date
        do {
            let hello = try await retrying { () async throws(SyncError) in try await transport.hello() }
            hubNow = Self.date(milliseconds: hello.hubTime)
            try await database.receive(hello.clock, now: now())
            switch EpochCheck.decide(knownEpoch: state.hubEpoch, acknowledged: state.ackedSeq, nextSeq: state.nextSeq, hello: hello) {
            case .adopt:
                try await database.adoptEpoch(hello.epoch, county: hello.county)
            case .unchanged:
                break
            case .repair(let reason):
                summary.repairReason = reason
                summary.resent = try await database.repair(hubHighWaterMark: hello.hwm, epoch: hello.epoch)
                progress(.repairing(reason: reason, resending: summary.resent))
            case .kioskBehind(let message):
                throw SyncError(status: 409, code: "KIOSK_SEQUENCE_BEHIND", message: message)
            }
            state = try await database.state()
            try await pushRepairing(after: hello, into: &summary)
            try await pull(&summary)
        } catch let error as SyncError where error.isTerminal {
            if error.code == "DEVICE_REVOKED" { summary.quarantined = try await handOver(after: state.ackedSeq) }
            try await database.markRevoked(error.message)
            throw error
        }
        summary.pruned = try await database.prune(acknowledgedBefore: hubNow.addingTimeInterval(-Self.seconds(options.backupHorizon)))
        let counts = try await database.outboxCounts()
        summary.stillPending = counts.pending
        state = try await database.state()
        summary.skewMilliseconds = state.skewMilliseconds
        summary.skewFlagged = state.skewFlagged
        summary.hubEpoch = state.hubEpoch
        summary.elapsed = ContinuousClock.now - started
        return summary
    }

    /// A revoked kiosk's last requests: its unconfirmed entries, in bounded pushes, so the hub keeps them in quarantine
    /// for a curator (never applied). The hub answers each with `DEVICE_REVOKED` once it has kept them; any other answer
    /// (the hub unreachable, a failure) ends the hand-over. Nothing is retried. Returns the entries handed over.
    private func handOver(after acknowledged: Int64) async throws -> Int {
        var after = acknowledged, handed = 0
        while true {
            let entries = try await database.outboxEntries(after: after, limit: options.pushEntries, maxBytes: options.pushBytes)
            guard let last = entries.last else { return handed }
            let request = PushRequest(
                sentAt: Int64((now().timeIntervalSince1970 * 1000).rounded()), clock: try await database.state().clock, entries: entries)
            guard case .failure(let refusal) = await Self.attempt({ () async throws(SyncError) in try await transport.push(request) }),
                  refusal.code == "DEVICE_REVOKED"
            else { return handed }
            handed += entries.count
            after = last.seq
        }
    }

    /// The hub answered from another log epoch (`epoch`) than the one this push began under (it was restored, or
    /// failed over, mid-sync): nothing of the answer may be recorded.
    private struct EpochMoved: Error {
        let epoch: String
    }

    /// Pushes under `hello`'s epoch. An answer from another epoch is not recorded: the kiosk repairs, as for a pull
    /// that sees the epoch change, and pushes again under the new one.
    private func pushRepairing(after hello: HelloResponse, into summary: inout SyncSummary) async throws {
        var hello = hello
        var restarts = 0
        while true {
            do {
                return try await push(from: hello.hwm, epoch: hello.epoch, into: &summary)
            } catch let moved as EpochMoved {
                hello = try await repair(
                    "the hub's log epoch changed during the push (→ \(moved.epoch))", restarts: &restarts, into: &summary)
            }
        }
    }

    /// Repairs after the hub's log turned out not to be the one this sync began with (`reason`): asks the hub where it
    /// stands, makes pending again what it lacks and restarts the pull from the start. Returns the hub's hello.
    /// `restarts` counts the repairs of one push or pull: past 3, `EPOCH_UNSTABLE`.
    private func repair(_ reason: String, restarts: inout Int, into summary: inout SyncSummary) async throws -> HelloResponse {
        restarts += 1
        guard restarts <= 3 else {
            throw SyncError(status: 409, code: "EPOCH_UNSTABLE", message: "the hub's log keeps changing (\(reason)); try later")
        }
        let hello = try await retrying { () async throws(SyncError) in try await transport.hello() }
        summary.repairReason = reason
        summary.resent += try await database.repair(hubHighWaterMark: hello.hwm, epoch: hello.epoch)
        progress(.repairing(reason: reason, resending: summary.resent))
        return hello
    }

    /// Pushes the outbox after what the hub holds and the kiosk has recorded (``PushStateMachine``); throws
    /// ``EpochMoved`` when an answer is not of `epoch`.
    private func push(from highWaterMark: Int64, epoch: String, into summary: inout SyncSummary) async throws {
        var machine = PushStateMachine(
            hubHighWaterMark: highWaterMark, acknowledged: try await database.state().ackedSeq,
            maxConsecutiveFailures: options.maxConsecutiveFailures)
        var action = machine.start()
        var entries: [PushEntry] = []
        while true {
            switch action {
            case .loadEntries(let after):
                entries = try await database.outboxEntries(after: after, limit: options.pushEntries, maxBytes: options.pushBytes)
                action = machine.loaded(entries.count)
            case .send:
                let request = PushRequest(
                    sentAt: Int64((now().timeIntervalSince1970 * 1000).rounded()), clock: try await database.state().clock,
                    entries: entries)
                switch await Self.attempt({ () async throws(SyncError) in try await transport.push(request) }) {
                case .success(let response):
                    guard response.epoch == epoch else { throw EpochMoved(epoch: response.epoch) }
                    try await database.recordPush(response, acknowledgedAt: Self.date(milliseconds: response.hubTime))
                    try await database.receive(response.clock, now: now())
                    action = machine.received(response)
                    progress(.pushed(through: response.hwm, of: entries.last?.seq ?? response.hwm))
                case .failure(let error):
                    action = machine.failed(error)
                }
            case .refreshHighWaterMark:
                switch await Self.attempt({ () async throws(SyncError) in try await transport.hello() }) {
                case .success(let hello):
                    guard hello.epoch == epoch else { throw EpochMoved(epoch: hello.epoch) }
                    action = machine.refreshed(highWaterMark: hello.hwm)
                case .failure(let error): action = machine.failed(error)
                }
            case .wait(let delay):
                progress(.retrying(after: delay))
                try await Task.sleep(for: delay)
                action = machine.retry()
            case .finished:
                summary.absorb(machine.tally)
                return
            case .failed(let error):
                summary.absorb(machine.tally)
                throw error
            }
        }
    }

    private func pull(_ summary: inout SyncSummary) async throws {
        var restarts = 0
        while true {
            let state = try await database.state()
            var machine = PullStateMachine(
                cursor: state.pullCursor, epoch: state.hubEpoch ?? "", maxConsecutiveFailures: options.maxConsecutiveFailures)
            var action = machine.start()
            // Batches requested ahead: the hub reads and encodes them while the kiosk decodes and writes this one.
            let ahead = PullsAhead { cursor, hint in await fetch(cursor, nextHint: hint) }
            defer { ahead.cancelAll() }
            loop: while true {
                switch action {
                case .fetch(let cursor):
                    let result: Result<PullResponse, SyncError>
                    if let prefetched = ahead.take(cursor) {
                        result = await prefetched.value
                    } else {
                        ahead.cancelAll()
                        result = await fetch(cursor) { ahead.start($0) }
                    }
                    switch result {
                    case .success(let response): action = machine.received(response)
                    case .failure(let error): action = machine.failed(error)
                    }
                case .apply(let response):
                    if response.more { ahead.start(response.next) }
                    summary.pulled += try await database.applyPull(response)
                    summary.pullBatches += 1
                    action = machine.applied(response)
                    progress(.pulled(events: machine.eventsReceived, cursor: machine.cursor.token))
                case .wait(let delay):
                    progress(.retrying(after: delay))
                    try await Task.sleep(for: delay)
                    action = machine.retry()
                case .repair(let reason):
                    let hello = try await repair(reason, restarts: &restarts, into: &summary)
                    try await pushRepairing(after: hello, into: &summary)
                    break loop
                case .finished:
                    try await database.finishReconciliation()
                    return
                case .failed(let error):
                    throw error
                }
            }
        }
    }

    private func fetch(
        _ cursor: HubCursor, nextHint: @escaping @Sendable (String) -> Void
    ) async -> Result<PullResponse, SyncError> {
        let request = PullRequest(cursor: cursor.token, maxEvents: options.pullEvents, maxBytes: options.pullBytes)
        return await Self.attempt { () async throws(SyncError) in try await transport.pull(request, nextHint: nextHint) }
    }

    static func attempt<T>(_ body: () async throws(SyncError) -> T) async -> Result<T, SyncError> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// Runs `body`, retrying network and server failures with backoff.
    private func retrying<T>(_ body: () async throws(SyncError) -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                return try await body()
            } catch {
                guard error.isRetryable, !error.isTerminal, failures < options.maxConsecutiveFailures else { throw error }
                failures += 1
                try await Task.sleep(for: SyncBackoff.delay(failures))
            }
        }
    }

    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Progress of a running sync, for a progress line.
public enum SyncProgress: Sendable {
    case repairing(reason: String, resending: Int)
    case pushed(through: Int64, of: Int64)
    case pulled(events: Int, cursor: String)
    case retrying(after: Duration)
}

/// What one sync did.
public struct SyncSummary: Sendable, Hashable, CustomStringConvertible {
    public var appended = 0
    public var rebased = 0
    public var conflicts = 0
    public var duplicates = 0
    public var quarantined = 0
    public var pulled = 0
    public var pullBatches = 0
    public var resent = 0
    public var pruned = 0
    public var stillPending = 0
    public var repairReason: String?
    public var skewMilliseconds: Int64?
    public var skewFlagged = false
    public var hubEpoch: String?
    public var elapsed: Duration = .zero

    public init() {}

    /// Entries the hub took this time (appended or rebased).
    public var pushed: Int { appended + rebased }

    mutating func absorb(_ tally: [PushOutcome: Int]) {
        appended += tally[.appended] ?? 0
        rebased += tally[.rebased] ?? 0
        conflicts += tally[.conflict] ?? 0
        duplicates += tally[.duplicate] ?? 0
        quarantined += tally[.quarantined] ?? 0
    }

    public var description: String {
        var lines = [
            "pushed \(pushed) (appended \(appended), rebased \(rebased)), conflicts \(conflicts), already on the hub \(duplicates)",
            "pulled \(pulled) events in \(pullBatches) batches; \(stillPending) entries still pending; \(pruned) old entries pruned",
        ]
        if let repairReason { lines.append("repaired: \(repairReason); re-sent \(resent) entries") }
        if let skewMilliseconds, skewFlagged {
            lines.append("clock skew flagged: this kiosk's clock is off by \(skewMilliseconds / 1000) s from the hub's")
        }
        lines.append("took \(elapsed.formatted(.units(allowed: [.seconds, .milliseconds], width: .abbreviated)))")
        return lines.joined(separator: "\n")
    }
}
