import EventLog
import Foundation

/// Reads of the whole log for assertions. A reader of the log may lag behind appends that already returned (on
/// PostgreSQL, while any older transaction is still open), so tests wait — bounded — until the log has settled
/// through a known cursor, then compare exactly.
public enum SettledLog {
    public struct NotSettled: Error, CustomStringConvertible {
        public let cursor: LogCursor
        public var description: String { "the log did not become readable through \(cursor) within the time limit" }
    }

    /// Every event after `start` passing `filter`, read once the log is readable through `through`.
    public static func read(
        _ store: any EventStore, through: LogCursor, filter: LogFilter = .all, timeout: Duration = .seconds(30)
    ) async throws -> [RecordedEvent] {
        let deadline = ContinuousClock.now + timeout
        while try await store.readLog(after: .start, filter: .all, limit: 10_000).events.contains(where: { $0.cursor >= through }) == false {
            guard ContinuousClock.now < deadline else { throw NotSettled(cursor: through) }
            await store.waitForAppends(timeout: .milliseconds(20))
        }
        var events: [RecordedEvent] = []
        var cursor = LogCursor.start
        while true {
            let page = try await store.readLog(after: cursor, filter: filter, limit: 1000)
            if page.events.isEmpty { return events }
            events += page.events
            cursor = page.next
        }
    }

    /// Appends a marker event to its own stream and returns the whole log without it once the marker is readable:
    /// everything appended before the call is then included.
    public static func readAll(_ store: any EventStore, filter: LogFilter = .all) async throws -> [RecordedEvent] {
        let marker = try await store.append(
            [NewEvent(type: "test.marker", payload: Data("{}".utf8))],
            to: try StreamID("marker-\(UUID().uuidString.lowercased())"), expected: .noStream)
        return try await read(store, through: marker.lastCursor, filter: filter).filter { $0.type != "test.marker" }
    }
}
