import ArgumentParser
import Domain
import EventLog
import Foundation
import Hummingbird
import Projections
import Sync

/// `cunshi kiosk init | sync | serve | lost`: a county station's offline kiosk (docs/sync.md).
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "An offline kiosk: its SQLite replica of the county, its outbox, and sync with the hub.",
        subcommands: [Init.self, SyncNow.self, Serve.self, Lost.self]
    )

    struct Location: ParsableArguments {
        @Option(help: "The kiosk's data directory (default: CUNSHI_DATA_DIR or ./kiosk-data)")
        var dataDir: String?

        var directory: URL {
            URL(fileURLWithPath: dataDir ?? Environment.value("CUNSHI_DATA_DIR") ?? "kiosk-data", isDirectory: true)
        }

        func database() throws -> KioskDatabase {
            try KioskDatabase(path: directory.appendingPathComponent("kiosk.sqlite").path)
        }
    }

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the hub and the device credential (from `cunshi device register`), and check them with the hub.",
            discussion: """
                --rebuild starts the replica over when sync reports REPLICA_DIVERGED (the hub was restored to an older \
                state and written since): the old file is kept beside as kiosk.sqlite.diverged-<time>, every outbox \
                entry is carried over (nothing recorded offline is lost), the read models are dropped, and the next \
                sync pulls the county again. Stop `cunshi kiosk serve` first.
                """)

        @Option(help: "The hub's base URL, e.g. https://hub.example/ (default: CUNSHI_HUB_URL)")
        var hub: String?

        @Option(help: "<deviceID>.<secret> (default: CUNSHI_KIOSK_CREDENTIAL)")
        var credential: String?

        @Flag(help: "Start the replica over, keeping the device and its outbox (see below)")
        var rebuild = false

        @OptionGroup var location: Location

        func run() async throws {
            if rebuild { return try await rebuildReplica() }
            guard let hub = hub ?? Environment.value("CUNSHI_HUB_URL") else { throw ValidationError("--hub is required") }
            guard let credential = credential ?? Environment.value("CUNSHI_KIOSK_CREDENTIAL") else {
                throw ValidationError("--credential is required")
            }
            let database = try location.database()
            try await database.initialize(hubURL: hub, credential: credential)
            let hello = try await HTTPSyncTransport(baseURL: hub, credential: credential).hello()
            print("kiosk \(hello.deviceID) of county \(hello.county) is set up in \(database.path)")
            print("hub epoch \(hello.epoch); the hub holds this device's entries up to \(hello.hwm)")
            print("next: `cunshi kiosk sync`")
        }

        func rebuildReplica() async throws {
            guard hub == nil, credential == nil else { throw ValidationError("--rebuild keeps the hub and credential; give neither") }
            let path = location.directory.appendingPathComponent("kiosk.sqlite").path
            let rebuilt = try await KioskDatabase.rebuild(path: path)
            let readModels = location.directory.appendingPathComponent("readmodels.sqlite").path
            for file in [readModels, readModels + "-wal", readModels + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.removeItem(atPath: file)
            }
            print("the old replica is kept at \(rebuilt.setAside)")
            print("carried over \(rebuilt.outboxEntries) outbox entries (\(rebuilt.pending) not yet confirmed by the hub)")
            print("next: `cunshi kiosk sync` pulls the county again")
        }
    }

    struct SyncNow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync", abstract: "Push the outbox, pull the county, and print what happened.")

        @OptionGroup var location: Location

        func run() async throws {
            let database = try location.database()
            let state = try await database.state()
            let transport = HTTPSyncTransport(baseURL: state.hubURL, credential: state.credential)
            let client = KioskSyncClient(database: database, transport: transport, progress: Self.show)
            let summary = try await client.sync()
            let bytes = transport.transferred
            print(summary)
            print("bytes: sent \(bytes.sentWire) (\(bytes.sentRaw) raw), received \(bytes.receivedWire) (\(bytes.receivedRaw) raw)")
        }

        @Sendable static func show(_ progress: SyncProgress) {
            switch progress {
            case .repairing(let reason, let resending): print("repairing: \(reason); re-sending \(resending) entries")
            case .pushed(let through, let of): print("pushed through entry \(through) of \(of)")
            case .pulled(let events, _): print("pulled \(events) events")
            case .retrying(let delay): print("connection trouble; retrying in \(delay)")
            }
        }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the county's projections on the replica, sync periodically, and serve the kiosk's read API.")

        @OptionGroup var location: Location

        @Option(help: "Host to listen on") var host = "127.0.0.1"
        @Option(help: "Port to listen on") var port = 8081
        @Option(help: "Seconds between syncs (0: never)") var syncEvery = 300

        func run() async throws {
            let database = try location.database()
            let state = try await database.state()
            let county = state.county ?? "(not synced yet)"
            let storage = try SQLiteProjectionStorage(path: location.directory.appendingPathComponent("readmodels.sqlite").path)
            let daemon = database.projectionDaemon(storage: storage)
            let router = Router()
            KioskRoutes(database: database, readModels: daemon.readModels).register(on: router)
            let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)))
            let transport = HTTPSyncTransport(baseURL: state.hubURL, credential: state.credential)
            let every = syncEvery
            print("kiosk \(state.deviceID) (county \(county)) serving on http://\(host):\(port)")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await daemon.run() }
                if every > 0 {
                    group.addTask { await Self.syncPeriodically(database: database, transport: transport, every: every) }
                }
                try await app.runService()  // until SIGTERM or SIGINT
                group.cancelAll()
            }
        }

        /// Syncs every `every` seconds until cancelled; stops syncing (and keeps serving) once the hub refuses the
        /// device for good.
        static func syncPeriodically(database: KioskDatabase, transport: HTTPSyncTransport, every: Int) async {
            while !Task.isCancelled {
                do {
                    print(try await KioskSyncClient(database: database, transport: transport).sync())
                } catch let error as SyncError where error.isTerminal {
                    print("sync stopped for good: \(error)")
                    return
                } catch {
                    print("sync failed (will retry): \(error)")
                }
                try? await Task.sleep(for: .seconds(every))
            }
        }
    }

    struct Lost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the events a kiosk holds that its hub no longer does (after REPLICA_DIVERGED), one JSON object a line.",
            discussion: """
                A hub restored from an older backup has lost what was written after it; a kiosk that had pulled those \
                events reports them when it syncs (REPLICA_DIVERGED), and `cunshi kiosk init --rebuild` keeps its old \
                file aside (kiosk.sqlite.diverged-<time>). Give that file with --file to list them for the hub's \
                administrators: stream, version, id, type, recordedAt, payload and metadata (JSON texts).
                """)

        @Option(help: "The kiosk file to read (default: kiosk.sqlite in the data directory)")
        var file: String?

        @OptionGroup var location: Location

        func run() async throws {
            let path = file ?? location.directory.appendingPathComponent("kiosk.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no kiosk file at \(path)") }
            let database = try KioskDatabase(path: path)
            defer { try? database.close() }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for event in try await database.eventsTheHubLost() {
                let line = LostEvent(
                    stream: event.streamID.rawValue, version: event.version, id: event.id.uuidString.lowercased(),
                    type: event.type, recordedAt: event.recordedAt.formatted(.iso8601),
                    payload: String(decoding: event.payload, as: UTF8.self),
                    metadata: String(decoding: event.metadataJSON, as: UTF8.self))
                print(String(decoding: try encoder.encode(line), as: UTF8.self))
            }
        }

        struct LostEvent: Encodable {
            var stream: String
            var version: Int64
            var id: String
            var type: String
            var recordedAt: String
            var payload: String
            var metadata: String
        }
    }
}
