import Domain
import EventLog
import Foundation
import Synchronization
import Testing

@testable import Sync

@Suite("Kiosk pull: the next batch is asked for as soon as the hub names it, ahead of the body")
struct PullAheadTests {
    @Test("the hub names an unfinished pull's next cursor in a header, and no cursor on the last batch")
    func hubNamesTheNextCursor() async throws {
        try await S.withHub { hub in
            try await S.withKiosks { directory in
                try await Self.fill(hub)
                let transport = try await TestKiosk.make(directory, hub: hub, id: "kp-hint").transport()
                let hints = Hints()
                var cursor = HubCursor.start.token, batches = 0
                while true {
                    let batch = try await transport.pull(PullRequest(cursor: cursor, maxEvents: 5, maxBytes: 1 << 20)) { hints.add($0) }
                    batches += 1
                    #expect(hints.taken() == (batch.more ? [batch.next] : []))
                    guard batch.more else { break }
                    cursor = batch.next
                }
                #expect(batches >= 3)
            }
        }
    }

    @Test("the kiosk asks for the next batch before the current one has reached it, and ends with the hub's county log")
    func kioskAsksAhead() async throws {
        try await S.withHub { hub in
            try await S.withKiosks { directory in
                try await Self.fill(hub)
                var kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-ahead")
                kiosk.options.pullEvents = 5
                let transport = HoldingFirstAnswer(base: try await kiosk.transport())
                let summary = try await KioskSyncClient(database: kiosk.database, transport: transport, options: kiosk.options).sync()
                #expect(summary.pullBatches >= 3)
                // The first answer was held back until the second batch was asked for — which the kiosk did on the
                // hub's hint; asking only after applying the first batch, it would have waited out the hold.
                #expect(transport.secondAskedWhileFirstHeld)
                #expect(try await kiosk.log().map(\.id) == hub.countyLog().map(\.id))
            }
        }
    }

    /// A village and twelve items of Kaiping: 13 events of the county, three or more batches of 5.
    static func fill(_ hub: TestHub) async throws {
        _ = try await hub.run(S.registerZili)
        for number in 0..<12 { _ = try await hub.run(S.registerItem("ahead-\(number)")) }
        try await hub.settle()
    }
}

/// Hints a pull gave, in order.
private final class Hints: Sendable {
    private let seen = Mutex<[String]>([])
    func add(_ hint: String) { seen.withLock { $0.append(hint) } }
    func taken() -> [String] {
        seen.withLock { seen in
            defer { seen.removeAll() }
            return seen
        }
    }
}

/// The real transport, except that the first pull's answer is held back until another pull has been asked for
/// (at most 5 s).
private final class HoldingFirstAnswer: SyncTransport {
    let base: HTTPSyncTransport
    private let state = Mutex((pulls: 0, secondAskedWhileFirstHeld: false))

    init(base: HTTPSyncTransport) { self.base = base }

    var secondAskedWhileFirstHeld: Bool { state.withLock { $0.secondAskedWhileFirstHeld } }

    func hello() async throws(SyncError) -> HelloResponse { try await base.hello() }
    func push(_ request: PushRequest) async throws(SyncError) -> PushResponse { try await base.push(request) }
    func pull(_ request: PullRequest) async throws(SyncError) -> PullResponse {
        try await pull(request) { _ in }
    }

    func pull(_ request: PullRequest, nextHint: @escaping @Sendable (String) -> Void) async throws(SyncError) -> PullResponse {
        let number = state.withLock { state in
            state.pulls += 1
            return state.pulls
        }
        let answer = try await base.pull(request, nextHint: nextHint)
        guard number == 1 else { return answer }
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if state.withLock({ $0.pulls }) > 1 {
                state.withLock { $0.secondAskedWhileFirstHeld = true }
                break
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return answer
    }
}
