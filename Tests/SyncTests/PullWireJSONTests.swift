import Foundation
import Sync
import Testing

/// The hand-written coder of the pull batch against Foundation's: the same text shape, the same values back.
@Suite("Pull batch JSON")
struct PullWireJSONTests {
    static let awkward = "引号\"反斜杠\\斜杠/换行\n回车\r制表\t\u{08}\u{0C}\u{01}\u{1F}𠀋😀 end"

    /// `awkward` as the inside of a JSON string literal.
    static let awkwardInJSON: String = {
        let backslashes: String = awkward.replacingOccurrences(of: "\\", with: "\\\\")
        return backslashes.replacingOccurrences(of: "\"", with: "\\\"")
    }()

    static func response(events: Int = 3) -> PullResponse {
        let list = (0..<events).map { (index: Int) -> WireEvent in
            let title: String = "\(index) " + awkwardInJSON
            return WireEvent(
                id: UUID(), stream: "archiveitem-W-\(index)", version: Int64(index + 1), position: Int64(1000 + index),
                cursor: "\(1000 + index).\(1000 + index)", type: "archive.item-contributed", schemaVersion: 1,
                payload: #"{"title":""# + title + #"","n":-12}"#,
                metadata: #"{"county":"440783","actor":{"kind":"kiosk","id":"k-1"}}"#,
                recordedAt: index == 1 ? nil : 1_780_000_000_000 + Int64(index))
        }
        return PullResponse(epoch: "e-1", county: "440783", events: list, next: "1002.1002", more: true, hubTime: -5)
    }

    @Test("the hand-written text decodes with JSONDecoder to the same batch, and Foundation's text with the hand-written reader")
    func bothWays() throws {
        let response = Self.response()
        let fromFast = try JSONDecoder().decode(PullResponse.self, from: response.wireJSON())
        #expect(fromFast.events == response.events)
        #expect(fromFast.epoch == response.epoch && fromFast.county == response.county && fromFast.next == response.next)
        #expect(fromFast.more == response.more && fromFast.hubTime == response.hubTime)
        let foundation = try SyncJSON.encoder.encode(response)
        let fromFoundation = try PullResponse(wireJSON: foundation)
        #expect(fromFoundation.events == response.events)
        #expect(fromFoundation.hubTime == -5 && fromFoundation.more)
        #expect(try PullResponse(wireJSON: response.wireJSON()).events == response.events)
    }

    @Test("strings survive every escape; the text parses to what JSONEncoder writes")
    func escapes() throws {
        let event = WireEvent(id: UUID(), stream: "s-1", version: 1, type: Self.awkward, schemaVersion: 2, payload: "{}", metadata: "{}")
        let response = PullResponse(epoch: "e", county: "c", events: [event], next: "0.0", more: false, hubTime: 0)
        let fast = response.wireJSON()
        #expect(try PullResponse(wireJSON: fast).events == [event])
        let foundation = try SyncJSON.encoder.encode(response)
        #expect(try JSONSerialization.jsonObject(with: fast) as? NSDictionary == JSONSerialization.jsonObject(with: foundation) as? NSDictionary)
    }

    @Test("any key order, whitespace, unknown keys, \\u escapes and nulls are read; malformed text is refused")
    func tolerant() throws {
        let id = UUID()
        let text = """
             { "hubTime" : 7 , "more":false, "extra": {"a":[1, 2.5e3, null, true, "x"]},
               "events" : [ { "metadata":"{}", "payload":"{\\"k\\":\\"\\u00e9\\ud83d\\ude00\\/\\"}", "schemaVersion":3,
                 "type":"t", "version":2, "stream":"s", "id":"\(id.uuidString.lowercased())", "position":null,
                 "cursor":null, "recordedAt":null, "future":"ignored" } ],
               "next":"5.5", "county":"440783", "epoch":"e" }
            """
        let response = try PullResponse(wireJSON: Data(text.utf8))
        #expect(response.events.count == 1)
        #expect(response.events[0].id == id)
        #expect(response.events[0].payload == #"{"k":"é😀/"}"#)
        #expect(response.events[0].position == nil && response.events[0].recordedAt == nil)
        #expect(response.hubTime == 7 && !response.more && response.next == "5.5")
        for broken in ["", "{", #"{"epoch":"e"}"#, #"{"epoch":"e","county":"c","events":[],"next":"n","more":false,"hubTime":1}x"#] {
            #expect(throws: (any Error).self, "\(broken)") { try PullResponse(wireJSON: Data(broken.utf8)) }
        }
    }

    @Test("a repeated key is decided by JSONDecoder: the same batch or the same refusal", arguments: [
        #"{"epoch":"a","epoch":"b","county":"c","events":[],"next":"n","more":false,"hubTime":1}"#,
        #"{"epoch":"e","county":"c","events":[{"id":"6BA7B810-9DAD-11D1-80B4-00C04FD430C8","stream":"s","stream":"t","version":1,"type":"x","schemaVersion":1,"payload":"{}","metadata":"{}"}],"next":"n","more":false,"hubTime":1}"#,
    ])
    func repeatedKeys(text: String) {
        let hand = Result { try PullResponse(wireJSON: Data(text.utf8)) }
        let foundation = Result { try JSONDecoder().decode(PullResponse.self, from: Data(text.utf8)) }
        switch (hand, foundation) {
        case (.success(let a), .success(let b)):
            #expect(a.epoch == b.epoch && a.events == b.events)
        case (.failure, .failure): break
        default: Issue.record("\(text): \(hand) against \(foundation)")
        }
    }
}
