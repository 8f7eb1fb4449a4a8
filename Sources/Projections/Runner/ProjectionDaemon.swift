import EventLog
import Foundation
import Logging
import Synchronization

/// Runs a set of projections against one log and one read-model storage, and administers them: status, rebuild
/// beside, restart after a poison event.
///
/// Lifecycle: ``run()`` runs one ``ProjectionRunner`` per projection until the task is cancelled. On several hub
/// instances each projection is run by exactly one of them (the runner lock); the others stand by and take over
/// when its session ends. A projection stopped on a poison event stays stopped — on every instance — until
/// ``restart(_:)`` (after the projection or the event has been fixed).
public final class ProjectionDaemon: Sendable {
    public let projections: [any Projection]
    public let store: any EventStore
    public let storage: any ProjectionStorage
    let runners: [String: ProjectionRunner]
    let options: ProjectionRunner.Options
    let logger: Logger
    private let restarts = AppendSignal()
    private let pages: SharedLogPages

    /// - Parameter keepTogether: runners that read the same pages wait for each other (``SharedLogPages``'s
    ///   `leadWait`), so that each page is read and each event decoded once: for a daemon that runs every projection
    ///   itself (a kiosk). Not on hubs with several instances, where runners that stand by never read.
    public init(
        store: any EventStore, storage: any ProjectionStorage, projections: [any Projection] = StandardProjections.all,
        options: ProjectionRunner.Options = .init(), keepTogether: Bool = false,
        logger: Logger = Logger(label: "cunshi.projections")
    ) {
        self.projections = projections
        self.store = store
        self.storage = storage
        self.options = options
        self.logger = logger
        // Runners that catch up from the same checkpoint (a new kiosk, read models created empty) read each page once.
        let pages = SharedLogPages(base: store, projections: projections, leadWait: keepTogether ? .seconds(2) : nil)
        self.pages = pages
        var runners: [String: ProjectionRunner] = [:]
        for projection in projections {
            runners[projection.name] = ProjectionRunner(
                projection: projection, store: pages, storage: storage, options: options, logger: logger)
        }
        self.runners = runners
    }

    /// The read API over this daemon's read models.
    public var readModels: ReadModels { ReadModels(storage: storage, store: store) }

    /// What the runner of `name` is doing in this process.
    public func phase(_ name: String) -> ProjectionRunner.Phase? { runners[name]?.phase }

    /// Runs every projection until cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for runner in runners.values {
                group.addTask { await self.supervise(runner) }
            }
        }
    }

    /// Runs one runner; after a poison stop, waits until the stop is cleared (by ``restart(_:)`` here or on another
    /// instance) and runs it again.
    private func supervise(_ runner: ProjectionRunner) async {
        let name = runner.projection.name
        var left = false
        while !Task.isCancelled {
            await runner.run()
            // Stopped on a poison event: pages are no longer kept, nor waited for, for it.
            if !Task.isCancelled, !left {
                pages.leave()
                left = true
            }
            while !Task.isCancelled {
                await restarts.wait(timeout: .seconds(1))
                guard let generation = try? await storage.registration(name).activeGeneration else { continue }
                let checkpoint = try? await storage.checkpoint(name, generation: generation)
                if checkpoint?.stop?.reason != .poisonEvent { break }
            }
        }
    }

    /// Clears a projection's stop so that its runner starts again from its checkpoint (the poison event is
    /// retried: deploy the fix first).
    public func restart(_ name: String) async throws {
        guard runners[name] != nil else { throw ProjectionError.unknownProjection(name) }
        let generation = try await storage.registration(name).activeGeneration
        try await storage.recordStop(name, generation: generation, stop: nil)
        restarts.signal()
    }

    /// Rebuilds `name` beside its active generation and switches readers to the new one when it has caught up;
    /// returns the new generation. Readers keep reading the old generation meanwhile (no downtime). It reads the log
    /// alone, so it decodes events without the shared cache (``DecodedEvents/isShared``).
    @discardableResult
    public func rebuild(_ name: String) async throws -> Int {
        guard let runner = runners[name] else { throw ProjectionError.unknownProjection(name) }
        let rebuilder = ProjectionRunner(
            projection: runner.projection, store: store, storage: storage, options: options, logger: logger)
        return try await DecodedEvents.$isShared.withValue(false) { try await rebuilder.rebuild() }
    }
}

extension ProjectionDaemon {
    /// Rebuilds several projections at once (``rebuild(_:)`` for each, side by side), reading each page of the log
    /// once for all of them: the runners keep within a few pages of each other (``SharedLogPages``'s `leadWait`).
    /// Their row caches hold about the options' `cacheBytes` together, as one rebuild's does (``RowCacheBudget``).
    /// Returns the new generation of each; throws the first failure (the others run on to their own end: each
    /// switches on its own, when it has caught up). One name is ``rebuild(_:)-(String)``.
    @discardableResult
    public func rebuild(_ names: [String]) async throws -> [String: Int] {
        if names.count == 1 { return [names[0]: try await rebuild(names[0])] }
        let chosen = try names.map { name in
            guard let runner = runners[name] else { throw ProjectionError.unknownProjection(name) }
            return runner.projection
        }
        let shared = SharedLogPages(base: store, projections: chosen, leadWait: .seconds(2))
        let budget = RowCacheBudget(limitBytes: options.cacheBytes)
        return try await withThrowingTaskGroup(of: (String, Result<Int, any Error>).self) { group in
            for projection in chosen {
                let rebuilder = ProjectionRunner(
                    projection: projection, store: shared, storage: storage, options: options, cacheBudget: budget,
                    logger: logger)
                group.addTask {
                    defer { shared.leave() }
                    do { return (projection.name, .success(try await rebuilder.rebuild())) } catch {
                        return (projection.name, .failure(error))
                    }
                }
            }
            var generations: [String: Int] = [:]
            var firstFailure: (any Error)?
            for try await (name, result) in group {
                switch result {
                case .success(let generation): generations[name] = generation
                case .failure(let error): firstFailure = firstFailure ?? error
                }
            }
            if let firstFailure { throw firstFailure }
            return generations
        }
    }
}

/// The projections of every read model of the domain.
public enum StandardProjections {
    public static var all: [any Projection] {
        [
            CatalogProjection(), ItemHistoryProjection(), ReviewQueueProjection(), PublishedToursProjection(),
            MarketProjection(), RightsAuditProjection(), FleetProjection(),
        ]
    }
}
