/// A hybrid logical clock reading: physical milliseconds since 1970 plus a logical counter.
///
/// Readings order events causally across nodes whose wall clocks disagree: ``HybridLogicalClock`` never lets a
/// node's reading go backwards, and a node that receives a reading moves past it.
public struct HybridTimestamp: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64
    public var counter: UInt32

    public init(milliseconds: Int64, counter: UInt32) {
        self.milliseconds = milliseconds
        self.counter = counter
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        (lhs.milliseconds, lhs.counter) < (rhs.milliseconds, rhs.counter)
    }

    public var description: String { "\(milliseconds):\(counter)" }

    /// The reading just after this one: the next counter, or the next millisecond when the counter is exhausted (a
    /// peer's reading may carry any counter; adding to it must not overflow). Saturates at the largest reading.
    public var next: HybridTimestamp {
        if counter < .max { return HybridTimestamp(milliseconds: milliseconds, counter: counter + 1) }
        if milliseconds < .max { return HybridTimestamp(milliseconds: milliseconds + 1, counter: 0) }
        return self
    }
}

/// The pure state of a hybrid logical clock. It reads no clock itself: pass the wall time in.
public struct HybridLogicalClock: Sendable, Hashable {
    public private(set) var last: HybridTimestamp

    public init(last: HybridTimestamp = HybridTimestamp(milliseconds: 0, counter: 0)) {
        self.last = last
    }

    /// A reading for a local event at wall time `nowMilliseconds`.
    public mutating func tick(nowMilliseconds: Int64) -> HybridTimestamp {
        if nowMilliseconds > last.milliseconds {
            last = HybridTimestamp(milliseconds: nowMilliseconds, counter: 0)
        } else {
            last = last.next
        }
        return last
    }

    /// Moves past a reading received from another node; returns the reading for the receive event.
    public mutating func receive(_ remote: HybridTimestamp, nowMilliseconds: Int64) -> HybridTimestamp {
        let physical = max(nowMilliseconds, last.milliseconds, remote.milliseconds)
        if physical == last.milliseconds && physical == remote.milliseconds {
            last = max(last, remote).next
        } else if physical == last.milliseconds {
            last = last.next
        } else if physical == remote.milliseconds {
            last = remote.next
        } else {
            last = HybridTimestamp(milliseconds: physical, counter: 0)
        }
        return last
    }
}
