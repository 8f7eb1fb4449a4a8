import EventLog
import Logging
import PostgresNIO

/// The hub's event store on PostgreSQL (schema in `Schema/postgres`, applied by ``PostgresMigrator``).
///
/// Lifecycle: the `PostgresClient` must be running (`client.run()`) for any call to work. ``run()`` carries the
/// cross-process wake-up hints (LISTEN/NOTIFY on ``notificationChannel``); without it the store still works and
/// subscriptions fall back to polling.
///
/// Failures: every database call has a deadline (``Options/requestTimeout``). A call that gets no answer in time, a
/// dropped connection, or a server shutting down or restarting is ``EventLogError/unavailable(_:)``
/// (`STORE_UNAVAILABLE`): retry it. An append's outcome is then unknown, and re-sending it with the same event ids is
/// safe — one that did go in is answered with its original positions.
public struct PostgresEventStore: EventStore {
    public static let notificationChannel = "cunshi_events"
    /// Group commits in flight at once, by default.
    public static let defaultConcurrentCommits = 2

    /// Tuning for one store.
    public struct Options: Sendable, Hashable {
        /// The longest the store waits for any one database call — a read, one round trip of an append, a `NOTIFY` —
        /// including the wait for a pooled connection. Past it the call is abandoned and fails with
        /// ``EventLogError/unavailable(_:)``. Long enough that a busy but healthy server never reaches it.
        public var requestTimeout: Duration
        /// How many group commits may be in flight at once (each uses one connection).
        public var concurrentCommits: Int
        /// The most events one group commit carries.
        public var maxGroupEvents: Int

        public init(
            requestTimeout: Duration = .seconds(10),
            concurrentCommits: Int = PostgresEventStore.defaultConcurrentCommits,
            maxGroupEvents: Int = 2_000
        ) {
            self.requestTimeout = requestTimeout
            self.concurrentCommits = concurrentCommits
            self.maxGroupEvents = maxGroupEvents
        }
    }

    let client: PostgresClient
    let logger: Logger
    let options: Options
    let signal: AppendSignal
    let notifications: NotificationRequests
    let committer: GroupCommitter

    public init(
        client: PostgresClient,
        logger: Logger = Logger(label: "cunshi.eventlog.postgres"),
        options: Options = Options()
    ) {
        self.client = client
        self.logger = logger
        self.options = options
        self.signal = AppendSignal()
        self.notifications = NotificationRequests()
        let appender = PostgresAppender(client: client, logger: logger, requestTimeout: options.requestTimeout)
        self.committer = GroupCommitter(
            maxInFlight: options.concurrentCommits, maxGroupEvents: options.maxGroupEvents
        ) { group in
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
