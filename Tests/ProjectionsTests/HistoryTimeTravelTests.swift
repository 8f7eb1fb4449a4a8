@testable import Domain
import EventLog
import Foundation
import Projections
import Testing
import TestSupport

@Suite("Item history and time travel, on PostgreSQL and SQLite")
struct HistoryTimeTravelTests {
    @Test("the item as of a position or a time says what it said then; the history names event, actor, device, time", arguments: Backend.allCases)
    func timeTravel(_ backend: Backend) async throws {
        try await Harness.with(backend) { store, storage, _ in
            let stream = P.itemStream("t-1")
            let first = try await P.append(store, stream, [
                try P.item(P.registered("t-1", title: ["zh-Hans": "旧标题"], description: ["zh-Hans": "第一版"])),
            ])
            try await Task.sleep(for: .milliseconds(30))
            let between = Date()
            try await Task.sleep(for: .milliseconds(30))
            let second = try await P.append(store, stream, [
                try P.item(P.revised("t-1", title: ["zh-Hans": "新标题", "en": "New title"]), actor: ActorRef(role: "kiosk", id: "K-1"), deviceID: "K-1"),
            ])
            try await Harness.catchUp([ItemHistoryProjection()], store: store, storage: storage, to: second.lastCursor)
            let models = ReadModels(storage: storage, store: store)

            let thenByPosition = try await models.itemAsOf("t-1", position: first.positions[0])
            #expect(thenByPosition.state.description.title == ["zh-Hans": "旧标题"])
            #expect(thenByPosition.events.count == 1)
            let thenByTime = try await models.itemAsOf("t-1", time: between)
            #expect(thenByTime.state.description.title == ["zh-Hans": "旧标题"])
            #expect(thenByTime.state.description.description == ["zh-Hans": "第一版"])
            let thenByCursor = try await models.itemAsOf("t-1", cursor: first.lastCursor)
            #expect(thenByCursor.state.description.title == ["zh-Hans": "旧标题"])
            let now = try await models.itemAsOf("t-1", position: second.positions[0])
            #expect(now.state.description.title == ["zh-Hans": "新标题", "en": "New title"])
            let before = try await models.itemAsOf("t-1", time: Date(timeIntervalSince1970: 0))
            #expect(before.state.status == .nonexistent)

            let history = try await models.itemHistory("t-1")
            #expect(history.map(\.eventType) == [ArchiveItem.Event.EventType.registered, ArchiveItem.Event.EventType.descriptionRevised])
            #expect(history.map(\.actor) == ["curator:chen", "kiosk:K-1"])
            #expect(history.map(\.deviceID) == [nil, "K-1"])
            #expect(history[0].recordedAt < between && history[1].recordedAt > between)
            #expect(history.map(\.position) == [first.positions[0], second.positions[0]])
        }
    }
}
