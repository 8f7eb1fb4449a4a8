import Foundation
import JSONText

extension EventMetadata {
    /// Reads what the synthesized `Decodable` reads from `JSONDecoder`, or throws ``JSONTextReader/Malformed`` (also for
    /// a repeated key), so that ``EventLogJSON/decodeMetadata(_:)`` decides with `JSONDecoder`.
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        self.init()
        var seen: UInt16 = 0
        func first(_ field: UInt16) throws(JSONTextReader.Malformed) {
            guard seen & (1 << field) == 0 else { throw JSONTextReader.Malformed() }
            seen |= 1 << field
        }
        func uuid(_ reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> UUID? {
            if try reader.null() { return nil }
            guard let id = UUID(uuidString: try reader.string()) else { throw JSONTextReader.Malformed() }
            return id
        }
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "actor": try first(0); actor = try reader.null() ? nil : try ActorRef(reading: &reader)
            case "deviceID": try first(1); deviceID = try reader.null() ? nil : try reader.string()
            case "deviceSequence": try first(2); deviceSequence = try reader.null() ? nil : try reader.integer()
            case "clock": try first(3); clock = try reader.null() ? nil : try HybridTimestamp(reading: &reader)
            case "deviceTime":
                try first(4)
                if try reader.null() { deviceTime = nil; break }
                guard let date = EventLogJSON.date(from: try reader.string()) else { throw JSONTextReader.Malformed() }
                deviceTime = date
            case "correlationID": try first(5); correlationID = try uuid(&reader)
            case "causationID": try first(6); causationID = try uuid(&reader)
            case "county": try first(7); county = try reader.null() ? nil : try reader.string()
            default: try reader.skipValue()
            }
        }
    }
}

extension ActorRef {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var role, id: String?
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "role": guard role == nil else { throw JSONTextReader.Malformed() }; role = try reader.string()
            case "id": guard id == nil else { throw JSONTextReader.Malformed() }; id = try reader.string()
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
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "milliseconds":
                guard milliseconds == nil else { throw JSONTextReader.Malformed() }
                milliseconds = try reader.integer()
            case "counter":
                guard counter == nil, let value = UInt32(exactly: try reader.integer()) else { throw JSONTextReader.Malformed() }
                counter = value
            default: try reader.skipValue()
            }
        }
        guard let milliseconds, let counter else { throw JSONTextReader.Malformed() }
        self.init(milliseconds: milliseconds, counter: counter)
    }
}
