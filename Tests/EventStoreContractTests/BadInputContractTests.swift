import EventLog
import Foundation
import Testing
import TestSupport

@Suite("EventStore contract: bad input is refused with a typed error and appends nothing")
struct BadInputContractTests {
    static func badAppends() -> [(String, AppendRequest, String)] {
        let stream = try! StreamID("test-bad")
        let huge = Data(("{\"text\":\"" + String(repeating: "村", count: NewEvent.maxPayloadBytes / 3 + 10) + "\"}").utf8)
        let repeated = EventFixtures.event()
        return [
            ("an empty append", AppendRequest(streamID: stream, expected: .any, events: []), "EMPTY_APPEND"),
            ("a JSON array payload", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", payload: Data("[1,2]".utf8))]), "PAYLOAD_NOT_JSON_OBJECT"),
            ("a JSON string payload", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", payload: Data("\"x\"".utf8))]), "PAYLOAD_NOT_JSON_OBJECT"),
            ("a payload that is not JSON", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", payload: Data("{oops".utf8))]), "PAYLOAD_NOT_JSON_OBJECT"),
            ("a payload that is not UTF-8", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", payload: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]))]), "PAYLOAD_NOT_JSON_OBJECT"),
            ("a payload over the limit", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", payload: huge)]), "PAYLOAD_TOO_LARGE"),
            ("an empty event type", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "", payload: Data("{}".utf8))]), "INVALID_EVENT_TYPE"),
            ("an event type with spaces", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "drop table", payload: Data("{}".utf8))]), "INVALID_EVENT_TYPE"),
            ("schema version 0", AppendRequest(streamID: stream, expected: .any, events: [NewEvent(type: "t", schemaVersion: 0, payload: Data("{}".utf8))]), "INVALID_SCHEMA_VERSION"),
            ("one id twice in a batch", AppendRequest(streamID: stream, expected: .any, events: [repeated, repeated]), "DUPLICATE_EVENT_ID"),
            ("too many events", AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(AppendRequest.maxEvents + 1)), "TOO_MANY_EVENTS"),
        ]
    }

    @Test("malformed appends", arguments: StoreKind.allCases)
    func malformedAppends(kind: StoreKind) async throws {
        try await kind.withStore { store in
            for (name, request, code) in Self.badAppends() {
                do {
                    _ = try await store.append(request)
                    Issue.record("\(name) was accepted")
                } catch let error as EventLogError {
                    #expect(error.code == code, "\(name)")
                    #expect(error.field != nil && !error.message.isEmpty, "\(name)")
                }
            }
            let stream = EventFixtures.stream()
            await #expect(throws: EventLogError.repeatedStream(stream)) {
                _ = try await store.appendAtomically([
                    AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(1)),
                    AppendRequest(streamID: stream, expected: .any, events: EventFixtures.events(1)),
                ])
            }
            #expect(try await SettledLog.readAll(store).isEmpty)
        }
    }

    @Test("stream ids: empty, over-long, with whitespace or control characters")
    func streamIDs() {
        for bad in ["", String(repeating: "x", count: StreamID.maxUTF8Length + 1), "item 1", "item-\n", "item-\u{0}",
                    String(repeating: "村", count: 67)] {
            #expect(throws: EventLogError.self) { try StreamID(bad) }
        }
        #expect((try? StreamID(String(repeating: "x", count: StreamID.maxUTF8Length)))?.category == String(repeating: "x", count: 200))
        #expect((try? StreamID("item-沙湾-1"))?.category == "item")
    }

    @Test("expected versions: only the known forms parse")
    func expectedVersionForms() throws {
        #expect(try ExpectedVersion(parsing: "any") == .any)
        #expect(try ExpectedVersion(parsing: "no_stream") == .noStream)
        #expect(try ExpectedVersion(parsing: "stream_exists") == .streamExists)
        #expect(try ExpectedVersion(parsing: "17") == .exact(17))
        for bad in ["", "-1", "latest", "1.5", "99999999999999999999", " 1"] {
            #expect(throws: EventLogError.invalidExpectedVersion(bad)) { try ExpectedVersion(parsing: bad) }
        }
    }
}
