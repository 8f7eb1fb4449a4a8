import Foundation
import JSONText
import PropertyBased
import Testing

@testable import Domain

/// The hand-written village payload readers against `JSONDecoder`: the same event wherever both read, and the slow
/// path's answer wherever the reader refuses.
@Suite("Village event payloads read by hand")
struct VillageEventReadingTests {
    static func fast(_ type: String, _ payload: Data) -> Village.Event? {
        JSONTextReader.read(payload) { (reader) throws(JSONTextReader.Malformed) in try Village.Event.read(type, from: &reader) }
    }

    static func slow(_ type: String, _ payload: Data) throws -> Village.Event {
        try Village.Event.decodeWithJSONDecoder(eventType: type, data: payload)
    }

    @Test("every village event type of a whole scenario reads as JSONDecoder reads it")
    func everyEventType() throws {
        try expectEveryEventTypeReadByHand(try Recorder.everything().villages, fast: Self.fast, slow: Self.slow)
    }

    @Test("random names, absent optionals and fractional coordinates read as JSONDecoder reads them")
    func randomPayloads() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...999).array(of: 8...12)) { picks in
            let text = { (i: Int) in ArchiveEventReadingTests.text(picks.dropFirst(i)) }
            let location = Coordinates(latitude: Double(picks[0]) / 7 - 71, longitude: Double(picks[1]) / 3.3 - 150)
            let event: Village.Event = picks[2] % 2 == 0
                ? .registered(.init(
                    villageID: "v-\(picks[3])", names: ["zh-Hans": text(0), "en": text(1)], county: CountyCode("440783"),
                    town: picks[4] % 2 == 0 ? [:] : ["yue-Hant": text(2)], location: location))
                : .revised(.init(
                    villageID: "v-\(picks[3])", names: picks[4] % 3 == 0 ? nil : ["zh-Hans": text(3)],
                    town: picks[5] % 3 == 0 ? nil : ["en": text(4)], location: picks[6] % 2 == 0 ? nil : location))
            guard let payload = try? event.encodedPayload() else { Issue.record("not encodable: \(event)"); return }
            let read = Self.fast(event.eventType, payload)
            #expect(read == event, "\(String(decoding: payload, as: UTF8.self))")
            #expect((try? Self.slow(event.eventType, payload)) == read)
        }
    }

    @Test("what the reader refuses is decided by JSONDecoder: the same event or the same EVENT_PAYLOAD_INVALID")
    func refusalsFallBack() throws {
        let type = Village.Event.EventType.revised
        let refused = [
            #"{"names":{"en":"Zili"}}"#,  // the village missing
            #"{"villageID":"zili","villageID":"zili"}"#,  // a repeated key
            #"{"villageID":"zili","location":{"latitude":"22","longitude":112}}"#,  // a string for a number
            #"{"villageID":"zili","location":{"latitude":22}}"#,  // a coordinate missing
            #"{"villageID":"zili","names":{"en":1}}"#,  // a number for a text
        ]
        expectRefusedAndDecidedByJSONDecoder(
            refused, fast: { Self.fast(type, $0) },
            decode: { try Village.Event.decode(eventType: type, schemaVersion: 1, payload: $0) }, slow: { try Self.slow(type, $0) })
        let integers = Data(#"{"villageID":"zili","location":{"longitude":112,"latitude":22},"names":null}"#.utf8)
        let read = try #require(Self.fast(type, integers))
        #expect(read == .revised(.init(villageID: "zili", names: nil, town: nil, location: .init(latitude: 22, longitude: 112))))
        #expect(try Self.slow(type, integers) == read)
    }
}
