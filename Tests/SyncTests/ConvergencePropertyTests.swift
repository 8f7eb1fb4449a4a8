import Commands
import Domain
import EventLog
import Foundation
import PropertyBased
import Sync
import Testing

/// SYNC.md case 8: random interleavings of offline work and syncs across several kiosks converge, with no loss.
@Suite("Convergence, property-based")
struct ConvergencePropertyTests {
    static let script = Gen.int(in: 0...999).array(of: 4...24)

    @Test("random offline work and syncs on 3 kiosks and the hub: every entry accounted for, every replica equal")
    func converge() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let run = Mutex(0)
                await propertyCheck(count: 6, input: Self.script) { picks in
                    let round = run.withLock { value -> Int in
                        value += 1
                        return value
                    }
                    var kiosks: [TestKiosk] = []
                    for index in 0..<3 {
                        let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-p\(round)-\(index)")
                        try await kiosk.sync()
                        kiosks.append(kiosk)
                    }
                    let shared = "P\(round)-shared"
                    try await hub.run(S.registerItem(shared), S.chen)
                    for kiosk in kiosks { try await kiosk.sync() }
                    let curator = Actor.curator("li", county: S.kaiping)
                    for (step, pick) in picks.enumerated() {
                        let kiosk = kiosks[pick % 3]
                        switch (pick / 3) % 5 {
                        case 0: try await kiosk.record(S.contribute("P\(round)-\(step)"))
                        case 1: try await Self.mayBeRefused { try await kiosk.record(S.revise(shared, "改 \(step)"), curator) }
                        case 2: try await Self.mayBeRefused { try await kiosk.record(S.attach(shared, "m-\(pick % 4)"), curator) }
                        case 3: try await kiosk.sync()
                        default: try await Self.mayBeRefused { try await hub.run(S.revise(shared, "hub \(step)"), S.chen) }
                        }
                    }
                    for _ in 0..<2 { try await hub.converge(kiosks) }

                    let hubLog = try await hub.countyLog()
                    let ids = Set(hubLog.map(\.id))
                    for kiosk in kiosks {
                        let state = try await kiosk.database.state()
                        // No loss: the hub holds a receipt for every entry the kiosk recorded …
                        #expect(try await hub.highWaterMark(kiosk.deviceID) == state.nextSeq - 1)
                        // … and every entry is in the log: its events, or its conflict record.
                        for entry in try await kiosk.database.outboxEntries(after: 0, limit: 1_000, maxBytes: .max) {
                            let own = DeterministicEventID.make(commandID: entry.commandID, index: 0)
                            let record = DeterministicEventID.make(commandID: entry.commandID, index: 1_000_001)
                            #expect(ids.contains(own) || ids.contains(record), "entry \(entry.seq) of \(kiosk.deviceID) is lost")
                            #expect(!(ids.contains(own) && ids.contains(record)))
                        }
                        // Convergence: the same events in the hub's order.
                        #expect(try await kiosk.log().map(\.id) == hubLog.map(\.id))
                    }
                    let onHub = try await AggregateLoader(store: hub.store).load(ArchiveItem.self, id: shared).state
                    for kiosk in kiosks {
                        #expect(try await AggregateLoader(store: kiosk.database.replica).load(ArchiveItem.self, id: shared).state == onHub)
                    }
                }
            }
        }
    }

    /// Runs a random edit that the domain may refuse (the same media attached twice, a stale revision); any other
    /// failure fails the test.
    static func mayBeRefused<T>(_ body: () async throws -> T) async throws {
        do {
            _ = try await body()
        } catch CommandError.rejected {
            return
        }
    }
}

import Synchronization
