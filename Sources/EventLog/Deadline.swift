import Synchronization

/// Time limits for calls that may never answer (the stores' database requests, the tests' waits).
///
/// ``run(within:_:)`` returns when the operation answers, when the limit passes, or when the caller is cancelled —
/// whichever comes first — even if the operation ignores cancellation and never ends. That is the point: a request
/// awaiting a promise that nobody will fulfil (a query written to a connection that has just closed) cannot be
/// cancelled, so a task group with that request as a child would never return. The operation therefore runs in a
/// task of its own; a task group races the wait for its answer, which cancellation always ends, against a sleep.
/// The operation is cancelled once the caller has its outcome; one that still never ends costs only its task.
package enum Deadline {
    /// The operation did not answer within `limit`.
    package struct Exceeded: Error, Sendable, CustomStringConvertible {
        package let limit: Duration
        package var description: String { "no answer within \(limit)" }
    }

    /// The operation's result or error; ``Exceeded`` once `limit` has passed without one; `CancellationError` when
    /// the calling task is cancelled first.
    package static func run<T: Sendable>(
        within limit: Duration,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let answer = Answer<T>()
        let work = Task {
            do {
                answer.settle(.success(try await operation()))
            } catch {
                answer.settle(.failure(error))
            }
        }
        defer { work.cancel() }
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await answer.value() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Exceeded(limit: limit)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

/// The answer of an operation running in another task, awaited by one waiter who may stop waiting when cancelled.
private final class Answer<T: Sendable>: Sendable {
    private enum State {
        case pending
        case waiting(CheckedContinuation<T, any Error>)
        case settled(Result<T, any Error>)
        /// The waiter has its outcome (the answer, or its cancellation); later answers are dropped.
        case done
    }

    private let state = Mutex(State.pending)

    func settle(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            switch state {
            case .pending:
                state = .settled(result)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .settled, .done:
                return nil
            }
        }
        waiter?.resume(with: result)
    }

    /// The answer, or `CancellationError` as soon as the waiting task is cancelled. Called once.
    func value() async throws -> T {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let ready = state.withLock { state -> Result<T, any Error>? in
                    switch state {
                    case .pending:
                        state = .waiting(continuation)
                        return nil
                    case .settled(let result):
                        state = .done
                        return result
                    case .waiting, .done:
                        // Cancelled before waiting (or a second waiter): do not wait.
                        state = .done
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            stopWaiting()
        }
    }

    private func stopWaiting() {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            switch state {
            case .waiting(let continuation):
                state = .done
                return continuation
            case .pending:
                state = .done
                return nil
            case .settled, .done:
                return nil
            }
        }
        waiter?.resume(throwing: CancellationError())
    }
}
