import JSONText

/// The benchmark's generated payloads as values, rendered by the project's ``JSONTextWriter`` (much faster than
/// `JSONEncoder` for a million events).
enum BenchJSON {
    indirect enum Value {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
        case array([Value])
        case object([(String, Value)])
    }

    static func render(_ value: Value) -> String {
        var writer = JSONTextWriter()
        write(value, to: &writer)
        return writer.text
    }

    static func write(_ value: Value, to writer: inout JSONTextWriter) {
        switch value {
        case .string(let text): writer.string(text)
        case .int(let number): writer.integer(number)
        case .double(let number): writer.number(String(number))
        case .bool(let flag): writer.bool(flag)
        case .array(let values):
            writer.openArray()
            for element in values { write(element, to: &writer) }
            writer.closeArray()
        case .object(let fields):
            writer.openObject()
            for (key, element) in fields {
                writer.key(key)
                write(element, to: &writer)
            }
            writer.closeObject()
        }
    }
}

extension BenchJSON.Value: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
}
