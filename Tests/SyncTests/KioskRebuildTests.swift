import Domain
import EventLog
import Foundation
import Sync
import Testing

/// `cunshi kiosk init --rebuild`: a replica started over keeps the device and every outbox entry.
@Suite("Kiosk replica rebuild")
struct KioskRebuildTests {
    @Test("the replica starts over; the outbox, device and sequence carry over; the next sync converges with nothing lost")
    func rebuild() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerItem("RB-1"), S.chen)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-rebuild")
                try await kiosk.sync()
                try await kiosk.record(S.contribute("RB-K1"))
                try await kiosk.sync()
                try await kiosk.record(S.contribute("RB-K2"))
                try await kiosk.record(S.contribute("RB-K3"))
                let before = try await kiosk.database.state()
                #expect(try await kiosk.log().count > 0)
                try kiosk.database.close()

                let path = kiosk.database.path
                let rebuilt = try await KioskDatabase.rebuild(path: path)
                #expect(rebuilt.outboxEntries == 3)
                #expect(rebuilt.pending == 2)
                #expect(FileManager.default.fileExists(atPath: rebuilt.setAside))

                let database = try KioskDatabase(path: path)
                let after = try await database.state()
                #expect(after.deviceID == before.deviceID && after.credential == before.credential)
                #expect(after.nextSeq == 4 && after.ackedSeq == 1)
                #expect(after.pullCursor == .start && after.hubEpoch == nil)
                #expect(try await Logs.all(database.replica).isEmpty)
                #expect(try await database.outboxCounts().pending == 2)

                // The next sync sends 2 and 3 and pulls the county again; recording continues the device's sequence.
                let reopened = TestKiosk(database: database, deviceID: "kp-rebuild", url: hub.url)
                #expect(try await reopened.sync().appended == 2)
                #expect(try await reopened.record(S.contribute("RB-K4")).seq == 4)
                #expect(try await reopened.sync().appended == 1)
                try await hub.converge([reopened])
                #expect(try await reopened.log().map(\.id) == (try await hub.countyLog()).map(\.id))
                #expect(try await hub.highWaterMark("kp-rebuild") == 4)
                let items = Set(try await hub.countyLog().filter { $0.type == ArchiveItem.Event.EventType.contributed }.map(\.streamID.rawValue))
                #expect(items == Set(["RB-K1", "RB-K2", "RB-K3", "RB-K4"].map(ArchiveItem.streamID(for:))))
            }
        }
    }
}
