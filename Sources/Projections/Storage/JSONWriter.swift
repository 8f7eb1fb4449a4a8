import Foundation

/// A JSON text written field by field, for the few documents written so often that Foundation's `JSONEncoder` was
/// most of a rebuild's cost (item snapshots, history entries).
///
/// It writes **byte for byte what ``ReadModelJSON`` writes** (Foundation's encoder with sorted keys and unescaped
/// slashes), so stored documents keep one format whichever wrote them. Rules for a caller:
/// - write an object's keys in the encoder's order: sorted by their UTF-8 bytes (`"A" < "_x" < "a10" < "a9"`);
/// - leave out a key whose optional value is `nil` (synthesized `Codable` uses `encodeIfPresent`);
/// - a type given its own writer gets a test comparing it with `ReadModelJSON.encode` on fully populated values.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value or key needs a comma before it.
    private var needsComma = false

    init(capacity: Int = 1_024) { bytes.reserveCapacity(capacity) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func openObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func openArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An object's key; the value written next is its value.
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func integer<I: BinaryInteger>(_ value: I) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A finite double as the encoder writes it: whole numbers without a fraction (`30`, `-0`), others in their
    /// shortest form (`12.5`); anything unusual (huge, tiny, not finite) through the encoder itself.
    mutating func double(_ value: Double) throws {
        let text: String
        if value == 0 {
            text = value.sign == .minus ? "-0" : "0"
        } else if value.rounded() == value, abs(value) < 1e15 {
            text = String(Int64(value))
        } else if value.isFinite, abs(value) >= 1e-4, abs(value) < 1e15 {
            text = value.description
        } else {
            text = try ReadModelJSON.encode(value)
        }
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    /// A date as ``ReadModelJSON`` writes dates: ISO 8601 in UTC with milliseconds.
    mutating func date(_ value: Date) {
        string(value.formatted(ReadModelJSON.withMilliseconds))
    }

    /// A `[String: String]` as the encoder writes a dictionary: an object with sorted keys.
    mutating func stringMap(_ map: [String: String]) {
        openObject()
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            self.key(key)
            string(map[key]!)
        }
        closeObject()
    }

    mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
