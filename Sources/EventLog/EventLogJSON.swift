import Foundation

/// The JSON coding the log uses for metadata: ISO 8601 dates with milliseconds, sorted keys.
public enum EventLogJSON {
    public static func encode(_ metadata: EventMetadata) -> Data {
        // Encoding a struct of strings, numbers and dates cannot fail.
        (try? encoder.encode(metadata)) ?? Data("{}".utf8)
    }

    public static func decodeMetadata(_ data: Data) throws -> EventMetadata {
        try decoder.decode(EventMetadata.self, from: data)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(iso8601))
        }
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = try? iso8601.parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
        }
        return decoder
    }()

    private static let iso8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
