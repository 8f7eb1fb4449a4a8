import EventLog
import Logging
import PostgresNIO

/// The hub's event store on PostgreSQL (schema in `Schema/postgres`, applied by ``PostgresMigrator``).
///
/// Lifecycle: the `PostgresClient` must be running (`client.run()`) for any call to work. ``run()`` carries the
/// cross-process wake-up hints (LISTEN/NOTIFY on ``notificationChannel``); without it the store still works and
/// subscriptions fall back to polling.
public struct PostgresEventStore: EventStore {
    public static let notificationChannel = "cunshi_events"
    /// Group commits in flight at once, by default.
    public static let defaultConcurrentCommits = 2

    let client: PostgresClient
    let logger: Logger
    let signal: AppendSignal
    let notifications: NotificationRequests
    let committer: GroupCommitter

    /// - Parameters:
    ///   - concurrentCommits: how many group commits may be in flight at once (each uses one connection).
    ///   - maxGroupEvents: the most events one group commit carries.
    public init(
        client: PostgresClient,
        logger: Logger = Logger(label: "cunshi.eventlog.postgres"),
        concurrentCommits: Int = Self.defaultConcurrentCommits,
        maxGroupEvents: Int = 2_000
    ) {
        self.client = client
        self.logger = logger
        self.signal = AppendSignal()
        self.notifications = NotificationRequests()
        let appender = PostgresAppender(client: client, logger: logger)
        self.committer = GroupCommitter(maxInFlight: concurrentCommits, maxGroupEvents: maxGroupEvents) { group in
            await appender.commitGroup(group)
        }
    }

    public func waitForAppends(timeout: Duration) async {
        await signal.wait(timeout: timeout)
    }
}

/// Requests to send `NOTIFY` after appends; bursts collapse into one notification.
final class NotificationRequests: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func request() { continuation.yield() }
}
