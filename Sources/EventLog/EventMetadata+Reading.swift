import Foundation
import JSONText

extension EventMetadata {
    /// Reads what the synthesized `Decodable` reads from `JSONDecoder`, or throws ``JSONTextReader/Malformed`` (also for
    /// a repeated key), so that ``EventLogJSON/decodeMetadata(_:)`` decides with `JSONDecoder`.
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        self.init()
        var seen = SeenKeys()
        func uuid(_ reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> UUID? {
            if try reader.null() { return nil }
            guard let id = UUIDText.parse(try reader.string()) else { throw JSONTextReader.Malformed() }
            return id
        }
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "actor": try seen.insert(0); actor = try reader.null() ? nil : try ActorRef(reading: &reader)
            case "deviceID": try seen.insert(1); deviceID = try reader.null() ? nil : try reader.string()
            case "deviceSequence": try seen.insert(2); deviceSequence = try reader.null() ? nil : try reader.integer()
            case "clock": try seen.insert(3); clock = try reader.null() ? nil : try HybridTimestamp(reading: &reader)
            case "deviceTime":
                try seen.insert(4)
                deviceTime = try reader.null() ? nil : try reader.date()
            case "correlationID": try seen.insert(5); correlationID = try uuid(&reader)
            case "causationID": try seen.insert(6); causationID = try uuid(&reader)
            case "county": try seen.insert(7); county = try reader.null() ? nil : try reader.string()
            default: try reader.skipValue()
            }
        }
    }
}

extension ActorRef {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var role, id: String?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "role": try seen.insert(0); role = try reader.string()
            case "id": try seen.insert(1); id = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let role, let id else { throw JSONTextReader.Malformed() }
        self.init(role: role, id: id)
    }
}

extension HybridTimestamp {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var milliseconds: Int64?, counter: UInt32?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "milliseconds": try seen.insert(0); milliseconds = try reader.integer()
            case "counter":
                try seen.insert(1)
                guard let value = UInt32(exactly: try reader.integer()) else { throw JSONTextReader.Malformed() }
                counter = value
            default: try reader.skipValue()
            }
        }
        guard let milliseconds, let counter else { throw JSONTextReader.Malformed() }
        self.init(milliseconds: milliseconds, counter: counter)
    }
}
