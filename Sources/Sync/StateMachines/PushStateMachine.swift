/// Decides what the kiosk does next while pushing its outbox. It does no I/O: the driver performs each returned
/// ``Action`` and reports back, in the style of postgres-nio's `ListenStateMachine`.
///
/// Lifecycle: ``start()`` → `loadEntries(after: hwm)` → ``loaded(_:)`` → `send` → ``received(_:)`` or ``failed(_:)``
/// → … → `finished` or `failed`. The push starts after what both sides know the hub holds: the hub's high-water mark,
/// or the kiosk's last acknowledgement when that is lower — an answer was lost, or not recorded because it came from
/// another epoch. Those entries are sent again and answered as duplicates with their receipts (never re-applied), so
/// the kiosk learns how each ended; a restored hub gets exactly what it lacks.
public struct PushStateMachine: Sendable {
    public enum Action: Sendable, Hashable {
        /// Read up to a batch of outbox entries after this sequence number.
        case loadEntries(after: Int64)
        /// Send the entries just loaded.
        case send
        /// Ask the hub for its high-water mark again (after `SYNC_GAP`), then report it with ``refreshed(highWaterMark:)``.
        case refreshHighWaterMark
        /// Wait, then call ``retry()``.
        case wait(Duration)
        case finished
        case failed(SyncError)
    }

    public private(set) var highWaterMark: Int64
    public private(set) var tally: [PushOutcome: Int] = [:]
    private var failures = 0
    private let maxConsecutiveFailures: Int

    /// - Parameters:
    ///   - hubHighWaterMark: the hub's word on the last entry of this device it holds (hello).
    ///   - acknowledged: the last entry whose answer the kiosk recorded.
    public init(hubHighWaterMark: Int64, acknowledged: Int64, maxConsecutiveFailures: Int = 20) {
        self.highWaterMark = min(hubHighWaterMark, max(acknowledged, 0))
        self.maxConsecutiveFailures = maxConsecutiveFailures
    }

    public mutating func start() -> Action { .loadEntries(after: highWaterMark) }

    public mutating func loaded(_ count: Int) -> Action { count == 0 ? .finished : .send }

    public mutating func received(_ response: PushResponse) -> Action {
        for result in response.results { tally[result.outcome, default: 0] += 1 }
        if response.hwm > highWaterMark || !response.results.isEmpty { failures = 0 }
        highWaterMark = response.hwm
        if let stopped = response.stopped { return failed(stopped) }
        return .loadEntries(after: highWaterMark)
    }

    public mutating func failed(_ error: SyncError) -> Action {
        if error.isTerminal { return .failed(error) }
        if error.code == "SYNC_GAP" {
            failures += 1
            return failures > maxConsecutiveFailures ? .failed(error) : .refreshHighWaterMark
        }
        guard error.isRetryable else { return .failed(error) }
        failures += 1
        if failures > maxConsecutiveFailures { return .failed(error) }
        return .wait(SyncBackoff.delay(failures))
    }

    public mutating func refreshed(highWaterMark: Int64) -> Action {
        self.highWaterMark = highWaterMark
        return .loadEntries(after: highWaterMark)
    }

    public mutating func retry() -> Action { .loadEntries(after: highWaterMark) }
}

/// Exponential backoff: 25 ms doubling to at most 2 s.
public enum SyncBackoff {
    public static func delay(_ failures: Int) -> Duration {
        .milliseconds(min(2_000, 25 << min(max(failures - 1, 0), 7)))
    }
}
