import EventLog
import Synchronization

/// The log as several runners that read the same pages see it — rebuilds of several projections side by side, or a
/// daemon's runners catching up from the same checkpoint (a new kiosk): each page of the whole log is read from the
/// database once and handed to every runner that asks for it.
///
/// Only **full** pages are kept: a full page after a cursor is the same whenever it is read (the log only grows at
/// its end), while a short one — the log's end — would be out of date at the next append, so it is handed only to
/// the runners that asked while it was being read (a page read a moment earlier is simply shorter: reading never
/// skips an event) and then forgotten. A full page is kept until each of the `readers` has taken it, or until more
/// than `retained` pages wait (a runner that falls that far behind, or runs from another checkpoint, reads its pages
/// itself). A failed read is forgotten, so that a retry reads again. Everything but whole-log reads goes straight to
/// `base`.
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
            let read = try await page.value
            if read.events.count < limit { forget(key, page) }
            return read
        } catch {
            forget(key, page)
            throw error
        }
    }

    private func forget(_ key: Key, _ page: Task<LogPage, any Error>) {
        state.withLock { state in
            if let entry = state.entries[key], entry.page == page { state.entries[key] = nil }
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
