import Domain
import EventLog
import Foundation
import Hub
import Sync
import Testing

/// A curator's entry from a kiosk is applied only when the token the curator signed in with at the kiosk proves it:
/// the kiosk's word is not enough.
@Suite("Curator tokens on kiosk entries")
struct CuratorTokenTests {
    static let li = Actor.curator("li", county: S.kaiping)
    static let day: TimeInterval = 24 * 3600

    @Test("entries with a token of their curator, issued by this hub, are applied — also after it expired, within 30 days")
    func provenEntries() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerItem("CT-1"), S.chen)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-curator")
                try await kiosk.sync()
                try await kiosk.recorder.record(S.revise("CT-1", "一"), curator: try await hub.signIn(Self.li))
                let expired = try await hub.signIn(Self.li, lifetime: .seconds(3600), now: Date().addingTimeInterval(-2 * Self.day))
                try await kiosk.recorder.record(S.attach("CT-1", "m-1"), curator: expired)

                let summary = try await kiosk.sync()
                #expect(summary.appended == 2 && summary.conflicts == 0, "\(summary)")
                let item = try await hub.store.readStream(try StreamID("item-CT-1"))
                #expect(item.count == 3)
                #expect(item.dropFirst().allSatisfy { $0.metadata.actor?.id == "li" && $0.metadata.actor?.role == "curator" })
            }
        }
    }

    @Test("a curator's entry without a token, with another curator's, another hub's, or one expired over 30 days ago is a conflict record; no token reaches the log")
    func unprovenEntries() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerItem("CT-2"), S.chen)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-forger")
                try await kiosk.sync()
                let otherHub = try await StaffTokens(key: StaffTokens.randomKey())
                let forged = try CuratorSignIn(token: try await otherHub.issue(subject: "li", role: .curator, county: S.kaiping.rawValue))
                let stale = try await hub.signIn(Self.li, now: Date().addingTimeInterval(-40 * Self.day))
                try await kiosk.recorder.record(S.revise("CT-2", "伪"), curator: forged)
                try await kiosk.recorder.record(S.attach("CT-2", "m-old"), curator: stale)
                #expect(try await kiosk.sync().conflicts == 2)

                // Entries no well-behaved kiosk sends: a curator without a token, and li's entry with chen's token.
                let recorded = try await kiosk.database.outboxEntries(after: 0, limit: 10, maxBytes: .max)
                var withoutToken = recorded[1]
                withoutToken.seq = 3
                withoutToken.commandID = UUID()
                withoutToken.curatorToken = nil
                var borrowed = recorded[1]
                borrowed.seq = 4
                borrowed.commandID = UUID()
                borrowed.curatorToken = try await hub.signIn(S.chen).token
                let response = try await RawClient(transport: try await kiosk.transport()).push([withoutToken, borrowed])
                #expect(response.results.map(\.outcome) == [.conflict, .conflict])
                #expect(response.results.map(\.code) == ["CURATOR_UNVERIFIED", "CURATOR_UNVERIFIED"])
                #expect(response.results[1].message?.contains("chen") == true)

                #expect(try await hub.store.streamVersion(try StreamID("item-CT-2")) == 1)
                let records = try await hub.countyLog().filter { $0.type == SyncRecords.conflictType }.map {
                    try JSONDecoder().decode(SyncRecords.ConflictRecord.self, from: $0.payload)
                }
                #expect(records.map(\.seq) == [1, 2, 3, 4])
                #expect(records.allSatisfy { $0.code == "CURATOR_UNVERIFIED" && $0.field == "actor" })
                let tokens = recorded.compactMap(\.curatorToken) + [borrowed.curatorToken!]
                for event in try await Logs.all(hub.store) {
                    let text = String(decoding: event.payload + event.metadataJSON, as: UTF8.self)
                    #expect(!tokens.contains { text.contains($0) })
                }
            }
        }
    }

    @Test("a kiosk refuses to record for a curator of another county, or with what is not a curator token")
    func refusedAtTheKiosk() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await S.withKiosks { directory in
                let kiosk = try await TestKiosk.make(directory, hub: hub, id: "kp-local")
                try await kiosk.sync()
                let panyu = try await hub.signIn(.curator("wu", county: S.panyu))
                let error = await #expect(throws: SyncError.self) {
                    try await kiosk.recorder.record(S.contribute("CT-3"), curator: panyu)
                }
                #expect(error?.code == "COUNTY_FORBIDDEN" && error?.field == "curatorToken")
                #expect(try await kiosk.database.outboxEntries(after: 0, limit: 10, maxBytes: .max).isEmpty)
                let admin = try await hub.tokens.issue(subject: "ada", role: .admin)
                for token in ["not-a-token", admin] {
                    #expect(throws: SyncError.self) { try CuratorSignIn(token: token) }
                }
            }
        }
    }
}
