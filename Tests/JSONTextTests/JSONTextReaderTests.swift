import Foundation
import JSONText
import Testing

@Suite("JSON text reader")
struct JSONTextReaderTests {
    /// Runs `body` on a reader over `text`; `nil` when it throws or leaves text unread.
    static func read<T>(_ text: String, _ body: (inout JSONTextReader) throws(JSONTextReader.Malformed) -> T) -> T? {
        read(Array(text.utf8), body)
    }

    static func read<T>(_ bytes: [UInt8], _ body: (inout JSONTextReader) throws(JSONTextReader.Malformed) -> T) -> T? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONTextReader(buffer)
            guard let value = try? body(&reader), reader.atEnd else { return nil }
            return value
        }
    }

    @Test("numbers: strict JSON grammar, doubles as Foundation parses them, integers only where integers are read")
    func numbers() {
        for text in ["0", "-0", "12.5", "1e3", "-2.5E+3", "1.0e-7", "123456.789", "0.1"] {
            #expect(Self.read(text) { (r) throws(JSONTextReader.Malformed) in try r.double() } == Double(text), "\(text)")
        }
        for text in ["01", "1.", ".5", "-", "1e", "+1", "1e+", "--1", "1e400", "NaN"] {
            #expect(Self.read(text) { (r) throws(JSONTextReader.Malformed) in try r.double() } == nil, "\(text)")
        }
        #expect(Self.read("9223372036854775807") { (r) throws(JSONTextReader.Malformed) in try r.integer() } == Int64.max)
        for text in ["9223372036854775808", "1.5", "1e2", "01"] {
            #expect(Self.read(text) { (r) throws(JSONTextReader.Malformed) in try r.integer() } == nil, "\(text)")
        }
        // An unknown key's value is skipped only if it is a valid number.
        #expect(Self.read(#"{"n":01}"#) { (r) throws(JSONTextReader.Malformed) in try r.skipValue() } == nil)
        #expect(Self.read(#"{"n":[1,-2.5e+3,{"a":null}]}"#) { (r) throws(JSONTextReader.Malformed) in try r.skipValue() } != nil)
    }

    @Test("strings: every escape and surrogate pair decoded; raw control characters and invalid UTF-8 refused")
    func strings() {
        let text = #""q\" b\\ s\/ \b\f\n\r\t \u00e9\u4E2D \ud83c\udfef 趟栊""#
        #expect(Self.read(text) { (r) throws(JSONTextReader.Malformed) in try r.string() }
            == "q\" b\\ s/ \u{8}\u{C}\n\r\t é中 🏯 趟栊")
        for bad in [#""tab\#there""#, #""\x""#, #""\u12""#, #""\ud83c""#, #""\udfef""#, #""open"#] {
            #expect(Self.read(bad) { (r) throws(JSONTextReader.Malformed) in try r.string() } == nil, "\(bad)")
        }
        let invalid: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
        #expect(Self.read(invalid) { (r) throws(JSONTextReader.Malformed) in try r.string() } == nil)
        let invalidEscaped: [UInt8] = [0x22, 0x5C, 0x6E, 0xFF, 0x22]
        #expect(Self.read(invalidEscaped) { (r) throws(JSONTextReader.Malformed) in try r.string() } == nil)
    }

    @Test("random strings with escapes, as Foundation writes them, read back; a raw control character after an escape is refused")
    func randomEscapedStrings() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "趟栊", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{1F}", "🏯", "é", " ", "{\"k\":\"v\"}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let json = try JSONEncoder().encode([text])
            let read = Self.read(Array(json)) { (r) throws(JSONTextReader.Malformed) in
                var strings: [String] = []
                try r.array { (r) throws(JSONTextReader.Malformed) in strings.append(try r.string()) }
                return strings
            }
            #expect(read == [text], "\(String(decoding: json, as: UTF8.self))")
        }
        for bad in ["\"a\\nb\tc\"", "\"\\\"\u{1}\"", "\"\\u00e9\u{0}x\""] {
            #expect(Self.read(bad) { (r) throws(JSONTextReader.Malformed) in try r.string() } == nil, "\(bad)")
        }
    }

    @Test("a repeated key is refused through SeenKeys; other keys in any order")
    func repeatedKeys() {
        func keys(_ text: String) -> [String]? {
            Self.read(text) { (r) throws(JSONTextReader.Malformed) in
                var seen = SeenKeys(), found: [String] = []
                try r.object { (r, key) throws(JSONTextReader.Malformed) in
                    try seen.insert(key == "a" ? 0 : 1)
                    found.append(key)
                    try r.skipValue()
                }
                return found
            }
        }
        #expect(keys(#" { "b" : 1 , "a" : [ ] } "#) == ["b", "a"])
        #expect(keys(#"{"a":1,"a":2}"#) == nil)
        #expect(keys(#"{"a":1,}"#) == nil)
    }
}
