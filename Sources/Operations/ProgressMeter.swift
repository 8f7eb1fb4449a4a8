/// How far long work measured in events has got: done of total, the recent rate and the time left.
///
/// Feed it ``record(done:total:at:)`` with a monotonic clock in seconds; read ``snapshot``. The rate is taken over
/// the last ``window`` seconds (so it follows a rebuild that speeds up or slows down), the overall rate when there
/// is not enough history yet. Pure: no clock, no I/O.
public struct ProgressMeter: Sendable {
    public var window: Double
    private var samples: [(at: Double, done: Int64)] = []
    private let startedAt: Double
    private let startDone: Int64
    private var total: Int64 = 0

    /// - Parameters:
    ///   - startedAt: when the work started (same clock as ``record(done:total:at:)``).
    ///   - done: what was already done then (a resumed rebuild).
    public init(startedAt: Double, done: Int64 = 0, window: Double = 5) {
        self.startedAt = startedAt
        self.startDone = done
        self.window = window
        samples = [(startedAt, done)]
    }

    public mutating func record(done: Int64, total: Int64, at time: Double) {
        self.total = total
        samples.append((time, done))
        if let cut = samples.lastIndex(where: { $0.at < time - window }), cut > 0 {
            samples.removeFirst(cut)
        }
    }

    public var snapshot: ProgressSnapshot {
        let last = samples.last ?? (startedAt, startDone)
        let elapsed = max(0, last.at - startedAt)
        let overall = elapsed > 0 ? Double(last.done - startDone) / elapsed : 0
        var rate = overall
        if let first = samples.first, last.at - first.at >= min(1, window), last.done >= first.done {
            rate = Double(last.done - first.done) / (last.at - first.at)
        }
        let total = max(self.total, last.done)
        let remaining = total - last.done
        let eta: Double? = remaining == 0 ? 0 : rate > 0 ? Double(remaining) / rate : nil
        return ProgressSnapshot(
            done: last.done, total: total, elapsed: elapsed, rate: rate, overallRate: overall, eta: eta)
    }
}

/// One reading of a ``ProgressMeter``.
public struct ProgressSnapshot: Sendable, Hashable {
    public var done: Int64
    /// At least `done` (the log may grow while a rebuild reads it).
    public var total: Int64
    public var elapsed: Double
    /// Events per second lately.
    public var rate: Double
    /// Events per second since the start.
    public var overallRate: Double
    /// Seconds left at the recent rate; `nil` while nothing moves.
    public var eta: Double?

    public init(done: Int64, total: Int64, elapsed: Double, rate: Double, overallRate: Double, eta: Double?) {
        self.done = done
        self.total = total
        self.elapsed = elapsed
        self.rate = rate
        self.overallRate = overallRate
        self.eta = eta
    }

    /// 0…1.
    public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 1 }
}
