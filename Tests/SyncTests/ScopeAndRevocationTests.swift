import Domain
import EventLog
import Foundation
import Sync
import Testing

/// SYNC.md case 6: a revoked device is refused; a device of county A cannot read or write county B.
@Suite("Revocation and county scope")
struct ScopeAndRevocationTests {
    @Test("a revoked kiosk is refused, never retries, and its offline entries are quarantined (all, over several pushes), not applied")
    func revoked() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-lost")
                kiosk.options.pushEntries = 2
                try await kiosk.sync()
                for index in 1...5 { try await kiosk.record(S.contribute("Q-\(index)")) }
                try await hub.revoke("kp-lost")

                do {
                    try await kiosk.sync()
                    Issue.record("a revoked kiosk synced")
                } catch let error as SyncError {
                    #expect(error.code == "DEVICE_REVOKED" && error.status == 403)
                }
                let log = try await hub.countyLog()
                #expect(!log.contains { $0.type == ArchiveItem.Event.EventType.contributed })
                let quarantined = log.filter { $0.type == SyncRecords.quarantinedType }
                #expect(quarantined.count == 5)
                #expect(try await kiosk.database.state().revokedMessage != nil)
                // It does not retry: the next sync fails without contacting the hub.
                do {
                    try await kiosk.sync()
                    Issue.record("a revoked kiosk synced")
                } catch let error as SyncError {
                    #expect(error.code == "DEVICE_REVOKED")
                }
                #expect(try await hub.countyLog().count == log.count)
                // A pull with the revoked credential is refused too.
                await #expect(throws: SyncError.self) {
                    try await (try await kiosk.transport()).pull(PullRequest(cursor: "0.0"))
                }
            }
        }
    }

    @Test("a wrong credential is 401; an unsupported protocol version is a typed error")
    func unauthenticated() async throws {
        try await S.withHub { hub in
            _ = try await hub.registerDevice("kp-x")
            let wrong = HTTPSyncTransport(baseURL: hub.url, credential: "kp-x.0000")
            do {
                _ = try await wrong.hello()
                Issue.record("a wrong credential was accepted")
            } catch let error as SyncError {
                #expect(error.status == 401 && error.code == "UNAUTHENTICATED")
            }
            #expect(throws: SyncError.self) { try SyncVersions.check(protocol: "2", eventSchema: "1") }
            do { try SyncVersions.check(protocol: "2", eventSchema: "1") } catch let error as SyncError {
                #expect(error.code == "UNSUPPORTED_PROTOCOL_VERSION" && error.field == SyncVersions.Header.protocolVersion)
            }
        }
    }

    @Test("a Kaiping kiosk pulls only Kaiping, and cannot write Panyu (the county comes from the device record)")
    func countyScope() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerShawan)
            try await hub.run(S.registerItem("KP-1"), S.chen)
            try await hub.run(.item(.register(ArchiveItem.Register(
                itemID: "PY-1", villageID: "shawan", kind: .photo, description: .init(title: ["zh-Hans": "沙湾"])))),
                .curator("wu", county: S.panyu))
            try await hub.run(S.revise("PY-1", "沙湾（吴）"), .curator("wu", county: S.panyu))
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-scope")
                try await kiosk.sync()
                let pulled = try await kiosk.log()
                #expect(!pulled.isEmpty)
                #expect(pulled.allSatisfy { $0.metadata.county == S.kaiping.rawValue })
                #expect(!pulled.contains { $0.streamID.rawValue == "item-PY-1" || $0.streamID.rawValue == "village-shawan" })

                // Writing Panyu: a contribution to a Panyu village, and a command claiming a Panyu curator.
                try await kiosk.record(S.contribute("OK-1"))
                var entries = try await kiosk.database.outboxEntries(after: 0, limit: 10, maxBytes: .max)
                var intoPanyu = entries[0]
                intoPanyu.seq = 2
                intoPanyu.commandID = UUID()
                intoPanyu.command = try WireCommand(S.contribute("PY-2", village: "shawan"))
                var asPanyuCurator = entries[0]
                asPanyuCurator.seq = 3
                asPanyuCurator.commandID = UUID()
                asPanyuCurator.command = try WireCommand(S.revise("PY-1", "改"))
                asPanyuCurator.actor = .curator("wu", county: S.panyu)
                // A revision of the Panyu item as this kiosk, over a Panyu curator's revision it never saw.
                var revisingPanyu = entries[0]
                revisingPanyu.seq = 4
                revisingPanyu.commandID = UUID()
                revisingPanyu.command = try WireCommand(S.revise("PY-1", "改"))
                revisingPanyu.basisVersion = 0
                entries = [entries[0], intoPanyu, asPanyuCurator, revisingPanyu]
                let response = try await RawClient(transport: try await kiosk.transport()).push(entries)
                #expect(response.results.map(\.outcome) == [.appended, .conflict, .conflict, .conflict])
                #expect(response.results.dropFirst().map(\.code) == [ErrorCode.countyForbidden, ErrorCode.countyForbidden, ErrorCode.forbidden])
                #expect(try await hub.store.streamVersion(StreamID("item-PY-2")) == 0)
                #expect(try await hub.store.streamVersion(StreamID("item-PY-1")) == 2)
                // The conflict records are the Kaiping kiosk's, in Kaiping's review queue — never in Panyu's log — and
                // hold nothing of the Panyu streams: not their versions, not who changed them.
                #expect(try await hub.countyLog(S.panyu).allSatisfy { $0.type != SyncRecords.conflictType })
                let records = try await hub.countyLog().filter { $0.type == SyncRecords.conflictType }.map {
                    try JSONDecoder().decode(SyncRecords.ConflictRecord.self, from: $0.payload)
                }
                #expect(records.map(\.seq) == [2, 3, 4])
                #expect(records.allSatisfy { $0.streamVersionAtHub == 0 })
                #expect(records.last?.code == ErrorCode.forbidden && records.last?.message.contains("wu") == false)
            }
        }
    }
    @Test("two kiosks on one credential: the second one's entries, numbered like the first's, are refused, not taken for duplicates")
    func sequenceReused() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let first = try await TestKiosk.make(directory, hub: hub, id: "kp-twin")
                let copy = try KioskDatabase(path: directory.appendingPathComponent("kp-twin-copy.sqlite").path)
                try await copy.initialize(hubURL: hub.url, credential: try await first.database.state().credential)
                let second = TestKiosk(database: copy, deviceID: "kp-twin", url: hub.url)
                try await first.sync()
                try await second.sync()
                for index in 0..<3 {
                    try await first.record(S.contribute("T-A\(index)"))
                    try await second.record(S.contribute("T-B\(index)"))
                }
                #expect(try await first.sync().pushed == 3)
                do {
                    try await second.sync()
                    Issue.record("the second kiosk's entries 1–3 were taken for the first's")
                } catch let error as SyncError {
                    #expect(error.code == "DEVICE_SEQUENCE_REUSED" && error.status == 409 && error.field == "entries.seq")
                }
                // Nothing of the second kiosk's work is lost or acknowledged: it waits in its outbox.
                #expect(try await copy.outboxCounts().pending == 3)
                #expect(try await copy.state().ackedSeq == 0)
                let titles = try await hub.countyLog().filter { $0.type == ArchiveItem.Event.EventType.contributed }.map(\.streamID.rawValue)
                #expect(titles == ["item-T-A0", "item-T-A1", "item-T-A2"])
            }
        }
    }
}
