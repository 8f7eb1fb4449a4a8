import Domain
import EventLog
import Foundation
import Sync
import Testing

/// SYNC.md case 1: the connection is cut at random points of push and pull.
@Suite("Sync through a connection cut at random points")
struct ConnectionCutTests {
    @Test("push and pull through a fault-injecting proxy: everything converges, nothing lost, nothing doubled")
    func cutsConverge() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            for index in 0..<60 { try await hub.run(S.registerItem("H-\(index)", title: "碉楼 \(index)"), S.chen) }
            let proxy = try await FaultProxy(
                target: hub.port, plan: .init(probability: 0.8, maxBytes: 3 * 1024, maxCuts: 40, seed: 20260528))
            defer { Task { await proxy.stop() } }
            try await S.withKiosks { directory in
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-cut", url: "http://127.0.0.1:\(proxy.port)")
                kiosk.options.pushEntries = 7
                kiosk.options.pullEvents = 9
                kiosk.options.maxConsecutiveFailures = 60
                try await kiosk.syncUntilDone()
                for index in 0..<80 { try await kiosk.record(S.contribute("K-\(index)", title: "村民投稿 \(index)")) }
                for index in 60..<120 { try await hub.run(S.registerItem("H-\(index)"), S.chen) }
                try await kiosk.syncUntilDone()
                try await hub.settle()
                let (final, _) = try await kiosk.syncUntilDone()
                #expect(final.stillPending == 0)
                // Cuts made, not planned: mid-request (push bodies, pull requests) and mid-answer.
                let made = "cut \(proxy.requestsCut) requests and \(proxy.answersCut) answers of \(proxy.connections) connections"
                #expect(proxy.requestsCut >= 2 && proxy.answersCut >= 2 && proxy.requestsCut + proxy.answersCut >= 8, "\(made)")

                // Nothing doubled: exactly one receipt and one item-contributed event per recorded command.
                #expect(try await hub.highWaterMark("kp-cut") == 80)
                let hubLog = try await hub.countyLog()
                let contributed = hubLog.filter { $0.type == ArchiveItem.Event.EventType.contributed }
                #expect(contributed.count == 80)
                #expect(Set(contributed.map(\.streamID)).count == 80)
                // Nothing lost, same order: the kiosk's replica is the hub's county log, event for event.
                #expect(try await kiosk.log().map(\.id) == hubLog.map(\.id))
            }
        }
    }
}
