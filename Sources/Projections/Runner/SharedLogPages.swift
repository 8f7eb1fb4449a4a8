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
///
/// With a `leadWait`, runners that read the same pages keep together: one that is `retained` pages ahead of pages
/// the others share (a page taken by two or more readers) waits — up to `leadWait` per page, so that a stalled runner
/// never holds the others for long — instead of reading on alone. They then stay within those pages of each other,
/// so each page is read once for all, and the CPU goes to the runners that are behind. A runner reading alone (from
/// another checkpoint) never waits, and a runner that ends calls ``leave()``, so that nobody waits for it. Only for
/// runners that all read: a runner standing by (another hub instance holds its lock) takes no page, and the others
/// would wait for it on every page.
///
/// A page read for several runners is also decoded once, in the read, for all of them
/// (``readDecodedLog(after:limit:)``): the domain events of the types they apply (``decodedTypes``). A full page starts
/// reading the page after it before it is decoded — at most one page that no runner has asked for yet — so that a
/// runner catching up (a new kiosk's first batch is five pages) does not wait for each page's read and decoding in
/// turn.
final class SharedLogPages: EventStore {
    private struct Key: Hashable {
        var cursor: LogCursor
        var limit: Int
    }

    private struct Entry {
        var page: Task<DecodedLogPage, any Error>
        var taken: Int
        var age: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var reads = 0
        var readers: Int
    }

    let base: any EventStore
    let retained: Int
    let leadWait: Duration?
    /// The event types decoded with a shared page: those the readers apply (`nil`: all).
    let decodedTypes: Set<String>?
    private let state: Mutex<State>

    /// Pages for the runners of `projections`, one reader each, decoding the event types they apply.
    convenience init(base: any EventStore, projections: [any Projection], leadWait: Duration? = nil) {
        let types = projections.map(\.eventTypes)
        self.init(
            base: base, readers: projections.count, leadWait: leadWait,
            decodedTypes: types.contains { $0 == nil } ? nil : types.reduce(into: []) { $0.formUnion($1 ?? []) })
    }

    init(base: any EventStore, readers: Int, retained: Int = 8, leadWait: Duration? = nil, decodedTypes: Set<String>? = nil) {
        self.base = base
        self.decodedTypes = decodedTypes
        self.retained = max(1, retained)
        self.leadWait = leadWait
        state = Mutex(State(readers: max(1, readers)))
    }

    /// A reader that will ask for no more pages (its runner ended): pages no longer wait for it.
    func leave() {
        state.withLock { state in
            state.readers = max(1, state.readers - 1)
            let readers = state.readers
            state.entries = state.entries.filter { $0.value.taken < readers }
        }
    }

    func readLog(after cursor: LogCursor, filter: LogFilter, limit: Int) async throws -> LogPage {
        guard filter == .all else { return try await base.readLog(after: cursor, filter: filter, limit: limit) }
        return try await readDecodedLog(after: cursor, limit: limit).page
    }

    /// The page of the whole log after `cursor`; shared with the other readers, and then decoded, while there are
    /// several.
    func readDecodedLog(after cursor: LogCursor, limit: Int) async throws -> DecodedLogPage {
        guard state.withLock({ $0.readers }) > 1 else {
            return DecodedLogPage(try await base.readLog(after: cursor, filter: .all, limit: limit))
        }
        let key = Key(cursor: cursor, limit: limit)
        let waitUntil = leadWait.map { ContinuousClock.now + $0 }
        while true {
            let page = state.withLock { state -> Task<DecodedLogPage, any Error>? in
                if var entry = state.entries[key] {
                    entry.taken += 1
                    if entry.taken >= state.readers { state.entries[key] = nil } else { state.entries[key] = entry }
                    return entry.page
                }
                if let waitUntil, ContinuousClock.now < waitUntil, state.entries.count >= retained,
                   state.entries.keys.allSatisfy({ $0.cursor < cursor }),
                   state.entries.values.contains(where: { $0.taken >= 2 }) {
                    return nil  // `retained` pages ahead of the runners it reads with: let them catch up
                }
                return read(key, takenBy: 1, &state)
            }
            if let page { return try await take(page, key: key, limit: limit) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Starts reading the page of `key` as a new entry, taken by `takers` readers so far. A full page starts the read of
    /// the page after it before it is decoded (an entry no reader has taken yet; at most one such entry), so that the
    /// next page's read and this one's decoding overlap.
    private func read(_ key: Key, takenBy takers: Int, _ state: inout State) -> Task<DecodedLogPage, any Error> {
        let base = self.base, types = decodedTypes
        let task = Task {
            let page = try await base.readLog(after: key.cursor, filter: .all, limit: key.limit)
            if page.events.count == key.limit { self.readAhead(Key(cursor: page.next, limit: key.limit)) }
            // Only a full page is kept for every reader (above); a short one each reads for itself.
            return DecodedLogPage(decoding: page, types: types, throughCache: page.events.count < key.limit)
        }
        state.reads += 1
        state.entries[key] = Entry(page: task, taken: takers, age: state.reads)
        if state.entries.count > retained, let oldest = state.entries.min(by: { $0.value.age < $1.value.age })?.key {
            state.entries[oldest] = nil
        }
        return task
    }

    private func readAhead(_ key: Key) {
        state.withLock { state in
            guard state.readers > 1, state.entries[key] == nil, !state.entries.values.contains(where: { $0.taken == 0 }),
                  state.entries.count < retained
            else { return }
            _ = read(key, takenBy: 0, &state)
        }
    }

    private func take(_ page: Task<DecodedLogPage, any Error>, key: Key, limit: Int) async throws -> DecodedLogPage {
        do {
            let read = try await page.value
            if read.page.events.count < limit { forget(key, page) }
            return read
        } catch {
            forget(key, page)
            throw error
        }
    }

    private func forget(_ key: Key, _ page: Task<DecodedLogPage, any Error>) {
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
