import EventLog
import Foundation
import Testing

@Suite("Event metadata read by hand")
struct MetadataReadingTests {
    static let full = EventMetadata(
        actor: ActorRef(role: "kiosk", id: "K-\"1\"\n"), deviceID: "K-1", deviceSequence: 9_007_199_254_740_993,
        clock: HybridTimestamp(milliseconds: 1_795_000_000_123, counter: 4_294_967_295),
        deviceTime: Date(timeIntervalSince1970: 1_795_000_000.125), correlationID: UUID(),
        causationID: UUID(), county: "440783")

    /// Foundation's reading of the same text, as the log read metadata before.
    static func foundation(_ text: String) throws -> EventMetadata {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
        }
        return try decoder.decode(EventMetadata.self, from: Data(text.utf8))
    }

    @Test("every field, as the log writes it, reads back as written and as JSONDecoder reads it")
    func everyField() throws {
        let text = String(decoding: EventLogJSON.encode(Self.full), as: UTF8.self)
        #expect(try EventLogJSON.decodeMetadata(Data(text.utf8)) == Self.full)
        #expect(try Self.foundation(text) == Self.full)
    }

    @Test("the log writes metadata in the bytes JSONEncoder writes (sorted keys, milliseconds), awkward text included")
    func writtenAsTheEncoderWrites() throws {
        var metadata = Self.full
        metadata.actor = ActorRef(role: "curator", id: "\"陈\\n\" /\n\t\u{1}🏯")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        #expect(EventLogJSON.encode(metadata) == (try encoder.encode(metadata)))
        #expect(EventLogJSON.encode(EventMetadata()) == Data("{}".utf8))
    }

    @Test("other key order, whitespace, explicit nulls and unknown keys read as JSONDecoder reads them")
    func reformatted() throws {
        let text = #"""
            { "unknown": {"x": [1.5e3, null]}, "county": null, "actor": {"id": "chen", "extra": true, "role": "curator"},
              "deviceSequence": 12, "clock": {"counter": 3, "milliseconds": 99}, "deviceTime": "2026-11-27T20:00:00.250Z",
              "correlationID": "6ba7b810-9dad-11d1-80b4-00c04fd430c8" }
            """#
        let metadata = try EventLogJSON.decodeMetadata(Data(text.utf8))
        #expect(metadata == (try Self.foundation(text)))
        #expect(metadata.actor == ActorRef(role: "curator", id: "chen") && metadata.clock?.counter == 3)
    }

    @Test("what the hand-written reader refuses, JSONDecoder decides", arguments: [
        #"{"county":"440783","county":"440113"}"#,  // a repeated key
        #"{"correlationID":"not-a-uuid"}"#,
        #"{"clock":{"counter":-1,"milliseconds":1}}"#,
        #"{"deviceSequence":1.5}"#,
        #"{"actor":{"role":"admin"}}"#,
    ])
    func refusals(text: String) {
        let hand = Result { try EventLogJSON.decodeMetadata(Data(text.utf8)) }
        let foundation = Result { try Self.foundation(text) }
        switch (hand, foundation) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("\(text): \(hand) against \(foundation)")
        }
    }
}
