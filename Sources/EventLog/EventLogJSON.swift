import Foundation
import JSONText

/// The JSON coding the log uses for metadata: ISO 8601 dates with milliseconds, sorted keys.
public enum EventLogJSON {
    /// The metadata as a JSON object with sorted keys, written by hand (one ``JSONTextWriter``, the bytes
    /// `JSONEncoder` with sorted keys writes): appends encode metadata for every event.
    public static func encode(_ metadata: EventMetadata) -> Data {
        var writer = JSONTextWriter(capacity: 256)
        writer.openObject()
        if let actor = metadata.actor {
            writer.key("actor")
            writer.openObject()
            writer.key("id")
            writer.string(actor.id)
            writer.key("role")
            writer.string(actor.role)
            writer.closeObject()
        }
        if let causation = metadata.causationID {
            writer.key("causationID")
            writer.string(UUIDText.format(causation, uppercase: true))
        }
        if let clock = metadata.clock {
            writer.key("clock")
            writer.openObject()
            writer.key("counter")
            writer.integer(clock.counter)
            writer.key("milliseconds")
            writer.integer(clock.milliseconds)
            writer.closeObject()
        }
        if let correlation = metadata.correlationID {
            writer.key("correlationID")
            writer.string(UUIDText.format(correlation, uppercase: true))
        }
        if let county = metadata.county {
            writer.key("county")
            writer.string(county)
        }
        if let deviceID = metadata.deviceID {
            writer.key("deviceID")
            writer.string(deviceID)
        }
        if let sequence = metadata.deviceSequence {
            writer.key("deviceSequence")
            writer.integer(sequence)
        }
        if let time = metadata.deviceTime {
            writer.key("deviceTime")
            writer.string(time.formatted(iso8601))
        }
        writer.closeObject()
        return Data(writer.bytes)
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
            guard let date = UTCTimestamp.parseISO8601(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }()

    private static let iso8601 = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
