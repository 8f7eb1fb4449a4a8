import Foundation

/// What every decider is given besides the command and the state: who issues the command and the current time.
/// The domain never reads a clock; `now` is the handler's (or, for a kiosk's offline command, the time the
/// kiosk recorded it).
public struct CommandContext: Sendable {
    public let actor: Actor
    public let now: Date

    public init(actor: Actor, now: Date) {
        self.actor = actor
        self.now = now
    }

    /// The day `now` falls on in China Standard Time.
    public var today: CalendarDate { CalendarDate(now) }
}
