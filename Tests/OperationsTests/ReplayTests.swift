import Domain
import EventLog
import Foundation
import Operations
import Projections
import Testing
import TestSupport

@Suite("cunshi replay: a stream's history and its state at a moment, on PostgreSQL and SQLite")
struct ReplayTests {
    @Test("replay until a position or a time shows what the item said then, with who, where and when", arguments: Backend.allCases)
    func itemAsItWas(_ backend: Backend) async throws {
        try await AdminHarness.with(backend) { db in
            let stream = try F.itemStream("kp-001")
            let first = try await db.store.append(
                [try F.item(F.registered("kp-001", title: ["zh-Hans": "旧标题", "en": "Old title"]))], to: stream, expected: .noStream)
            try await Task.sleep(for: .milliseconds(30))
            let between = Date()
            try await Task.sleep(for: .milliseconds(30))
            let second = try await db.store.append(
                [try F.item(F.revised("kp-001", title: ["zh-Hans": "新标题"]), actor: ActorRef(role: "kiosk", id: "K-7"), deviceID: "K-7")],
                to: stream, expected: .exact(1))

            let byPosition = try await StreamReplay.replay(stream, until: .position(first.positions[0]), store: db.store)
            #expect(byPosition.events.map(\.type) == ["archive.item-registered"])
            #expect(byPosition.laterEvents == 1)
            #expect(byPosition.item?.description.title == ["zh-Hans": "旧标题", "en": "Old title"])
            #expect(byPosition.item?.status == .draft)

            let byTime = try await StreamReplay.replay(
                stream, until: try ReplayPoint.parse(until: HubTime.text(between), position: nil), store: db.store)
            #expect(byTime.item?.description.title == ["zh-Hans": "旧标题", "en": "Old title"])

            let now = try await StreamReplay.replay(stream, until: .end, store: db.store)
            #expect(now.item?.description.title == ["zh-Hans": "新标题"])
            #expect(now.events.map(\.actor) == ["curator:chen", "kiosk:K-7"])
            #expect(now.events.map(\.deviceID) == [nil, "K-7"])
            #expect(now.events.map(\.position) == [first.positions[0], second.positions[0]])
            #expect(now.events[1].summary == "description revised: 新标题")

            let text = now.text
            #expect(text.contains("stream item-kp-001 — all 2 events"))
            #expect(text.contains("kiosk:K-7") && text.contains("K-7") && text.contains("description revised: 新标题"))
            #expect(text.contains("title [zh-Hans]") && text.contains("新标题"))
            #expect(text.contains(HubTime.text(now.events[0].recordedAt)))

            let before = try await StreamReplay.replay(
                stream, until: try ReplayPoint.parse(until: "2020-01-01", position: nil), store: db.store)
            #expect(before.events.isEmpty && before.laterEvents == 2 && before.item?.status == .nonexistent)
            #expect(before.text.contains("did not exist yet"))

            let json = try byPosition.json()
            #expect(json.contains(#""point" : "position \#(first.positions[0])""#))
            #expect(json.contains(#""title" : {"#) && json.contains("旧标题"))
        }
    }

    @Test("other streams list their events up to the point; a stream with no events is an error", arguments: Backend.allCases)
    func otherStreams(_ backend: Backend) async throws {
        try await AdminHarness.with(backend) { db in
            try await F.history(db.store)
            let village = try await StreamReplay.replay(try StreamID("village-zili"), until: .end, store: db.store)
            #expect(village.item == nil)
            #expect(village.events.map(\.summary) == ["registered: 自力村 (county 440783)"])
            #expect(village.events[0].payload != nil)
            await #expect(throws: OperationsError.emptyStream("item-nope")) {
                try await StreamReplay.replay(try StreamID("item-nope"), until: .end, store: db.store)
            }
            let odd = try await db.store.append([EventFixtures.event("test.other")], to: try StreamID("misc-1"), expected: .any)
            let misc = try await StreamReplay.replay(try StreamID("misc-1"), until: .position(odd.positions[0]), store: db.store)
            #expect(misc.events.map(\.summary) == ["(not a domain event)"])
        }
    }

    @Test("bad --stream, --until and --position values are clear errors, never a crash")
    func badArguments() throws {
        #expect(throws: OperationsError.self) { try StreamReplay.streamID("has space") }
        #expect(throws: OperationsError.self) { try StreamReplay.streamID("") }
        for bad in ["0", "-3", "1.5", "abc", "", "99999999999999999999"] {
            #expect(throws: OperationsError.self, "\(bad)") { try ReplayPoint.parse(until: nil, position: bad) }
        }
        #expect(throws: OperationsError.self) { try ReplayPoint.parse(until: "2026-05-01", position: "3") }
        #expect(try ReplayPoint.parse(until: nil, position: " 42 ") == .position(42))
        #expect(try ReplayPoint.parse(until: nil, position: nil) == .end)
    }
}
