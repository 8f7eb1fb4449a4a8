import EventLog
import Foundation
import Sync
import Testing

/// A device's numbers at the edges of their types: each push is refused with a 400 naming the field, the hub keeps
/// serving (an overflow in its arithmetic would stop the whole process, for every kiosk), and nothing is appended.
@Suite("Pushes with numbers at the edges of their types")
struct HostileNumbersTests {
    @Test("extreme times, sequence numbers and clocks are refused by field; the hub stays up")
    func refusedByField() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-edge")
                try await kiosk.sync()
                try await kiosk.record(S.contribute("E-1"))
                let entry = try #require(try await kiosk.database.outboxEntries(after: 0, limit: 1, maxBytes: .max).first)
                let transport = try await kiosk.transport()
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                let zero = HybridTimestamp(milliseconds: 0, counter: 0)

                func refusal(sentAt: Int64 = now, clock: HybridTimestamp = zero, _ change: (inout PushEntry) -> Void = { _ in }) async -> SyncError? {
                    var edited = entry
                    change(&edited)
                    do {
                        _ = try await transport.push(PushRequest(sentAt: sentAt, clock: clock, entries: [edited]))
                        return nil
                    } catch {
                        return error
                    }
                }
                let cases: [(String, SyncError?)] = [
                    ("sentAt", await refusal(sentAt: .min)),
                    ("sentAt", await refusal(sentAt: .max)),
                    ("clock.milliseconds", await refusal(clock: HybridTimestamp(milliseconds: .max, counter: .max))),
                    ("entries.seq", await refusal { $0.seq = .max }),
                    ("entries.deviceTime", await refusal { $0.deviceTime = .min }),
                    ("entries.clock.milliseconds", await refusal { $0.clock = HybridTimestamp(milliseconds: -1, counter: 0) }),
                ]
                for (field, error) in cases {
                    #expect(error?.status == 400, "\(field)")
                    #expect(error?.field == field, "\(field)")
                }
                // A clock at the largest counter is a valid reading: taken, and moved past without overflow.
                let pushed = try await transport.push(
                    PushRequest(sentAt: now, clock: HybridTimestamp(milliseconds: now + 60_000, counter: .max), entries: [entry]))
                #expect(pushed.results.map(\.outcome) == [.appended])
                #expect(pushed.clock > HybridTimestamp(milliseconds: now + 60_000, counter: .max))
                #expect(try await hub.highWaterMark("kp-edge") == 1)
                _ = try await transport.hello()
            }
        }
    }
}
