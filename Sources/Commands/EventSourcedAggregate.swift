import Domain

/// An aggregate of the domain as the loader sees it: a state, its initial value, the events that change it
/// (stored through ``DomainEventCoding``) and the pure `evolve` that applies them.
public protocol EventSourcedAggregate {
    associatedtype State: Sendable
    associatedtype Event: DomainEventCoding
    /// The stream of the aggregate with this id, e.g. `item-I-1`.
    static func streamID(for id: String) -> String
    /// The state of an aggregate whose stream has no events.
    static var initialState: State { get }
    static func evolve(_ state: State, _ event: Event) -> State
}

extension Village: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension Device: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension ArchiveItem: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension Tour: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension Listing: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension Deal: EventSourcedAggregate {
    public static var initialState: State { .initial }
}

extension RightsReservation: EventSourcedAggregate {
    public static var initialState: State { .initial }
}
