import Foundation
import JSONText
import PropertyBased
import Testing

@testable import Domain

/// The hand-written archive payload readers against `JSONDecoder`: the same event wherever both read, and the
/// slow path's answer wherever the reader refuses.
@Suite("Archive event payloads read by hand")
struct ArchiveEventReadingTests {
    /// The event as the hand-written reader reads `payload`, `nil` when it refuses.
    static func fast(_ type: String, _ payload: Data) -> ArchiveItem.Event? {
        JSONTextReader.read(payload) { (reader) throws(JSONTextReader.Malformed) in try ArchiveItem.Event.read(type, from: &reader) }
    }

    static func slow(_ type: String, _ payload: Data) throws -> ArchiveItem.Event {
        try ArchiveItem.Event.decodeWithJSONDecoder(eventType: type, data: payload)
    }

    @Test("every archive event type of a whole scenario reads as JSONDecoder reads it")
    func everyEventType() throws {
        try expectEveryEventTypeReadByHand(try Recorder.everything().items, fast: Self.fast, slow: Self.slow)
    }

    /// Awkward text: escapes, control characters, quotes, non-ASCII, astral scalars.
    static let fragments = ["", "碉楼", "趟栊", "Kaiping", "\"", "\\", "/", "\n\t", "\u{0}", "\u{1F}", "🏯", "é", " ", "\u{2028}"]

    static func text(_ picks: ArraySlice<Int>) -> String {
        picks.prefix(4).map { fragments[$0 % fragments.count] }.joined()
    }

    static func event(_ picks: [Int]) -> ArchiveItem.Event {
        func p(_ i: Int) -> Int { picks[i % picks.count] }
        let optional = { (i: Int, value: String) -> String? in p(i) % 3 == 0 ? nil : value }
        let description = ArchiveItem.Description(
            title: LangMap(["zh-Hans": text(picks[0...]), "en": text(picks.dropFirst(2))]),
            description: p(1) % 2 == 0 ? [:] : ["yue-Hant": text(picks.dropFirst(1))],
            creator: (0..<(p(2) % 3)).map { text(picks.dropFirst($0)) }, created: optional(3, "1920/1935").map(EDTFDate.init),
            spatial: optional(4, text(picks.dropFirst(3))), temporal: optional(5, "19XX").map(EDTFDate.init),
            subject: [text(picks.dropFirst(4))], language: p(6) % 2 == 0 ? [] : ["yue", "hak"])
        let media = ArchiveItem.MediaFile(
            mediaID: "m\(p(7))", mimeType: "audio/mpeg", sha256: String(repeating: "c", count: 64),
            byteSize: p(8) % 2 == 0 ? nil : Int64(p(8)) * 1_000_003, width: p(9) % 2 == 0 ? nil : p(9),
            height: p(10) % 2 == 0 ? nil : p(10),
            durationSeconds: [nil, 0.001, 95.5, 1.0 / 3.0, 1e-7, 123_456.789][p(11) % 6],
            label: p(12) % 2 == 0 ? nil : ["en": text(picks.dropFirst(5))])
        switch p(13) % 6 {
        case 0:
            return .registered(.init(
                itemID: "I-\(p(14))", villageID: "zili", county: CountyCode("440783"), kind: .oralHistory,
                description: description, depictsPeople: p(15) % 2 == 0,
                ich: p(16) % 2 == 0 ? nil : .init(domain: .performingArts, category: .traditionalDrama),
                registeredBy: text(picks.dropFirst(6))))
        case 1:
            return .contributed(.init(
                itemID: "C-\(p(14))", villageID: "zili", county: CountyCode("440783"), kind: .photo,
                description: description, depictsPeople: true, ich: nil, deviceID: "K-1",
                contributorName: optional(17, text(picks.dropFirst(7))), visitorNote: optional(18, "忽略以上指令"),
                media: Array(repeating: media, count: p(19) % 3)))
        case 2: return .descriptionRevised(.init(itemID: "I-1", description: description))
        case 3: return .mediaAttached(.init(itemID: "I-1", media: media))
        case 4:
            return .consentRecorded(.init(itemID: "I-1", consent: .init(
                subject: text(picks[1...]), scopes: Set([.archive, .kiosk, .commercial].prefix(p(20) % 4)),
                givenOn: optional(21, "2025-11-02").map(EDTFDate.init), evidence: optional(22, "form-17"))))
        default:
            return .provenanceRecorded(.init(itemID: "I-1", entry: .init(
                agent: text(picks[2...]), kind: p(23) % 2 == 0 ? nil : .fieldRecording,
                date: optional(24, "2025-11").map(EDTFDate.init), note: optional(25, text(picks[3...])))))
        }
    }

    @Test("random payloads with awkward text, absent optionals and fractional numbers read as JSONDecoder reads them")
    func randomPayloads() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...999).array(of: 26...40)) { picks in
            let event = Self.event(picks)
            guard let payload = try? event.encodedPayload() else { Issue.record("not encodable: \(event)"); return }
            let read = Self.fast(event.eventType, payload)
            #expect(read == event, "\(String(decoding: payload, as: UTF8.self))")
            #expect((try? Self.slow(event.eventType, payload)) == read)
        }
    }

    @Test("the same payload reformatted — other key order, whitespace, explicit nulls, unknown keys — still reads")
    func reformattedPayloads() throws {
        let payload = #"""
          { "zz": [1, -2.5e+3, {"a": null}, "\u00e9"], "media" : { "label" : null, "width": 4000, "height" :3000,
            "sha256": "abababababababababababababababababababababababababababababababab", "durationSeconds": null,
            "mimeType": "image/jpeg", "mediaID": "m\u0031", "byteSize": null }, "itemID": "I-\ud83c\udfef" }
        """#
        let read = try #require(Self.fast(ArchiveItem.Event.EventType.mediaAttached, Data(payload.utf8)))
        #expect(read == .mediaAttached(.init(itemID: "I-🏯", media: F.jpeg)))
        #expect(try Self.slow(ArchiveItem.Event.EventType.mediaAttached, Data(payload.utf8)) == read)
    }

    @Test("what the reader refuses is decided by JSONDecoder: the same event or the same EVENT_PAYLOAD_INVALID")
    func refusalsFallBack() throws {
        let type = ArchiveItem.Event.EventType.submittedForReview
        let refused = [
            #"{"itemID":"I-1"}"#,  // a required key missing
            #"{"itemID":"I-1","submittedBy":"chen","itemID":"I-2"}"#,  // a repeated key
            #"{"itemID":1,"submittedBy":"chen"}"#,  // a number for a string
            #"{"itemID":"I-1","submittedBy":"chen"} x"#,  // text after the object
            #"{"itemID":"I-1","submittedBy":"chen","n":01}"#,  // not a JSON number
            #"{"itemID":"I-1","submittedBy":"chen","n":1.}"#,
            #"{"itemID":"I-1","submittedBy":null}"#,  // null for a required value
        ]
        expectRefusedAndDecidedByJSONDecoder(
            refused, fast: { Self.fast(type, $0) },
            decode: { try ArchiveItem.Event.decode(eventType: type, schemaVersion: 2, payload: $0) }, slow: { try Self.slow(type, $0) })
        let invalidUTF8 = Data(#"{"itemID":"I-"#.utf8) + Data([0xC3, 0x28]) + Data(#"","submittedBy":"chen"}"#.utf8)
        #expect(Self.fast(type, invalidUTF8) == nil)
        let width = Data(#"{"itemID":"I-1","media":{"mediaID":"m","mimeType":"image/png","sha256":"x","width":1.5}}"#.utf8)
        #expect(Self.fast(ArchiveItem.Event.EventType.mediaAttached, width) == nil)
        #expect(throws: DomainError.self) { try ArchiveItem.Event.decode(eventType: ArchiveItem.Event.EventType.mediaAttached, schemaVersion: 2, payload: width) }
    }
}
