import Commands
import Domain
import EventLog
import Foundation
import Logging
import Synchronization

/// The hub's side of kiosk sync, independent of HTTP: ``hello(_:)``, ``push(_:_:)``, ``pull(_:_:)``.
///
/// Rules it keeps (SYNC.md):
/// - The device's county is the ``DeviceIdentity`` the caller authenticated — never a request parameter.
/// - A push is handled in device-sequence order. Each entry's outcome and its receipt (the device's high-water mark)
///   commit in ONE append (see ``SyncRecords``), so an entry at or below the mark is a `duplicate` that writes
///   nothing, and an entry above `mark + 1` is refused as `SYNC_GAP`.
/// - A kiosk command is decided again on the hub through ``Commands/CommandHandler`` with the kiosk's command id,
///   actor and clocks: against the version it saw it is `appended`, against a newer one `rebased`; refused, it becomes
///   a conflict record for the review queue (`conflict`). Nothing a kiosk recorded is dropped.
/// - A curator's entry is applied only with a token of that curator, of the device's county, issued by this hub
///   (``curators``) and received at most ``curatorTokenGrace`` after it expired; otherwise it is a conflict record
///   (`CURATOR_UNVERIFIED`). Without a verifier, every curator entry is.
/// - Pushes of one device are serialized in this process; across hub processes the receipt stream's expected
///   version serializes them.
public struct HubSyncService: Sendable {
    public struct Limits: Sendable {
        public var maxEntriesPerPush = 500
        public init() {}
    }

    public let store: any EventStore
    public let epoch: any HubEpochSource
    public let limits: Limits
    /// Verifies curator tokens (the hub's staff tokens); `nil`: no curator entry from a kiosk is applied.
    public let curators: (any CuratorTokenVerifier)?
    let now: @Sendable () -> Date
    let locks = DeviceLocks()
    let clock = HubClock()
    let logger: Logger

    public init(
        store: any EventStore, epoch: any HubEpochSource, limits: Limits = Limits(),
        curators: (any CuratorTokenVerifier)? = nil, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "cunshi.sync.hub")
    ) {
        self.store = store
        self.epoch = epoch
        self.limits = limits
        self.curators = curators
        self.now = now
        self.logger = logger
    }

    public func hello(_ device: DeviceIdentity) async throws(SyncError) -> HelloResponse {
        let epoch = try await currentEpoch()
        let hwm = try await highWaterMark(device.id)
        let now = now()
        return HelloResponse(
            deviceID: device.id, county: device.county.rawValue, epoch: epoch, hwm: hwm, hubTime: Self.milliseconds(now),
            clock: tick(now), protocolVersion: SyncVersions.protocolVersion)
    }

    public func pull(_ device: DeviceIdentity, _ request: PullRequest) async throws(SyncError) -> PullResponse {
        guard let cursor = LogCursor(token: request.cursor) else {
            throw .badRequest("'\(request.cursor)' is not a log cursor", field: "cursor", code: "BAD_CURSOR")
        }
        let limit = min(max(request.maxEvents, 1), PullLimits.maxEvents)
        let maxBytes = min(max(request.maxBytes, 1024), PullLimits.maxBytes)
        let epoch = try await currentEpoch()
        let filter = LogFilter(county: device.county.rawValue)
        var events: [WireEvent] = []
        var bytes = 0
        var next = cursor
        var cut = false
        var full = false
        // The first read is small; the next are sized by the bytes left at the average size so far, so that a batch
        // of large events is never read whole to answer a few of them (payloads are up to 64 KiB each).
        var readLimit = min(limit, Self.firstPullRead)
        // The first read also takes the event at the cursor, to check that this log holds it (``checkHeld(_:)``).
        var probe = cursor.position > 0
        reading: while true {
            var page: LogPage
            do {
                page = try await store.readLog(
                    after: probe ? Self.justBefore(cursor) : next, filter: filter, limit: readLimit + (probe ? 1 : 0))
            } catch {
                throw .unavailable("the log could not be read: \(error)")
            }
            if probe {
                try Self.checkHeld(cursor, first: page.events.first)
                page.events.removeFirst()
                probe = false
            }
            events.reserveCapacity(events.count + page.events.count)
            for event in page.events {
                let wire = WireEvent(recorded: event)
                if !events.isEmpty && bytes + wire.approximateBytes > maxBytes {
                    cut = true
                    break reading
                }
                bytes += wire.approximateBytes
                events.append(wire)
                next = event.cursor
            }
            guard page.events.count == readLimit else { break }  // the county's log ends here
            let remaining = limit - events.count
            guard remaining > 0 else {
                full = true
                break
            }
            let average = max(1, bytes / max(events.count, 1))
            readLimit = max(1, min(remaining, (maxBytes - bytes) / average + 1))
        }
        return PullResponse(
            epoch: epoch, county: device.county.rawValue, events: events, next: next.token, more: cut || full,
            hubTime: Self.milliseconds(now()))
    }

    /// The events of a pull's first read (see ``pull(_:_:)``).
    static let firstPullRead = 100

    /// The place just before `cursor`: a read after it starts with the event at `cursor`.
    static func justBefore(_ cursor: LogCursor) -> LogCursor {
        LogCursor(commitOrder: cursor.commitOrder, position: cursor.position - 1)
    }

    /// A kiosk's cursor names the last event of its county it pulled from this log (or the start). When the log holds
    /// no event there (`first`, read just before the cursor, is another or none), it is not the log the kiosk pulled
    /// from — restored from an older backup or replaced without a new epoch (an embedded hub's file copied back keeps
    /// its epoch) — and pulling on would skip every event written since up to that cursor: refused with
    /// ``SyncError/cursorUnknown``.
    static func checkHeld(_ cursor: LogCursor, first: RecordedEvent?) throws(SyncError) {
        guard first?.cursor == cursor else {
            throw SyncError(
                status: 409, code: SyncError.cursorUnknown, field: "cursor",
                message: "this hub's log holds no event at cursor \(cursor.token): it was restored or replaced; pull again from the start")
        }
    }

    // MARK: - Shared

    func currentEpoch() async throws(SyncError) -> String {
        do { return try await epoch.current() } catch { throw .unavailable("the log epoch could not be read: \(error)") }
    }

    func highWaterMark(_ deviceID: DeviceID) async throws(SyncError) -> Int64 {
        do {
            return try await store.streamVersion(SyncRecords.receiptStream(deviceID))
        } catch {
            throw .unavailable("the device's high-water mark could not be read: \(error)")
        }
    }

    func tick(_ now: Date) -> HybridTimestamp {
        clock.state.withLock { $0.tick(nowMilliseconds: Self.milliseconds(now)) }
    }

    /// Moves the hub's clock past a device's reading — unless the reading is further ahead of the hub's wall clock
    /// than ``ClockSkew/threshold``: a kiosk whose clock is days ahead would carry the hub's clock, and through the
    /// hub's answers every kiosk's, days into the future. Such a reading is not adopted (the push's skew is flagged).
    func receive(_ remote: HybridTimestamp, _ now: Date) -> HybridTimestamp {
        let wall = Self.milliseconds(now)
        guard remote.milliseconds <= wall + ClockSkew.threshold else { return tick(now) }
        return clock.state.withLock { $0.receive(remote, nowMilliseconds: wall) }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// The hub's hybrid logical clock for sync answers.
final class HubClock: Sendable {
    let state = Mutex(HybridLogicalClock())
}

/// One async lock per device id, so one hub process handles one push of a device at a time.
final class DeviceLocks: Sendable {
    private let held = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func withLock<T>(_ key: String, _ body: () async throws -> T) async rethrows -> T {
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = held.withLock { held -> Bool in
                if held[key] == nil {
                    held[key] = []
                    return true
                }
                held[key]!.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = held.withLock { held -> CheckedContinuation<Void, Never>? in
            guard var waiters = held[key] else { return nil }
            if waiters.isEmpty {
                held[key] = nil
                return nil
            }
            let first = waiters.removeFirst()
            held[key] = waiters
            return first
        }
        next?.resume()
    }
}
