import ArgumentParser
import Foundation
import Operations

/// `cunshi replay --stream ID [--until TIME | --position P]`.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "A stream's history as it happened — event, actor, device, hub time, position — and its state at a moment.",
        discussion: """
            For an archive item (stream item-<id>) it prints the item as it was at that point, folded from the log \
            with the domain's own rules; for other streams, the events up to the point (with payloads in --json).
            TIME is ISO 8601 with an offset (2026-05-01T10:30:00+08:00, 2026-05-01T02:30:00Z) or a date \
            (2026-05-01: the end of that day, China Standard Time); hub times are printed in +08:00.
            P is a log position (the POSITION column) — events at positions up to it are included.
            """)

    @Option(help: "The stream id, e.g. item-kp-001")
    var stream: String

    @Option(help: "Replay up to this hub time (inclusive)")
    var until: String?

    @Option(help: "Replay up to this log position (inclusive)")
    var position: String?

    @Flag(help: "Print JSON instead of text")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        _ = try StreamReplay.streamID(stream)
        _ = try ReplayPoint.parse(until: until, position: position)
    }

    func run() async throws {
        let streamID = try StreamReplay.streamID(stream)
        let point = try ReplayPoint.parse(until: until, position: position)
        let report = try await AdminDatabase.with(database.location, logger: CLILog.logger) { db in
            try await StreamReplay.replay(streamID, until: point, store: db.store)
        }
        print(json ? try report.json() : report.text)
    }
}
