import EventLog

/// A tiny JSON writer for the benchmark's generated payloads (much faster than `JSONEncoder` for a million events).
enum JSONText {
    indirect enum Value {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
        case array([Value])
        case object([(String, Value)])
    }

    static func render(_ value: Value) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: Value, into out: inout String) {
        switch value {
        case .string(let text): out += EventLogJSON.quoted(text)
        case .int(let number): out += String(number)
        case .double(let number): out += String(number)
        case .bool(let flag): out += flag ? "true" : "false"
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                write(element, into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, (key, element)) in fields.enumerated() {
                if index > 0 { out += "," }
                out += EventLogJSON.quoted(key)
                out += ":"
                write(element, into: &out)
            }
            out += "}"
        }
    }
}

extension JSONText.Value: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// A small deterministic random generator (SplitMix64), so that every benchmark run appends the same log.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
