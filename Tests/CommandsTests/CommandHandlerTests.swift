import Commands
import Domain
import EventLog
import Foundation
import TestSupport
import Testing

@Suite("Command handler")
struct CommandHandlerTests {
    @Test("a refused command appends nothing")
    func refusalAppendsNothing() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili)
            let before = try await C.allEvents(store)
            let unknownVillage = DomainCommand.item(.register(ArchiveItem.Register(
                itemID: "I-1", villageID: "nowhere", kind: .photo, description: .init(title: ["zh-Hans": "铭石楼"]))))
            let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await handler.handle(C.request(unknownVillage))
            }
            guard case .rejected(let refusal)? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(refusal.code == ErrorCode.unknownVillage)
            #expect(error?.code == ErrorCode.unknownVillage)
            #expect(error?.field == "villageID")
            #expect(try await C.allEvents(store).count == before.count)
            #expect(try await store.streamVersion(C.stream("item-I-1")) == 0)

            let badID = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await handler.handle(C.request(C.registerItem("has space")))
            }
            #expect(badID?.code == ErrorCode.invalidID)
        }
    }

    @Test("a concurrent write on the same stream is absorbed by re-deciding")
    func reDecidesAfterConflict() async throws {
        try await TestDatabase.withStore { store, _ in
            let setup = CommandHandler(store: store)
            try await C.run(setup, C.registerZili)
            try await C.run(setup, C.registerItem("I-1"))
            let racing = InterferingStore(store, times: 1) {
                _ = try await setup.handle(C.request(C.revise("I-1", "铭石楼（旧照）"), C.li))
            }
            let outcome = try await CommandHandler(store: racing).handle(C.request(C.revise("I-1", "铭石楼")))
            #expect(outcome.retries == 1)
            #expect(racing.conflicts == 1)
            #expect(outcome.results.first?.lastVersion == 3)
            let item = try await AggregateLoader(store: store).load(ArchiveItem.self, id: "I-1")
            #expect(item.version == 3)
            #expect(item.state.description.title == ["zh-Hans": "铭石楼"])

            // Really concurrent: ten revisions without an expected version all land.
            let handler = CommandHandler(store: store, maxAttempts: 20)
            let retries = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<10 {
                    group.addTask { try await handler.handle(C.request(C.revise("I-1", "铭石楼 \(n)"))).retries }
                }
                return try await group.reduce(0, +)
            }
            #expect(try await store.streamVersion(C.stream("item-I-1")) == 13)
            print("10 concurrent revisions: \(retries) retries")
        }
    }

    @Test("when every attempt loses the race, the handler gives up with .conflict")
    func retriesExhausted() async throws {
        try await TestDatabase.withStore { store, _ in
            let setup = CommandHandler(store: store)
            try await C.run(setup, C.registerZili)
            try await C.run(setup, C.registerItem("I-1"))
            let racing = InterferingStore(store, times: 100) {
                _ = try await setup.handle(C.request(C.revise("I-1", "别人的修改"), C.li))
            }
            let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await CommandHandler(store: racing, maxAttempts: 3).handle(C.request(C.revise("I-1", "我的修改")))
            }
            guard case .conflict(let conflict)? = error, case .wrongExpectedVersion(let stream, _, _) = conflict else {
                Issue.record("expected .conflict, got \(String(describing: error))")
                return
            }
            #expect(stream.rawValue == "item-I-1")
            #expect(error?.code == "WRONG_EXPECTED_VERSION")
            #expect(error?.isConflict == true)
            #expect(racing.conflicts == 3)
            let events = try await store.readStream(C.stream("item-I-1"))
            #expect(events.count == 4)  // registered + the three winning revisions; none of ours
            #expect(events.allSatisfy { $0.metadata.actor?.id != "chen" || $0.version == 1 })
        }
    }

    @Test("a stale expectedVersion is refused with VERSION_CONFLICT, without re-deciding")
    func expectedVersion() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili)
            try await C.run(handler, C.registerItem("I-1"))
            try await C.run(handler, C.revise("I-1", "第二版"))
            let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await handler.handle(C.request(C.revise("I-1", "基于第一版"), expectedVersion: 1))
            }
            #expect(error?.code == "VERSION_CONFLICT")
            #expect(error?.field == "expectedVersion")
            #expect(error?.isConflict == true)
            #expect(try await store.streamVersion(C.stream("item-I-1")) == 2)

            let outcome = try await handler.handle(C.request(C.revise("I-1", "基于第二版"), expectedVersion: 2))
            #expect(outcome.results.first?.lastVersion == 3)

            // A concurrent write between load and append is also a VERSION_CONFLICT, not a silent re-decision.
            let racing = InterferingStore(store, times: 1) {
                _ = try await handler.handle(C.request(C.revise("I-1", "抢先"), C.li))
            }
            let raced = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await CommandHandler(store: racing).handle(C.request(C.revise("I-1", "落后"), expectedVersion: 3))
            }
            #expect(raced?.code == "VERSION_CONFLICT")
            #expect(try await store.streamVersion(C.stream("item-I-1")) == 4)
        }
    }

    @Test("a repeated command with the same commandID is answered with the original positions")
    func idempotentRepeat() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            let id = UUID()
            let first = try await handler.handle(C.request(C.registerZili, commandID: id))
            #expect(!first.wasDuplicate)
            let events = try await C.allEvents(store)
            #expect(events.map(\.id) == [DeterministicEventID.make(commandID: id, index: 0)])

            // The decider would now refuse (ALREADY_EXISTS): the handler answers from the log instead.
            let again = try await handler.handle(C.request(C.registerZili, commandID: id))
            #expect(again.positions == first.positions)
            #expect(again.wasDuplicate)
            #expect(again.eventTypes == first.eventTypes)
            #expect(try await C.allEvents(store).count == events.count)

            // Without a commandID the repeat is decided again and refused.
            let refused = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await handler.handle(C.request(C.registerZili))
            }
            #expect(refused?.code == ErrorCode.alreadyExists)

            // A multi-stream command: AcceptOffer twice, concurrently.
            try await ExclusivityRaceTests.market(
                handler, item: "I-1", suffix: "1",
                offerA: (["HK"], "2026-01-01", "2028-12-31"), offerB: (["MO"], "2026-01-01", "2028-12-31"))
            let acceptID = UUID()
            let request = C.request(C.accept("LA-1", "O-1", deal: "DA-1"), commandID: acceptID)
            let before = try await C.allEvents(store).count
            let outcomes = try await withThrowingTaskGroup(of: CommandOutcome.self) { group in
                for _ in 0..<3 { group.addTask { try await handler.handle(request) } }
                return try await Array(group)
            }
            #expect(Set(outcomes.map(\.positions)).count == 1)
            #expect(outcomes[0].streamIDs.map(\.rawValue) == ["listing-LA-1", "deal-DA-1", "rights-I-1"])
            #expect(outcomes[0].positions.count == 3)
            let after = try await C.allEvents(store)
            #expect(after.count == before + 3)
            let repeated = try await handler.handle(request)
            #expect(repeated.positions == outcomes[0].positions)
            #expect(repeated.wasDuplicate)
            #expect(try await C.allEvents(store).count == after.count)
        }
    }

    @Test("metadata: actor, county, correlation and causation, kiosk fields")
    func metadata() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili, C.admin)
            try await C.run(handler, .device(.register(.init(
                deviceID: "K-1", county: "440783", station: "塘口镇文化站", credentialFingerprint: "sha256:" + C.sha))))
            let correlation = UUID()
            let causation = UUID()
            let recordedAt = C.now.addingTimeInterval(-3600)
            let clock = HybridTimestamp(milliseconds: 1_779_996_400_000, counter: 2)
            let request = CommandRequest(
                command: .item(.contribute(ArchiveItem.Contribute(
                    itemID: "K-1-0007", villageID: "zili", kind: .photo, description: .init(title: ["yue-Hant": "祖屋"]),
                    visitorNote: "ignore previous instructions"))),
                context: CommandContext(actor: C.kiosk, now: recordedAt), correlationID: correlation,
                causationID: causation, deviceID: "K-1", deviceSequence: 7, clock: clock, deviceTime: recordedAt)
            let outcome = try await handler.handle(request)
            let event = try #require(try await store.readStream(C.stream("item-K-1-0007")).first)
            #expect(outcome.positions == [event.position])
            #expect(event.metadata.actor == ActorRef(role: "kiosk", id: "K-1"))
            #expect(event.metadata.county == "440783")
            #expect(event.metadata.correlationID == correlation)
            #expect(event.metadata.causationID == causation)
            #expect(event.metadata.deviceID == "K-1")
            #expect(event.metadata.deviceSequence == 7)
            #expect(event.metadata.clock == clock)
            #expect(event.metadata.deviceTime.map { abs($0.timeIntervalSince(recordedAt)) < 0.001 } == true)
            #expect(event.schemaVersion == ArchiveItem.Event.schemaVersion)

            // Every event carries its county: the village's (admin has none), the device's.
            let all = try await C.allEvents(store)
            #expect(all.count == 3)
            #expect(all.allSatisfy { $0.metadata.county == "440783" })
            #expect(all.first?.metadata.actor == ActorRef(role: "admin", id: "ada"))
            // The county filter kiosks pull with finds them.
            #expect(try await C.allEvents(store, filter: LogFilter(county: "440783")).count == 3)
        }
    }

    @Test("loading upcasts: a v1 ItemRegistered written by hand is read as v2, and commands decide against it")
    func upcastingOnLoad() async throws {
        try await TestDatabase.withStore { store, _ in
            let handler = CommandHandler(store: store)
            try await C.run(handler, C.registerZili)
            // Take a real v2 payload, rename the item and turn the title back into the v1 plain string.
            try await C.run(handler, C.registerItem("template"))
            let template = try #require(try await store.readStream(C.stream("item-template")).first)
            var object = try #require(try JSONSerialization.jsonObject(with: template.payload) as? [String: Any])
            var description = try #require(object["description"] as? [String: Any])
            description["title"] = "光禄第"
            object["description"] = description
            object["itemID"] = "OLD-1"
            let v1 = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            _ = try await store.append(
                [NewEvent(type: "archive.item-registered", schemaVersion: 1, payload: v1,
                          metadata: EventMetadata(actor: ActorRef(role: "curator", id: "chen"), county: "440783"))],
                to: C.stream("item-OLD-1"), expected: .noStream)

            let loaded = try await AggregateLoader(store: store).load(ArchiveItem.self, id: "OLD-1")
            #expect(loaded.version == 1)
            #expect(loaded.state.exists)
            #expect(loaded.state.description.title == ["zh-Hans": "光禄第"])
            #expect(loaded.state.county == C.kaiping)

            let outcome = try await C.run(handler, .item(.assignRights(.init(itemID: "OLD-1", rights: Rights(
                uri: "http://rightsstatements.org/vocab/InC/1.0/", holder: "自力村委会", attribution: "© 自力村委会")))))
            #expect(outcome.results.first?.lastVersion == 2)
        }
    }

    @Test("a stored event that cannot be decoded is a store error, not a refusal")
    func undecodableEvent() async throws {
        try await TestDatabase.withStore { store, _ in
            _ = try await store.append(
                [NewEvent(type: "archive.item-teleported", payload: Data(#"{"itemID":"X"}"#.utf8))],
                to: C.stream("item-X"), expected: .noStream)
            let error = await commandError { () async throws(CommandError) -> CommandOutcome in
                try await CommandHandler(store: store).handle(C.request(C.revise("X", "t")))
            }
            guard case .store? = error else {
                Issue.record("expected .store, got \(String(describing: error))")
                return
            }
            #expect(error?.code == ErrorCode.unknownEventType)
        }
    }
}
