import EventLog
import Foundation
import Synchronization

/// What the scenario's writers and subscribers have seen so far, shared between their tasks.
final class Progress: Sendable {
    struct Acknowledgement: Sendable {
        let id: UUID
        let position: Int64
    }

    private struct State {
        var acknowledgedCounts: [Int]
        var failureCounts: [Int]
        var acknowledgements: [Acknowledgement] = []
        var writersRunning: Int
        var writersShouldStop = false
        var deliveredEvents: [RecordedEvent] = []
        var deliveredIDs: Set<UUID> = []
        var remoteWakes: [ContinuousClock.Instant] = []
        var subscriptionEnd: String?
        var failure: String?
    }

    private let state: Mutex<State>

    init(writers: Int) {
        state = Mutex(State(
            acknowledgedCounts: Array(repeating: 0, count: writers),
            failureCounts: Array(repeating: 0, count: writers),
            writersRunning: writers))
    }

    var acknowledgedCounts: [Int] { state.withLock { $0.acknowledgedCounts } }
    /// Retryable failures per writer so far.
    var failureCounts: [Int] { state.withLock { $0.failureCounts } }
    var acknowledgements: [Acknowledgement] { state.withLock { $0.acknowledgements } }
    var writersRunning: Int { state.withLock { $0.writersRunning } }
    var writersShouldStop: Bool { state.withLock { $0.writersShouldStop } }
    var deliveredEvents: [RecordedEvent] { state.withLock { $0.deliveredEvents } }
    var deliveredIDs: Set<UUID> { state.withLock { $0.deliveredIDs } }
    var subscriptionEnd: String? { state.withLock { $0.subscriptionEnd } }

    func acknowledged(_ id: UUID, _ result: AppendResult, writer: Int?) {
        state.withLock { state in
            if let writer { state.acknowledgedCounts[writer] += 1 }
            state.acknowledgements.append(Acknowledgement(id: id, position: result.positions.first ?? -1))
        }
    }

    func failed(writer: Int?) {
        state.withLock { state in
            if let writer { state.failureCounts[writer] += 1 }
        }
    }

    func stopWriters() { state.withLock { $0.writersShouldStop = true } }
    func writerStopped() { state.withLock { $0.writersRunning -= 1 } }

    func delivered(_ event: RecordedEvent) {
        state.withLock { state in
            state.deliveredEvents.append(event)
            state.deliveredIDs.insert(event.id)
        }
    }

    func wokeRemotely() { state.withLock { $0.remoteWakes.append(ContinuousClock.now) } }
    func wokeRemotely(after instant: ContinuousClock.Instant) -> Bool {
        state.withLock { $0.remoteWakes.contains { $0 > instant } }
    }
    func subscriptionEnded(_ reason: String) { state.withLock { $0.subscriptionEnd = reason } }

    /// Fails the scenario: the next ``waitUntil(_:within:_:)`` throws `reason`.
    func failScenario(_ reason: String) { state.withLock { $0.failure = $0.failure ?? reason } }

    /// Polls `condition` until it holds; throws when it still does not after `limit`, or when a writer failed.
    func waitUntil(_ what: String, within limit: Duration, _ condition: (Progress) -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while true {
            if let failure = state.withLock({ $0.failure }) { throw OutageScenario.Failure(description: failure) }
            if condition(self) { return }
            guard ContinuousClock.now < deadline else {
                throw OutageScenario.Failure(description: "not within \(limit): \(what)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
