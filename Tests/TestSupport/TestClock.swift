import Foundation
import Synchronization

/// A settable clock for a hub's or a kiosk's `now` (offers and deals expire by it; the outbox is pruned by it).
public final class TestClock: Sendable {
    private let value: Mutex<Date>
    public init(_ date: Date) { value = Mutex(date) }
    public var now: Date { value.withLock { $0 } }
    public func set(_ date: Date) { value.withLock { $0 = date } }
}
