import Domain
import Foundation

/// Strict decoding of request bodies: a body is accepted only when it is valid UTF-8, valid JSON, an object,
/// decodes as `T`, and has no member `T` does not know. Every failure is a 400 ``APIError`` — never a 500:
///
/// | failure | code | field |
/// |---|---|---|
/// | not UTF-8, not JSON, nested too deep, a number no double can hold | `INVALID_JSON` | `null` |
/// | a value of the wrong JSON type, an enum value not on the list, a number out of range (`1e30` for an integer) | `WRONG_TYPE` | path |
/// | a required member missing, or `null` where a value is required | `MISSING_FIELD` | path |
/// | a member the command does not have | `UNKNOWN_FIELD` | path |
///
/// Unknown members are found by encoding the decoded value again and comparing member names recursively with the
/// raw JSON (objects member by member, arrays element by element). Limitation: an unknown member whose value is
/// `null` cannot be told from an optional member left out, and is accepted.
public enum StrictJSON {
    public static func decode<T: Codable>(_ type: T.Type, from data: Data) throws(APIError) -> T {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw .badRequest("INVALID_JSON", "the body is not valid UTF-8")
        }
        let raw: JSONValue
        do {
            raw = try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw .badRequest("INVALID_JSON", "the body is not valid JSON: \(summary(of: error))")
        }
        guard case .object = raw else {
            throw .badRequest("WRONG_TYPE", "the body must be a JSON object")
        }
        let value: T
        do {
            value = try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                // The text parsed as JSON above, so a path-less "not valid JSON" from the typed decoder is a number
                // it cannot hold (1e30 or 1.5 for an integer): point at the likeliest one.
                let field = suspiciousNumber(in: raw, path: "")
                throw .badRequest("WRONG_TYPE", field: field, "\(describe(field ?? "")) is not a number this member can hold (an integer within ±9.2e18 where one is expected)")
            }
            throw map(error)
        } catch {
            throw .badRequest("INVALID_JSON", "the body could not be read: \(error)")
        }
        let known: JSONValue
        do {
            known = try decoder.decode(JSONValue.self, from: encoder.encode(value))
        } catch {
            return value  // cannot happen for the command types; decoding already succeeded
        }
        if let unknown = firstUnknownMember(raw: raw, known: known, path: "") {
            throw .badRequest("UNKNOWN_FIELD", field: unknown, "'\(unknown)' is not a member of this request; remove it")
        }
        return value
    }

    /// Dates are ISO 8601, with or without fractional seconds.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an ISO 8601 date-time such as 2026-05-01T08:00:00Z")
        }
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func firstUnknownMember(raw: JSONValue, known: JSONValue, path: String) -> String? {
        switch (raw, known) {
        case (.object(let rawMembers), .object(let knownMembers)):
            for key in rawMembers.keys.sorted() {
                let memberPath = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = knownMembers[key] else {
                    if rawMembers[key] == .null { continue }
                    return memberPath
                }
                if let found = firstUnknownMember(raw: rawMembers[key] ?? .null, known: knownValue, path: memberPath) {
                    return found
                }
            }
            return nil
        case (.array(let rawElements), .array(let knownElements)) where rawElements.count == knownElements.count:
            for (index, element) in rawElements.enumerated() {
                if let found = firstUnknownMember(raw: element, known: knownElements[index], path: "\(path)[\(index)]") {
                    return found
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// The path of the first number that no `Int64` holds exactly — out of range first, then fractional.
    static func suspiciousNumber(in value: JSONValue, path: String) -> String? {
        var fractional: String?
        func walk(_ value: JSONValue, _ path: String) -> String? {
            switch value {
            case .number(let number):
                if !(number.magnitude < 9.2e18) { return path }
                if fractional == nil, number.rounded() != number { fractional = path }
                return nil
            case .object(let members):
                for key in members.keys.sorted() {
                    if let found = walk(members[key]!, path.isEmpty ? key : "\(path).\(key)") { return found }
                }
                return nil
            case .array(let elements):
                for (index, element) in elements.enumerated() {
                    if let found = walk(element, "\(path)[\(index)]") { return found }
                }
                return nil
            default:
                return nil
            }
        }
        return walk(value, path) ?? fractional
    }

    static func map(_ error: DecodingError) -> APIError {
        switch error {
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .badRequest("WRONG_TYPE", field: field.isEmpty ? nil : field, "\(describe(field)) must be \(jsonName(type))")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .badRequest("MISSING_FIELD", field: field.isEmpty ? nil : field, "\(describe(field)) is required and may not be null")
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .badRequest("MISSING_FIELD", field: field, "'\(field)' is required")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty { return .badRequest("INVALID_JSON", "the body is not valid JSON: \(context.debugDescription)") }
            return .badRequest("WRONG_TYPE", field: field, "'\(field)' has an unusable value: \(context.debugDescription)")
        @unknown default:
            return .badRequest("INVALID_JSON", "the body could not be read")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue { result += "[\(index)]" } else { result += result.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return result
    }

    static func describe(_ field: String) -> String { field.isEmpty ? "the body" : "'\(field)'" }

    static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of type \(type)"
        }
    }

    static func summary(of error: any Error) -> String {
        if case .dataCorrupted(let context) = error as? DecodingError {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription).prefix(200).description
        }
        return "\(error)".prefix(200).description
    }
}
