import JSONText

/// Reading the values of event payloads for the hand-written payload decoders (``ArchiveItem/Event/decode(eventType:schemaVersion:payload:)``).
///
/// Every reader here accepts exactly what the synthesized `Decodable` conformance accepts from `JSONDecoder` or
/// throws ``JSONTextReader/Malformed`` — then `JSONDecoder` decides. Where the two could differ (a repeated key, a
/// number that is not an integer), they throw.
extension JSONTextReader {
    mutating func optionalString() throws(Malformed) -> String? {
        try null() ? nil : try string()
    }

    mutating func strings() throws(Malformed) -> [String] {
        var list: [String] = []
        try array { (reader) throws(Malformed) in list.append(try reader.string()) }
        return list
    }

    mutating func int() throws(Malformed) -> Int {
        guard let value = Int(exactly: try integer()) else { throw Malformed() }
        return value
    }

    mutating func raw<T: RawRepresentable>(_: T.Type) throws(Malformed) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw Malformed() }
        return value
    }

    mutating func langMap() throws(Malformed) -> LangMap {
        var entries: [String: String] = [:]
        try object { (reader, key) throws(Malformed) in
            guard entries.updateValue(try reader.string(), forKey: key) == nil else { throw Malformed() }
        }
        return LangMap(entries)
    }

    mutating func edtf() throws(Malformed) -> EDTFDate? {
        try null() ? nil : EDTFDate(try string())
    }

    mutating func rights() throws(Malformed) -> Rights {
        var uri, holder, attribution: String?
        var seen = SeenKeys()
        try object { (reader, key) throws(Malformed) in
            switch key {
            case "uri": try seen.insert(0); uri = try reader.string()
            case "holder": try seen.insert(1); holder = try reader.string()
            case "attribution": try seen.insert(2); attribution = try reader.string()
            default: try reader.skipValue()
            }
        }
        guard let uri, let holder, let attribution else { throw Malformed() }
        return Rights(uri: uri, holder: holder, attribution: attribution)
    }

    mutating func ich() throws(Malformed) -> ICHClassification? {
        if try null() { return nil }
        var domain: UNESCODomain?, category: NationalICHCategory?
        var seen = SeenKeys()
        try object { (reader, key) throws(Malformed) in
            switch key {
            case "domain": try seen.insert(0); domain = try reader.raw(UNESCODomain.self)
            case "category": try seen.insert(1); category = try reader.raw(NationalICHCategory.self)
            default: try reader.skipValue()
            }
        }
        guard let domain, let category else { throw Malformed() }
        return ICHClassification(domain: domain, category: category)
    }
}
