import Domain
import EventLog
import Foundation

/// Binds the pure deciders to an event store: load the target stream (and the fact streams the decider names),
/// decide, append with the version the decision was made against, and decide again when a concurrent writer got
/// there first.
///
/// Lifecycle of one ``handle(_:)``:
/// 1. Load the target stream (``DomainCommand/targetStream``). With a `commandID` whose event 0 is already in
///    it, return the original outcome (see ``DeterministicEventID``). With an `expectedVersion` that differs
///    from the stream's version, refuse with `VERSION_CONFLICT`.
/// 2. Load the facts (`requirements(for:…)`) and, for AcceptOffer and ending deals, the `rights-<item>` streams.
/// 3. Decide. A refusal is ``CommandError/rejected(_:)`` and appends nothing; a decision without events
///    succeeds with an empty outcome.
/// 4. Append every stream's events in one atomic append, each stream with `exact(version)` (`noStream` when it
///    was empty). Every event's metadata names the actor, the county its stream belongs to, and the request's
///    correlation, causation and kiosk fields.
/// 5. On `wrongExpectedVersion`, go back to 1 — up to ``maxAttempts`` decisions in all, with a short random
///    pause between them — then give up with ``CommandError/conflict(_:)``.
///
/// Fact streams (the village of a new item, the items of a new listing) are read without a lock and not
/// re-checked at append: the deciders only need them to have been true when deciding. The exclusivity
/// invariant is different and is enforced through the reservation streams: see
/// ``CommandHandler`` `decideAcceptOffer` and `docs/commands.md`.
public struct CommandHandler: Sendable {
    public let store: any EventStore
    /// How many times a command is decided before a lost race is reported as a conflict (at least 1).
    public let maxAttempts: Int
    public let loader: AggregateLoader

    public init(store: any EventStore, maxAttempts: Int = 5) {
        self.store = store
        self.maxAttempts = max(1, maxAttempts)
        self.loader = AggregateLoader(store: store)
    }

    public func handle(_ request: CommandRequest) async throws(CommandError) -> CommandOutcome {
        var lastConflict: EventLogError?
        var raced = false
        for attempt in 0..<maxAttempts {
            if attempt > 0 { await pause(before: attempt) }
            let writes: [StreamWrite]
            switch try await decideOrRecognise(request) {
            case .alreadyApplied(var outcome):
                outcome.retries = attempt
                return outcome
            case .write(let decided):
                writes = decided.filter { !$0.events.isEmpty }
            }
            if writes.isEmpty { return CommandOutcome(results: [], retries: attempt, eventTypes: []) }
            do {
                let results = try await append(writes, for: request)
                return CommandOutcome(results: results, retries: attempt, eventTypes: writes.flatMap { $0.events.map(\.type) })
            } catch let error as EventLogError {
                switch error {
                case .wrongExpectedVersion:
                    lastConflict = error
                case .duplicateEventID where request.commandID != nil && !raced:
                    // The same command raced itself (two deliveries of one retry): the reload finds its events.
                    // A second time means the commandID was reused for another command: that is not a race.
                    raced = true
                    lastConflict = error
                default:
                    throw .store(error)
                }
            } catch {
                throw .store(error)
            }
        }
        throw .conflict(lastConflict ?? .unavailable("no attempt was made"))
    }

    /// Decides; when the decider refuses a command that carries a `commandID`, looks once more whether that very
    /// command was applied meanwhile by a racing delivery of it (its streams are read one after another, so a load
    /// can see half of a concurrent append) and answers with the original outcome if so.
    private func decideOrRecognise(_ request: CommandRequest) async throws(CommandError) -> Decision {
        do {
            return try await decide(request)
        } catch .rejected(let refusal) where request.commandID != nil {
            if case .alreadyApplied(let outcome) = try await decide(request) { return .alreadyApplied(outcome) }
            throw .rejected(refusal)
        }
    }

    /// A short random pause, growing with the attempt, so that racing writers do not collide in lockstep.
    private func pause(before attempt: Int) async {
        let ceiling = 2 << min(attempt, 5)
        try? await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
    }
}
