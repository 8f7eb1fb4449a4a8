import Synchronization

/// Prints the progress of one task. On a terminal, one line redrawn in place (carriage return, erase line) at most
/// every ``redrawEvery`` seconds; otherwise a plain line every ``plainEvery`` seconds, so that logs stay readable.
/// ``finish(_:at:)`` prints the last state and ends the line. Times are seconds on the caller's monotonic clock.
public final class ProgressPrinter: Sendable {
    public let label: String
    public let isTerminal: Bool
    public let columns: Int
    public let redrawEvery: Double
    public let plainEvery: Double
    private let write: @Sendable (String) -> Void
    private let lastPrinted = Mutex<Double?>(nil)

    public init(
        label: String, isTerminal: Bool, columns: Int = 100, redrawEvery: Double = 0.1, plainEvery: Double = 5,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.label = label
        self.isTerminal = isTerminal
        self.columns = columns
        self.redrawEvery = redrawEvery
        self.plainEvery = plainEvery
        self.write = write
    }

    public func update(_ snapshot: ProgressSnapshot, at time: Double) {
        let due = lastPrinted.withLock { last -> Bool in
            let every = isTerminal ? redrawEvery : plainEvery
            if let previous = last, time - previous < every { return false }
            last = time
            return true
        }
        guard due else { return }
        write(isTerminal ? "\r\u{1B}[2K" + ProgressFormat.bar(label, snapshot, columns: columns)
                         : ProgressFormat.line(label, snapshot) + "\n")
    }

    public func finish(_ snapshot: ProgressSnapshot, at time: Double) {
        lastPrinted.withLock { $0 = time }
        write(isTerminal ? "\r\u{1B}[2K" + ProgressFormat.bar(label, snapshot, columns: columns) + "\n"
                         : ProgressFormat.line(label, snapshot) + "\n")
    }
}
