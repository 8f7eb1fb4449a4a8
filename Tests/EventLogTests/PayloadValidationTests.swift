import EventLog
import Foundation
import Testing

@Suite("Payload validation and metadata JSON")
struct PayloadValidationTests {
    @Test("well-formed JSON objects are accepted", arguments: [
        #"{}"#, #" { "a" : 1 } "#, #"{"a":[1,2.5,-3e10,0,-0.0,1E+2,true,false,null,{"b":"c"}]}"#,
        #"{"t":"趟栊 \"门\" \\ \/ \b\f\n\r\t \u00e9\u4E2D"}"#, "{\"a\":\n[]\t}",
    ])
    func accepted(json: String) {
        #expect(NewEvent(type: "t", payload: Data(json.utf8)).isValidPayload)
    }

    @Test("anything else is refused", arguments: [
        "", " ", "[]", "1", "\"x\"", "null", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\":01}",
        "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"tab\there\"}", "{\"a\":1}{}", "{\"a\":1} x", "{a:1}", "{'a':1}", "{\"a\":[1,]}", "{\"a\":NaN}",
        String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600),
    ])
    func refused(json: String) {
        #expect(!NewEvent(type: "t", payload: Data(json.utf8)).isValidPayload)
    }

    @Test("invalid UTF-8 is refused")
    func invalidUTF8() {
        #expect(!NewEvent(type: "t", payload: Data([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D])).isValidPayload)
    }

    @Test("metadata strings with quotes, escapes, control characters and Chinese survive their JSON form")
    func metadataEscaping() throws {
        let metadata = EventMetadata(
            actor: ActorRef(role: "curator", id: "\"陈\\n\" \n\t\u{1}"), deviceID: "站/01", county: "440113")
        let json = EventLogJSON.encode(metadata)
        #expect(try JSONSerialization.jsonObject(with: json) is [String: Any])
        #expect(try EventLogJSON.decodeMetadata(json) == metadata)
        #expect(EventLogJSON.encode(EventMetadata()) == Data("{}".utf8))
    }
}

extension NewEvent {
    fileprivate var isValidPayload: Bool {
        do {
            try validate()
            return true
        } catch {
            return false
        }
    }
}
