import Synchronization

/// A wake-up hint for readers waiting on new events: ``signal()`` wakes every current ``wait(timeout:)``.
///
/// A signal sent while nobody waits is not remembered, so waiters must always bound their wait and read again;
/// the stores use it as `waitForAppends(timeout:)`.
public final class AppendSignal: Sendable {
    private enum Slot {
        case waiting(CheckedContinuation<Void, Never>)
        /// Resumed by ``signal()``; the waiter removes it.
        case fired
        /// The waiter stopped waiting before its continuation was registered.
        case abandoned
    }

    private struct State {
        var nextID = 0
        var slots: [Int: Slot] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes every waiter.
    public func signal() {
        let continuations = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            var woken: [CheckedContinuation<Void, Never>] = []
            for (id, slot) in state.slots {
                if case .waiting(let continuation) = slot {
                    woken.append(continuation)
                    state.slots[id] = .fired
                }
            }
            return woken
        }
        for continuation in continuations { continuation.resume() }
    }

    /// Returns after the next ``signal()``, after `timeout`, or when the task is cancelled.
    public func wait(timeout: Duration) async {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.park(id) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            self.release(id)
        }
    }

    private func park(_ id: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state -> Bool in
                if case .abandoned = state.slots[id] {
                    state.slots[id] = nil
                    return true
                }
                state.slots[id] = .waiting(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func release(_ id: Int) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            switch state.slots[id] {
            case .waiting(let continuation):
                state.slots[id] = nil
                return continuation
            case .fired:
                state.slots[id] = nil
                return nil
            case .abandoned, nil:
                state.slots[id] = .abandoned
                return nil
            }
        }
        continuation?.resume()
    }
}
