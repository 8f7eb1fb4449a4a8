import EventLog
import EventLogPostgres
import Foundation

/// W3 (catch-up read, verified) and W4 (gap safety under concurrent single appends).
enum ReadWorkloads {
    struct Verification {
        var seen = 0
        var missing = 0
        var unexpected = 0
        var ordered = true
    }

    /// Reads the whole log from the start in pages of 1,000 and checks each event against what was acknowledged.
    static func catchUp(store: PostgresEventStore, acks: [AppendWorkloads.Ack]) async throws -> (Verification, Double) {
        let expected = Dictionary(uniqueKeysWithValues: acks.map { ($0.id, ($0.stream, $0.version)) })
        var verification = Verification()
        var found = Set<UUID>()
        var cursor = LogCursor.start
        let start = ContinuousClock.now
        while true {
            let page = try await store.readLog(after: cursor, filter: .all, limit: 1000)
            if page.events.isEmpty { break }
            for event in page.events {
                if event.cursor <= cursor { verification.ordered = false }
                cursor = event.cursor
                verification.seen += 1
                if let (stream, version) = expected[event.id], stream == event.streamID, version == event.version {
                    found.insert(event.id)
                } else {
                    verification.unexpected += 1
                }
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        verification.missing = expected.count - found.count
        return (verification, seconds)
    }

    struct GapReport {
        var skipped = 0
        var duplicates = 0
        var unexpected = 0
    }

    /// A reader tailing the log while writers append: it reads pages of 1,000 after its cursor, sleeping 1 ms when
    /// a page is not full, until the writers are done, it has passed the last acknowledged event, and one poll was
    /// empty. Every id it saw is checked against the acknowledgements.
    struct Tailer: Sendable {
        let store: PostgresEventStore

        func tail(until done: @Sendable () async -> LogCursor?) async throws -> [UUID] {
            var cursor = LogCursor.start
            var seen: [UUID] = []
            while true {
                let page = try await store.readLog(after: cursor, filter: .all, limit: 1000)
                seen += page.events.map(\.id)
                cursor = page.next
                if page.events.isEmpty, let last = await done(), cursor >= last { return seen }
                if page.events.count < 1000 { try await Task.sleep(for: .milliseconds(1)) }
            }
        }
    }

    static func report(seen: [UUID], acknowledged: [UUID]) -> GapReport {
        let acked = Set(acknowledged)
        var report = GapReport()
        var counted = Set<UUID>()
        for id in seen {
            if !acked.contains(id) { report.unexpected += 1 }
            else if !counted.insert(id).inserted { report.duplicates += 1 }
        }
        report.skipped = acked.subtracting(counted).count
        return report
    }
}
