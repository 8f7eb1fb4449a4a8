import EventLog
import Synchronization

/// The log as several runners that read the same pages see it — rebuilds of several projections side by side,
/// which all start at the beginning with the same batch size: each page of the whole log is read from the database
/// once and handed to every runner that asks for it.
///
/// A page is kept until each of the `readers` has taken it, or until more than `retained` pages wait (a runner that
/// falls that far behind reads its pages itself). Any page is a valid read of the log — reading never skips an
/// event, and a page read a moment earlier is simply shorter — so sharing changes no guarantee. A failed read is
/// forgotten, so that a retry reads again. Everything but whole-log reads goes straight to `base`.
final class SharedLogPages: EventStore {
    private struct Key: Hashable {
        var cursor: LogCursor
        var limit: Int
    }

    private struct Entry {
        var page: Task<LogPage, any Error>
        var taken: Int
        var age: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var reads = 0
    }

    let base: any EventStore
    let readers: Int
    let retained: Int
    private let state = Mutex(State())

    init(base: any EventStore, readers: Int, retained: Int = 8) {
        self.base = base
        self.readers = max(1, readers)
        self.retained = max(1, retained)
    }

    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        guard filter == .all, readers > 1 else { return try await base.readLog(after: cursor, filter: filter, limit: limit) }
        let key = Key(cursor: cursor, limit: limit)
        let page = state.withLock { state -> Task<LogPage, any Error> in
            if var entry = state.entries[key] {
                entry.taken += 1
                if entry.taken >= readers { state.entries[key] = nil } else { state.entries[key] = entry }
                return entry.page
            }
            let base = self.base
            let task = Task { try await base.readLog(after: cursor, filter: .all, limit: limit) }
            state.reads += 1
            state.entries[key] = Entry(page: task, taken: 1, age: state.reads)
            if state.entries.count > retained, let oldest = state.entries.min(by: { $0.value.age < $1.value.age })?.key {
                state.entries[oldest] = nil
            }
            return task
        }
        do {
            return try await page.value
        } catch {
            state.withLock { state in
                if let entry = state.entries[key], entry.page == page { state.entries[key] = nil }
            }
            throw error
        }
    }

    func append(_ request: AppendRequest) async throws -> AppendResult { try await base.append(request) }

    func appendAtomically(_ requests: [AppendRequest]) async throws -> [AppendResult] {
        try await base.appendAtomically(requests)
    }

    func readStream(_ stream: StreamID, from version: Int64, direction: ReadDirection, limit: Int) async throws -> [RecordedEvent] {
        try await base.readStream(stream, from: version, direction: direction, limit: limit)
    }

    func streamVersion(_ stream: StreamID) async throws -> Int64 { try await base.streamVersion(stream) }

    func waitForAppends(timeout: Duration) async { await base.waitForAppends(timeout: timeout) }
}
