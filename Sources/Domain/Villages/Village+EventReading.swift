import Foundation
import JSONText

/// Hand-written readers of the village payloads: every item registered or contributed loads its village, whose stream
/// grows with each revision of its names, and `JSONDecoder` was most of what such a load cost. Each accepts what the
/// synthesized `Decodable` accepts or throws ``JSONTextReader/Malformed``, and
/// ``Village/Event/decode(eventType:schemaVersion:payload:)`` then decodes with `JSONDecoder`, which decides and words
/// the error.
extension Village.Event {
    static func read(_ eventType: String, from reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> Self {
        switch eventType {
        case EventType.registered: return .registered(try .init(reading: &reader))
        case EventType.revised: return .revised(try .init(reading: &reader))
        default: throw JSONTextReader.Malformed()
        }
    }
}

extension Village.Registered {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var villageID: String?, names: LangMap?, county: CountyCode?, town: LangMap?, location: Coordinates?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "villageID": try seen.insert(0); villageID = try reader.string()
            case "names": try seen.insert(1); names = try reader.langMap()
            case "county": try seen.insert(2); county = CountyCode(try reader.string())
            case "town": try seen.insert(3); town = try reader.langMap()
            case "location": try seen.insert(4); location = try reader.coordinates()
            default: try reader.skipValue()
            }
        }
        guard let villageID, let names, let county, let town, let location else { throw JSONTextReader.Malformed() }
        self.init(villageID: villageID, names: names, county: county, town: town, location: location)
    }
}

extension Village.Revised {
    init(reading reader: inout JSONTextReader) throws(JSONTextReader.Malformed) {
        var villageID: String?, names: LangMap?, town: LangMap?, location: Coordinates?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "villageID": try seen.insert(0); villageID = try reader.string()
            case "names": try seen.insert(1); names = try reader.null() ? nil : try reader.langMap()
            case "town": try seen.insert(2); town = try reader.null() ? nil : try reader.langMap()
            case "location": try seen.insert(3); location = try reader.null() ? nil : try reader.coordinates()
            default: try reader.skipValue()
            }
        }
        guard let villageID else { throw JSONTextReader.Malformed() }
        self.init(villageID: villageID, names: names, town: town, location: location)
    }
}

extension JSONTextReader {
    mutating func coordinates() throws(Malformed) -> Coordinates {
        var latitude, longitude: Double?
        var seen = SeenKeys()
        try object { (reader, key) throws(Malformed) in
            switch key {
            case "latitude": try seen.insert(0); latitude = try reader.double()
            case "longitude": try seen.insert(1); longitude = try reader.double()
            default: try reader.skipValue()
            }
        }
        guard let latitude, let longitude else { throw Malformed() }
        return Coordinates(latitude: latitude, longitude: longitude)
    }
}
