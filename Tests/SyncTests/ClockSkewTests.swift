import Domain
import EventLog
import Foundation
import Sync
import Testing

/// SYNC.md case 5: a kiosk's clock is wrong by days.
@Suite("Clock skew")
struct ClockSkewTests {
    @Test("a kiosk three days ahead: order is the hub's, the skew is flagged and recorded, nothing is refused")
    func skew() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-skew")
                let ahead: TimeInterval = 3 * 24 * 3600
                kiosk.now = { Date().addingTimeInterval(ahead) }
                try await kiosk.sync()
                try await kiosk.record(S.contribute("S-1"))
                try await hub.run(S.registerItem("S-2"), S.chen)  // recorded on the hub after the kiosk's, by wall time
                let summary = try await kiosk.sync()
                #expect(summary.pushed == 1)
                #expect(summary.skewFlagged)
                #expect(abs((summary.skewMilliseconds ?? 0) + Int64(ahead * 1000)) < 60_000)

                let log = try await hub.countyLog()
                let kioskEvent = try #require(log.first { $0.streamID.rawValue == "item-S-1" })
                let hubEvent = try #require(log.first { $0.streamID.rawValue == "item-S-2" })
                // The hub's order: the kiosk's event came later, whatever its clock said.
                #expect(hubEvent.cursor < kioskEvent.cursor)
                let deviceTime = try #require(kioskEvent.metadata.deviceTime)
                #expect(deviceTime.timeIntervalSince(kioskEvent.recordedAt) > ahead - 120)
                #expect(kioskEvent.metadata.clock != nil)
                let receipt = try #require(try await hub.store.readStream(SyncRecords.receiptStream("kp-skew")).last)
                let decoded = try JSONDecoder().decode(SyncRecords.Receipt.self, from: receipt.payload)
                #expect(decoded.skewFlagged)
                // The kiosk's clock did not carry the hub's (nor, through the hub's answers, every kiosk's) days ahead.
                let hello = try await kiosk.transport().hello()
                #expect(abs(hello.clock.milliseconds - hello.hubTime) < ClockSkew.threshold)
                try await hub.converge([kiosk])
                #expect(try await kiosk.log().map(\.id) == log.map(\.id))
            }
        }
    }
}
