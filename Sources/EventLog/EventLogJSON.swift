import Foundation
import JSONText

/// The JSON coding the log uses for metadata: ISO 8601 dates with milliseconds, sorted keys.
public enum EventLogJSON {
    /// The metadata as a JSON object with sorted keys, written by hand: appends encode metadata for every event.
    public static func encode(_ metadata: EventMetadata) -> Data {
        var fields: [String] = []
        if let actor = metadata.actor {
            fields.append(#""actor":{"id":\#(quoted(actor.id)),"role":\#(quoted(actor.role))}"#)
        }
        if let causation = metadata.causationID { fields.append(#""causationID":"\#(causation.uuidString)""#) }
        if let clock = metadata.clock {
            fields.append(#""clock":{"counter":\#(clock.counter),"milliseconds":\#(clock.milliseconds)}"#)
        }
        if let correlation = metadata.correlationID { fields.append(#""correlationID":"\#(correlation.uuidString)""#) }
        if let county = metadata.county { fields.append(#""county":\#(quoted(county))"#) }
        if let deviceID = metadata.deviceID { fields.append(#""deviceID":\#(quoted(deviceID))"#) }
        if let sequence = metadata.deviceSequence { fields.append(#""deviceSequence":\#(sequence)"#) }
        if let time = metadata.deviceTime { fields.append(#""deviceTime":"\#(time.formatted(iso8601))""#) }
        return Data(("{" + fields.joined(separator: ",") + "}").utf8)
    }

    /// A JSON string literal for `text`, escaped as ``JSONTextWriter`` escapes strings.
    package static func quoted(_ text: String) -> String {
        var writer = JSONTextWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return writer.text
    }

    /// Decodes metadata, by hand when it can (every projection reads the metadata of most events), else with
    /// `JSONDecoder`, which then decides and words the error.
    public static func decodeMetadata(_ data: Data) throws -> EventMetadata {
        let read = JSONTextReader.read(data) { (reader) throws(JSONTextReader.Malformed) in try EventMetadata(reading: &reader) }
        return try read ?? decoder.decode(EventMetadata.self, from: data)
    }

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }()

    /// An ISO 8601 date with milliseconds, or without fractional seconds.
    static func date(from text: String) -> Date? {
        if let date = try? iso8601.parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    private static let iso8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
