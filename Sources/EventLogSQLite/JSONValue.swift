import Foundation

/// A parsed JSON value, compared the way PostgreSQL compares `jsonb`: object key order and whitespace do not matter,
/// numbers compare by value (`1` equals `1.0`), strings compare by Unicode scalars, booleans are not numbers.
enum JSONValue: Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Decimal)
    /// A number too large for `Decimal`.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Whether two JSON texts hold the same value; texts that do not parse are the same only when byte-equal.
    static func sameJSON(_ lhs: Data, _ rhs: Data) -> Bool {
        if lhs == rhs { return true }
        let decoder = JSONDecoder()
        guard let left = try? decoder.decode(JSONValue.self, from: lhs),
              let right = try? decoder.decode(JSONValue.self, from: rhs)
        else { return false }
        return left == right
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Decimal.self) {
            self = .number(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            // Dictionary keys compare by canonical equivalence; compare them by scalars too.
            a.count == b.count && a.allSatisfy { key, value in
                guard let index = b.index(forKey: key) else { return false }
                return b[index].key.unicodeScalars.elementsEqual(key.unicodeScalars) && b[index].value == value
            }
        default: false
        }
    }
}
