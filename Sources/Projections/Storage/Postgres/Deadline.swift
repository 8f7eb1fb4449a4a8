import Synchronization

/// Runs `body` but gives up after `timeout`, returning `fallback`.
///
/// Used for queries on a runner's lock session: a query sent on a connection whose server session was terminated
/// can wait forever (observed with PostgresNIO 1.x), and a runner must still notice that it lost its lock.
/// The abandoned work is cancelled and left to finish on its own.
func withDeadline<T: Sendable>(_ timeout: Duration, fallback: T, _ body: @escaping @Sendable () async -> T) async -> T {
    let once = ResumeOnce<T>()
    return await withCheckedContinuation { continuation in
        once.set(continuation)
        let work = Task { once.resume(returning: await body()) }
        Task {
            try? await Task.sleep(for: timeout)
            if once.resume(returning: fallback) { work.cancel() }
        }
    }
}

/// A continuation resumed at most once, by whichever side comes first.
final class ResumeOnce<T: Sendable>: Sendable {
    private let slot = Mutex<CheckedContinuation<T, Never>?>(nil)

    func set(_ continuation: CheckedContinuation<T, Never>) { slot.withLock { $0 = continuation } }

    @discardableResult
    func resume(returning value: T) -> Bool {
        let continuation = slot.withLock { slot -> CheckedContinuation<T, Never>? in
            defer { slot = nil }
            return slot
        }
        continuation?.resume(returning: value)
        return continuation != nil
    }
}
