import EventLog
import PostgresNIO

extension PostgresEventStore {
    /// Carries wake-up hints between hub processes until the task is cancelled: sends one `NOTIFY` after a burst
    /// of this process's appends, and wakes this process's subscribers on every notification from the others.
    /// Survives PostgreSQL restarts: a lost LISTEN connection is re-opened with backoff, and subscribers are woken
    /// to re-read, since hints may have been missed meanwhile.
    public func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.sendNotifications() }
            group.addTask { await self.listenForNotifications() }
        }
    }

    private func sendNotifications() async {
        for await _ in notifications.stream {
            do {
                try await PostgresErrors.withDeadline(options.requestTimeout, "a NOTIFY") { [client, logger] in
                    try await client.query("SELECT pg_notify(\(Self.notificationChannel), '')", logger: logger)
                    return ()
                }
            } catch {
                logger.debug("NOTIFY failed; subscribers will poll", metadata: ["error": "\(String(reflecting: error))"])
            }
        }
    }

    private func listenForNotifications() async {
        var backoff = Duration.milliseconds(100)
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.notificationChannel) { notifications in
                        backoff = .milliseconds(100)
                        signal.signal()
                        for try await _ in notifications {
                            signal.signal()
                        }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.info("LISTEN connection lost; re-opening", metadata: ["error": "\(String(reflecting: error))"])
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }
}
