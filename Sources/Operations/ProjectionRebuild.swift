import Foundation
import Projections

/// What a finished rebuild did.
public struct RebuildSummary: Sendable, Hashable, Encodable {
    public var projection: String
    /// The generation readers read before (dropped now).
    public var previousGeneration: Int
    /// The rebuilt generation, active now.
    public var generation: Int
    /// Events this run handled (a resumed rebuild counts only its own).
    public var events: Int64
    public var seconds: Double
    public var eventsPerSecond: Double
    /// The log position of the last event the new generation had seen when it switched.
    public var position: Int64
    /// Rows per table in the new generation.
    public var rows: [String: Int]

    /// `rebuilt catalog: generation 3 is active (was 2); 1,000,000 events in 16.3 s (61,350 events/s); rows: …`
    public var text: String {
        let rate = ProgressFormat.count(Int64(eventsPerSecond.rounded()))
        let tables = rows.keys.sorted().map { "\($0) \(ProgressFormat.count(Int64(rows[$0] ?? 0)))" }.joined(separator: ", ")
        return "rebuilt \(projection): generation \(generation) is active (was \(previousGeneration)); "
            + "\(ProgressFormat.count(events)) events in \(ProgressFormat.duration(seconds)) (\(rate) events/s); "
            + "switched at position \(position); rows: \(tables)"
    }
}

/// `cunshi projections rebuild`: rebuilds one projection beside its live generation through
/// ``ProjectionDaemon/rebuild(_:)`` (safe while hubs run it: they are fenced off the old generation at the switch
/// and continue on the new one), reporting progress as it goes.
public enum ProjectionRebuild {
    /// The names of the standard projections, in their order.
    public static var names: [String] { StandardProjections.all.map(\.name) }

    /// Checks `name` is a projection; the error lists them.
    public static func validate(_ name: String) throws(OperationsError) {
        guard names.contains(name) else { throw .unknownProjection(name, known: names) }
    }

    /// Rebuilds `name`; calls `progress` about every `every` (from another task) until it has switched.
    /// Throws ``OperationsError/unknownProjection(_:known:)``, ``ProjectionError/rebuildRunning(projection:generation:)``
    /// when another process rebuilds it, ``ProjectionError/rebuildStopped(projection:stop:)`` on a poison event.
    public static func run(
        _ name: String, in database: AdminDatabase, options: ProjectionRunner.Options = .rebuild,
        every: Duration = .milliseconds(100), progress: (@Sendable (ProgressSnapshot, _ final: Bool) -> Void)? = nil
    ) async throws -> RebuildSummary {
        let summaries = try await run([name], in: database, options: options, every: every, progress: progress)
        guard let summary = summaries.first else { throw OperationsError.unknownProjection(name, known: names) }
        return summary
    }

    /// Rebuilds several projections side by side, reading the log once for all of them (`ProjectionDaemon.rebuild`
    /// of several names); the progress is the slowest one's. Returns a summary for each, in the order of `names`.
    /// Throws as the rebuild of one projection does (the first failure; the others still finish).
    public static func run(
        _ names: [String], in database: AdminDatabase, options: ProjectionRunner.Options = .rebuild,
        every: Duration = .milliseconds(100), progress: (@Sendable (ProgressSnapshot, _ final: Bool) -> Void)? = nil
    ) async throws -> [RebuildSummary] {
        for name in names { try validate(name) }
        let storage = database.storage
        var registrations: [String: ProjectionRegistration] = [:]
        var alreadyDone: [String: Int64] = [:]
        for name in names {
            let registration = try await storage.registration(name)
            registrations[name] = registration
            if let building = registration.buildingGeneration {
                alreadyDone[name] = try await storage.checkpoint(name, generation: building)?.eventsSeen ?? 0
            }
        }
        let done = Locked(alreadyDone)
        var tracked = options
        tracked.onCommit = { [previous = options.onCommit] checkpoint in
            done.withLock { $0[checkpoint.projection] = checkpoint.eventsSeen }
            previous?(checkpoint)
        }
        let daemon = database.daemon(options: tracked)
        let clock = ContinuousClock()
        let start = clock.now
        let seconds: @Sendable () -> Double = { (clock.now - start).seconds }
        let total = Locked(try await database.eventCount())
        let slowest: @Sendable () -> Int64 = { done.withLock { done in names.map { done[$0] ?? 0 }.min() ?? 0 } }
        let meter = Locked(ProgressMeter(startedAt: 0, done: slowest()))

        @Sendable func snapshot() -> ProgressSnapshot {
            let now = seconds()
            let current = slowest()
            let all = total.value
            return meter.withLock { meter in
                meter.record(done: current, total: all, at: now)
                return meter.snapshot
            }
        }
        let reporter = Task {
            var lastCount = 0.0
            while !Task.isCancelled {
                try? await Task.sleep(for: every)
                if Task.isCancelled { return }
                if seconds() - lastCount >= 5, let count = try? await database.eventCount() {
                    total.value = count
                    lastCount = seconds()
                }
                progress?(snapshot(), false)
            }
        }
        let generations: [String: Int]
        do {
            generations = try await daemon.rebuild(names)
        } catch {
            reporter.cancel()
            await reporter.value
            throw error
        }
        reporter.cancel()
        await reporter.value
        let elapsed = seconds()
        var summaries: [RebuildSummary] = []
        for name in names {
            guard let generation = generations[name], let registration = registrations[name] else { continue }
            let checkpoint = try await storage.checkpoint(name, generation: generation)
            let final = checkpoint?.eventsSeen ?? done.withLock { $0[name] ?? 0 }
            done.withLock { $0[name] = final }
            var rows: [String: Int] = [:]
            for table in daemon.projections.first(where: { $0.name == name })?.tables ?? [] {
                rows[table.name] = try await storage.count(table, generation: generation, [])
            }
            let handled = final - (alreadyDone[name] ?? 0)
            summaries.append(RebuildSummary(
                projection: name, previousGeneration: registration.activeGeneration, generation: generation,
                events: handled, seconds: elapsed, eventsPerSecond: elapsed > 0 ? Double(handled) / elapsed : 0,
                position: checkpoint?.position ?? 0, rows: rows))
        }
        total.withLock { $0 = max($0, slowest()) }
        progress?(snapshot(), true)
        return summaries
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
