import Commands
import Domain
import EventLog
import Foundation
import Sync
import Testing

/// SYNC.md case 3: two kiosks and the hub edit the same item while partitioned.
@Suite("Partitioned concurrent edits")
struct ConcurrentEditTests {
    @Test("both edits are kept (rebased or a conflict record) and every replica converges to the same state")
    func converge() async throws {
        try await S.withHub { hub in
            try await hub.run(S.registerZili)
            try await hub.run(S.registerItem("I-1", title: "铭石楼"), S.chen)
            try await S.withKiosks { directory in
                let a = try await TestKiosk.make(directory, hub: hub, id: "kp-a")
                let b = try await TestKiosk.make(directory, hub: hub, id: "kp-b")
                try await a.sync()
                try await b.sync()

                // Partitioned: the hub, kiosk A and kiosk B each change item I-1.
                try await hub.run(S.revise("I-1", "铭石楼（hub）"), S.chen)
                let curatorAtA = Actor.curator("li", county: S.kaiping)
                try await a.record(S.revise("I-1", "铭石楼（A）"), curatorAtA)
                try await a.record(S.attach("I-1", "m-a"), curatorAtA)
                try await b.record(S.attach("I-1", "m-b"), curatorAtA)
                try await b.record(S.attach("I-1", "m-a"), curatorAtA)  // the same media id as A's: refused after A's

                let syncA = try await a.sync()
                #expect(syncA.conflicts == 1)  // A's revision: the hub revised the description meanwhile
                #expect(syncA.rebased == 1)  // A's media: re-decided on the newer stream, still holds
                let syncB = try await b.sync()
                #expect(syncB.rebased == 1)  // m-b
                #expect(syncB.conflicts == 1)  // m-a again: ALREADY_EXISTS on the hub
                try await hub.converge([a, b])

                let hubLog = try await hub.countyLog()
                let conflicts = hubLog.filter { $0.type == SyncRecords.conflictType }
                #expect(conflicts.count == 2)
                let records = try conflicts.map { try JSONDecoder().decode(SyncRecords.ConflictRecord.self, from: $0.payload) }
                #expect(Set(records.map(\.code)) == ["CONCURRENT_EDIT", ErrorCode.alreadyExists])
                // Nothing recorded is dropped: A's revision is in its conflict record, whole.
                let revision = try #require(records.first { $0.code == "CONCURRENT_EDIT" })
                #expect(revision.events.first?.payload.contains("铭石楼（A）") == true)

                // Every replica converges: same events in the same order, same item state.
                #expect(try await a.log().map(\.id) == hubLog.map(\.id))
                #expect(try await b.log().map(\.id) == hubLog.map(\.id))
                let onHub = try await AggregateLoader(store: hub.store).load(ArchiveItem.self, id: "I-1").state
                let onA = try await AggregateLoader(store: a.database.replica).load(ArchiveItem.self, id: "I-1").state
                let onB = try await AggregateLoader(store: b.database.replica).load(ArchiveItem.self, id: "I-1").state
                #expect(onHub == onA && onA == onB)
                #expect(onHub.media.map(\.mediaID).sorted() == ["m-a", "m-b"])
                #expect(onHub.description.title[LanguageTag(rawValue: "zh-Hans")!] == "铭石楼（hub）")
            }
        }
    }
}
