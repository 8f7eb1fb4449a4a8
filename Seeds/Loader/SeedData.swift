import Foundation

/// The seed files, read and decoded: `villages.json`, `devices.json`, `items/*.json`, `tours/*.json`,
/// `market/*.json` (files of a folder in name order). Every file is an object whose `records` array holds the
/// records; its other keys (`about`, `sources`) document it and are ignored.
///
/// Reading checks the format only (JSON, field types, duplicate ids); the rules are the domain's, applied when
/// the records run as commands.
struct SeedData: Sendable {
    struct Entry<Record: Sendable>: Sendable {
        var file: String
        var id: String
        var record: Record
    }

    var villages: [Entry<SeedRecord.VillageRecord>]
    var devices: [Entry<SeedRecord.DeviceRecord>]
    var items: [Entry<SeedRecord.ItemRecord>]
    var tours: [Entry<SeedRecord.TourRecord>]
    var listings: [Entry<SeedRecord.ListingRecord>]

    /// Reads every seed file under `directory`.
    static func read(from directory: URL) throws(SeedError) -> SeedData {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw .unreadable(file: directory.path, reason: "no such directory") }
        let data = SeedData(
            villages: try decode(directory, "villages.json"),
            devices: try decode(directory, "devices.json"),
            items: try decodeFolder(directory, "items"),
            tours: try decodeFolder(directory, "tours"),
            listings: try decodeFolder(directory, "market"))
        try requireUniqueIDs(data.villages, kind: "village")
        try requireUniqueIDs(data.devices, kind: "device")
        try requireUniqueIDs(data.items, kind: "item")
        try requireUniqueIDs(data.tours, kind: "tour")
        try requireUniqueIDs(data.listings, kind: "listing")
        return data
    }

    private static func decodeFolder<R: Decodable & Sendable>(_ root: URL, _ folder: String) throws(SeedError) -> [Entry<R>] {
        let url = root.appendingPathComponent(folder, isDirectory: true)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw .unreadable(file: folder, reason: "\(error.localizedDescription)")
        }
        var entries: [Entry<R>] = []
        for name in names { entries += try decode(root, "\(folder)/\(name)") }
        return entries
    }

    private static func decode<R: Decodable & Sendable>(_ root: URL, _ file: String) throws(SeedError) -> [Entry<R>] {
        let raw: Data
        do { raw = try Data(contentsOf: root.appendingPathComponent(file)) } catch {
            throw .unreadable(file: file, reason: error.localizedDescription)
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: raw) } catch {
            throw .malformed(file: file, record: "(file)", code: "SEED_FORMAT", message: "SEED_FORMAT: not valid JSON: \(error.localizedDescription)")
        }
        guard let top = object as? [String: Any], let records = top["records"] as? [Any] else {
            throw .malformed(
                file: file, record: "(file)", code: "SEED_FORMAT",
                message: "SEED_FORMAT: a seed file is an object with a \"records\" array")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var entries: [Entry<R>] = []
        for (index, element) in records.enumerated() {
            let id = ((element as? [String: Any])?["id"] as? String) ?? "#\(index)"
            do {
                let data = try JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed])
                entries.append(Entry(file: file, id: id, record: try decoder.decode(R.self, from: data)))
            } catch let error as DecodingError {
                throw .malformed(file: file, record: id, code: "SEED_FORMAT", message: "SEED_FORMAT: \(describe(error))")
            } catch {
                throw .malformed(file: file, record: id, code: "SEED_FORMAT", message: "SEED_FORMAT: \(error)")
            }
        }
        return entries
    }

    private static func requireUniqueIDs<R>(_ entries: [Entry<R>], kind: String) throws(SeedError) {
        var seen: [String: String] = [:]
        for entry in entries {
            if let first = seen[entry.id] {
                throw .malformed(
                    file: entry.file, record: entry.id, code: "SEED_FORMAT",
                    message: "SEED_FORMAT: \(kind) id '\(entry.id)' is also used in \(first)")
            }
            seen[entry.id] = entry.file
        }
    }

    /// A decoding error as a sentence naming the field: `missing field 'county'`, `field 'media[0].width': …`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing field '\(at.isEmpty ? "" : at + ".")\(key.stringValue)'"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' must be \(type): \(context.debugDescription)"
        case .dataCorrupted(let context):
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
