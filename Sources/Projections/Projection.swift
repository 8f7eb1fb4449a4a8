import EventLog

/// A read model's definition: which events it reads and how each changes its tables. Written once; it runs on
/// PostgreSQL and SQLite alike, through ``ReadModelChanges``.
///
/// Rules a projection keeps:
/// - ``apply(_:to:)`` is deterministic: the same events give the same rows (rebuilds rely on it), so it reads no
///   clock — times come from the event (``RecordedEvent/recordedAt`` or the payload).
/// - It throws when it cannot read an event it handles. The runner then stops the projection **visibly** at that
///   event (``ProjectionStop/Reason/poisonEvent``); it never skips it.
/// - It only writes its own ``tables``.
/// - It reads an event's domain event with ``ReadModelChanges/domainEvent(_:)``: runners reading the same pages
///   decode each event once for all.
public protocol Projection: Sendable {
    /// A stable name, e.g. `catalog`; used for checkpoints, locks and status.
    var name: String { get }
    /// The tables the projection writes (a rebuild writes a new generation of each).
    var tables: [ReadModelTable] { get }
    /// The event types applied; others are passed over (and checkpointed). `nil` applies every event.
    var eventTypes: Set<String>? { get }
    /// Applies one event to the read model.
    func apply(_ event: RecordedEvent, to changes: inout ReadModelChanges) async throws
}
