import Commands
import Domain
import EventLog
import Foundation

/// Loads the seed — real Lingnan villages, their archives, tours and IP listings — **through the command
/// handler**, never into tables: every record becomes the commands a curator, kiosk, agent or admin would issue,
/// and the domain checks them like any other input.
///
/// Rules a caller must know:
/// - Idempotent: every command carries a `commandID` derived from (kind, record id, step)
///   (``SeedStep/commandID``), so a second run — or a run after a partial one — appends nothing for what is
///   already there. The hub may therefore call ``load(from:)`` on every start.
/// - Stops at the first refusal with a ``SeedError`` naming the file, the record, the step and the rule; what was
///   appended before stays (a rerun after the fix continues from there).
/// - Order: villages, devices, items, tours, listings (see ``SeedPlan``); commands run one at a time.
public struct SeedLoader: Sendable {
    public let handler: CommandHandler

    public init(store: any EventStore) {
        self.handler = CommandHandler(store: store)
    }

    public init(handler: CommandHandler) {
        self.handler = handler
    }

    /// The seed data bundled with this module (`Seeds/Data`).
    public static var bundledData: URL {
        get throws(SeedError) {
            guard let url = Bundle.module.url(forResource: "Data", withExtension: nil) else {
                throw .unreadable(file: "Data", reason: "the SeedLoader bundle has no Data folder")
            }
            return url
        }
    }

    /// The commands the seed under `directory` maps to, in the order they run (without running them).
    public static func plan(from directory: URL) throws(SeedError) -> [SeedStep] {
        try SeedPlan(SeedData.read(from: directory)).steps
    }

    /// Runs the seed under `directory` (default: the bundled one). `progress` is called after each command.
    @discardableResult
    public func load(
        from directory: URL? = nil, progress: (@Sendable (SeedStep, SeedStepResult) -> Void)? = nil
    ) async throws(SeedError) -> SeedReport {
        let root: URL
        if let directory { root = directory } else { root = try Self.bundledData }
        let steps = try Self.plan(from: root)
        var report = SeedReport()
        for step in steps {
            let request = CommandRequest(
                command: step.command, context: CommandContext(actor: step.actor, now: step.now),
                commandID: step.commandID)
            let outcome: CommandOutcome
            do {
                outcome = try await handler.handle(request)
            } catch {
                switch error {
                case .rejected(let refusal):
                    throw .rejected(
                        file: step.file, record: step.record, step: step.step, code: refusal.code, field: refusal.field,
                        message: refusal.message)
                case .conflict, .store:
                    throw .store(file: step.file, record: step.record, step: step.step, message: error.message)
                }
            }
            let result = SeedStepResult(
                alreadyApplied: outcome.wasDuplicate, appendedEvents: outcome.wasDuplicate ? 0 : outcome.positions.count)
            report.record(step, result)
            progress?(step, result)
        }
        return report
    }
}

/// What one seed command did.
public struct SeedStepResult: Sendable, Equatable {
    /// The command had been applied by an earlier run: nothing was appended.
    public var alreadyApplied: Bool
    public var appendedEvents: Int
}

/// What a seed run did.
public struct SeedReport: Sendable, Equatable {
    /// Commands run (new or already applied).
    public var commands = 0
    /// Commands whose events were already in the log (a repeated run): nothing appended.
    public var alreadyApplied = 0
    /// Events appended by this run.
    public var appendedEvents = 0
    /// Record ids by kind (`village`, `device`, `item`, `tour`, `listing`), in seed order.
    public var records: [String: [String]] = [:]

    mutating func record(_ step: SeedStep, _ result: SeedStepResult) {
        commands += 1
        if result.alreadyApplied { alreadyApplied += 1 } else { appendedEvents += result.appendedEvents }
        if records[step.kind]?.last != step.record { records[step.kind, default: []].append(step.record) }
    }

    public var summary: String {
        let kinds = ["village", "device", "item", "tour", "listing"].map { "\(records[$0]?.count ?? 0) \($0)s" }
        return "\(commands) commands (\(alreadyApplied) already applied), \(appendedEvents) events appended; "
            + kinds.joined(separator: ", ")
    }
}
