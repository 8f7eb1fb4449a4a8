import EventLog
import Synchronization
import Testing

@Suite("Deadlines on calls that may never answer")
struct DeadlineTests {
    @Test("an answer within the limit is returned, and an error passes through unchanged")
    func answers() async throws {
        #expect(try await Deadline.run(within: .seconds(30)) { 42 } == 42)
        await #expect(throws: EventLogError.emptyAppend) {
            try await Deadline.run(within: .seconds(30)) { () async throws -> Int in throw EventLogError.emptyAppend }
        }
    }

    @Test("an operation that ignores cancellation and never answers is abandoned at the limit")
    func abandonsAStuckOperation() async throws {
        let gate = Gate(opensAfter: .seconds(30))
        let started = ContinuousClock.now
        await #expect(throws: Deadline.Exceeded.self) {
            try await Deadline.run(within: .milliseconds(200)) { await gate.wait() }
        }
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(200))
        #expect(waited < .seconds(20), "the caller waited for the stuck operation")
        gate.open()  // lets the abandoned task end
    }

    @Test("cancelling the caller ends the wait at once, even if the operation never answers")
    func cancellationEndsTheWait() async throws {
        let gate = Gate(opensAfter: .seconds(30))
        let caller = Task { try await Deadline.run(within: .seconds(600)) { await gate.wait() } }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        #expect(ContinuousClock.now - started < .seconds(20))
        gate.open()
    }
}

@Suite("A service's run() in the background of a piece of work")
struct BackgroundRunTests {
    @Test("the work's result comes back once the run has ended; the work's error passes through")
    func waitsForARunThatEnds() async throws {
        let ended = Mutex(false)
        let run: @Sendable () async -> Void = {
            try? await Task.sleep(for: .seconds(600))  // until cancelled
            try? await Task.sleep(for: .milliseconds(100))  // ends a moment after its cancellation
            ended.withLock { $0 = true }
        }
        #expect(try await BackgroundRun.around(run, grace: .seconds(30)) { 42 } == 42)
        #expect(ended.withLock { $0 }, "the run had not ended")
        await #expect(throws: EventLogError.emptyAppend) {
            try await BackgroundRun.around(run, grace: .seconds(30)) { () async throws -> Int in throw EventLogError.emptyAppend }
        }
    }

    @Test("a run that ignores its cancellation and never ends is left behind after the grace period")
    func leavesAStuckRunBehind() async throws {
        let gate = Gate(opensAfter: .seconds(30))
        let started = ContinuousClock.now
        #expect(try await BackgroundRun.around({ await gate.wait() }, grace: .milliseconds(200)) { 7 } == 7)
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(200))
        #expect(waited < .seconds(20), "the work waited for the stuck run")
        gate.open()
    }
}

/// Blocks its waiters, ignoring cancellation, until opened: an operation that never answers on its own. It opens by
/// itself after `opensAfter`, so that a deadline that fails to abandon it fails its test instead of hanging it.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    init(opensAfter fallback: Duration) {
        Task { [weak self] in
            try? await Task.sleep(for: fallback)
            self?.open()
        }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let openNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if openNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
