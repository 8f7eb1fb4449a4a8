/// Reads JSON text from a byte buffer, one value at a time: the hand-written decoders of the texts read so often that
/// Foundation's `JSONDecoder` was most of their cost (the sync pull batch, event payloads and metadata).
///
/// Rules: it accepts strict JSON (RFC 8259) — any whitespace, any key order, unknown keys skipped — and throws
/// ``Malformed`` on anything else, including invalid UTF-8 and numbers that are not integers where an integer is
/// read. It is only ever
/// used with a fallback to Foundation's `JSONDecoder`, which then decides (and words the error); so a text this reader
/// refuses is never lost, only decoded the slow way. The buffer must outlive the reader (use it inside
/// `withUnsafeBytes`).
package struct JSONTextReader {
    package struct Malformed: Error {
        package init() {}
    }

    private let input: UnsafeBufferPointer<UInt8>
    package private(set) var index = 0

    package init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    package var atEnd: Bool {
        mutating get {
            skipWhitespace()
            return index == input.count
        }
    }

    package mutating func skipWhitespace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    package mutating func peek() throws(Malformed) -> UInt8 {
        skipWhitespace()
        guard index < input.count else { throw Malformed() }
        return input[index]
    }

    package mutating func expect(_ byte: UInt8) throws(Malformed) {
        guard try peek() == byte else { throw Malformed() }
        index += 1
    }

    /// Consumes `byte` when it comes next.
    package mutating func consume(_ byte: UInt8) throws(Malformed) -> Bool {
        guard try peek() == byte else { return false }
        index += 1
        return true
    }

    /// Calls `body` with each key of an object, positioned at its value; `body` must read or skip the value.
    package mutating func object(_ body: (inout JSONTextReader, String) throws(Malformed) -> Void) throws(Malformed) {
        try expect(0x7B)
        if try consume(0x7D) { return }
        repeat {
            let key = try string()
            try expect(0x3A)
            try body(&self, key)
        } while try consume(0x2C)
        try expect(0x7D)
    }

    /// Calls `body` positioned at each element of an array.
    package mutating func array(_ body: (inout JSONTextReader) throws(Malformed) -> Void) throws(Malformed) {
        try expect(0x5B)
        if try consume(0x5D) { return }
        repeat {
            try body(&self)
        } while try consume(0x2C)
        try expect(0x5D)
    }

    /// `true` (consumed) when the next value is `null`.
    package mutating func null() throws(Malformed) -> Bool {
        guard try peek() == 0x6E else { return false }
        try literal("null")
        return true
    }

    package mutating func bool() throws(Malformed) -> Bool {
        switch try peek() {
        case 0x74: try literal("true"); return true
        case 0x66: try literal("false"); return false
        default: throw Malformed()
        }
    }

    package mutating func integer() throws(Malformed) -> Int64 {
        _ = try peek()
        var negative = false
        if input[index] == 0x2D {
            negative = true
            index += 1
        }
        let start = index
        var value: Int64 = 0
        while index < input.count, input[index] &- 0x30 < 10 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(input[index] &- 0x30))
            guard !overflow1, !overflow2 else { throw Malformed() }
            value = sum
            index += 1
        }
        guard index > start, index - start == 1 || input[start] != 0x30 else { throw Malformed() }
        if index < input.count, input[index] == 0x2E || input[index] == 0x65 || input[index] == 0x45 { throw Malformed() }
        return negative ? -value : value
    }

    package mutating func string() throws(Malformed) -> String {
        try expect(0x22)
        let start = index
        while index < input.count {
            let byte = input[index]
            if byte == 0x22 {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
                else { throw Malformed() }
                index += 1
                return text
            }
            if byte == 0x5C || byte < 0x20 { break }
            index += 1
        }
        return try escapedString(from: start)
    }

    /// The slow path of ``string()``: a string with escapes, from its first byte after the quote. The runs between
    /// escapes are copied whole (an event's payload embedded in the sync batch is mostly such runs).
    private mutating func escapedString(from start: Int) throws(Malformed) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(index - start + 256)
        var run = start
        while index < input.count {
            let byte = input[index]
            guard byte == 0x22 || byte == 0x5C || byte < 0x20 else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<index]))
            index += 1
            switch byte {
            case 0x22:
                guard let text = String(validating: bytes, as: UTF8.self) else { throw Malformed() }
                return text
            case 0x5C:
                guard index < input.count else { throw Malformed() }
                let escaped = input[index]
                index += 1
                switch escaped {
                case 0x22, 0x5C, 0x2F: bytes.append(escaped)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "u"): try unicodeEscape(into: &bytes)
                default: throw Malformed()
                }
                run = index
            default:
                throw Malformed()
            }
        }
        throw Malformed()
    }

    /// After `\u`: four hex digits, or a surrogate pair of two escapes; appends the scalar as UTF-8.
    private mutating func unicodeEscape(into bytes: inout [UInt8]) throws(Malformed) {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < input.count, input[index] == 0x5C, input[index + 1] == UInt8(ascii: "u") else { throw Malformed() }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw Malformed()
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Malformed() }
        bytes.append(contentsOf: UTF8.encode(unicode)!)
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard index + 4 <= input.count else { throw Malformed() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = input[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Skips one value of any kind (for unknown keys).
    package mutating func skipValue() throws(Malformed) {
        switch try peek() {
        case 0x7B: try object { (reader, _) throws(Malformed) in try reader.skipValue() }
        case 0x5B: try array { (reader) throws(Malformed) in try reader.skipValue() }
        case 0x22: _ = try string()
        case 0x74, 0x66: _ = try bool()
        case 0x6E: _ = try null()
        default: try skipNumber()
        }
    }

    /// A number (any JSON number) as a `Double`; throws for one too large to be finite.
    package mutating func double() throws(Malformed) -> Double {
        let range = try numberRange()
        guard let text = String(validating: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self),
              let value = Double(text), value.isFinite
        else { throw Malformed() }
        return value
    }

    private mutating func skipNumber() throws(Malformed) { _ = try numberRange() }

    /// Consumes a number of strict JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func numberRange() throws(Malformed) -> Range<Int> {
        _ = try peek()
        let start = index
        func digits(_ reader: inout JSONTextReader) -> Int {
            let first = reader.index
            while reader.index < reader.input.count, reader.input[reader.index] &- 0x30 < 10 { reader.index += 1 }
            return reader.index - first
        }
        if input[index] == 0x2D { index += 1 }
        let integerStart = index
        let integerDigits = digits(&self)
        guard integerDigits > 0, integerDigits == 1 || input[integerStart] != 0x30 else { throw Malformed() }
        if index < input.count, input[index] == 0x2E {
            index += 1
            guard digits(&self) > 0 else { throw Malformed() }
        }
        if index < input.count, input[index] == 0x65 || input[index] == 0x45 {
            index += 1
            if index < input.count, input[index] == 0x2B || input[index] == 0x2D { index += 1 }
            guard digits(&self) > 0 else { throw Malformed() }
        }
        return start..<index
    }

    private mutating func literal(_ text: StaticString) throws(Malformed) {
        let count = text.utf8CodeUnitCount
        guard index + count <= input.count else { throw Malformed() }
        let matches = text.withUTF8Buffer { expected in
            (0..<count).allSatisfy { input[index + $0] == expected[$0] }
        }
        guard matches else { throw Malformed() }
        index += count
    }
}
