import EventLog
import Foundation
import JSONText
import Testing

@Suite("JSON text writer")
struct JSONTextWriterTests {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    @Test("strings are escaped byte for byte as JSONEncoder escapes them: every control character, quotes, backslash, slash, non-ASCII")
    func stringsAsTheEncoderWritesThem() throws {
        let awkward = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self) + #"quote " back \ slash / 趟栊 Kaiping 🏯"#
        var writer = JSONTextWriter()
        writer.string(awkward)
        #expect(writer.text == String(decoding: try Self.encoder.encode(awkward), as: UTF8.self))
    }

    private struct Document: Encodable {
        var a: Int
        var b: [String]
        var c: Bool
        var d: [String: Int]
    }

    @Test("objects and arrays get their commas and colons where the encoder puts them")
    func nesting() throws {
        var writer = JSONTextWriter()
        writer.openObject()
        writer.key("a")
        writer.integer(-12)
        writer.key("b")
        writer.openArray()
        for text in ["x", "", "y"] { writer.string(text) }
        writer.closeArray()
        writer.key("c")
        writer.bool(false)
        writer.key("d")
        writer.openObject()
        writer.key("k")
        writer.integer(7)
        writer.closeObject()
        writer.closeObject()
        let expected = try Self.encoder.encode(Document(a: -12, b: ["x", "", "y"], c: false, d: ["k": 7]))
        #expect(writer.text == String(decoding: expected, as: UTF8.self))
    }
}
