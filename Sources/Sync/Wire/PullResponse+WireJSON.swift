import EventLog
import Foundation
import JSONText

/// The pull batch's JSON, written and read by hand: a batch of 10,000 events is most of a sync's bytes, and
/// Foundation's `JSONEncoder`/`JSONDecoder` spent more CPU on it than the kiosk's database did.
///
/// Rules:
/// - The shape is the one `Codable` gives (protocol v1, `openapi.yaml` `SyncPullResponse`): the same keys, `id` as an
///   uppercase UUID, absent optionals left out. Foundation's coders stay valid for the type, so either side may use
///   either coder.
/// - ``init(wireJSON:)`` accepts any JSON text of that shape (key order, whitespace, unknown keys); what it cannot
///   read — a repeated key included — is decoded again with `JSONDecoder`, which then decides and answers with its
///   own error.
extension PullResponse {
    /// The batch as JSON text.
    public func wireJSON() -> Data {
        var writer = JSONTextWriter(capacity: events.reduce(256) { $0 + $1.approximateBytes + $1.payload.utf8.count / 8 })
        writer.openObject()
        writer.key("epoch")
        writer.string(epoch)
        writer.key("county")
        writer.string(county)
        writer.key("events")
        writer.openArray()
        for event in events { event.write(to: &writer) }
        writer.closeArray()
        writer.key("next")
        writer.string(next)
        writer.key("more")
        writer.bool(more)
        writer.key("hubTime")
        writer.integer(hubTime)
        writer.closeObject()
        return Data(writer.bytes)
    }

    /// Reads a batch written by ``wireJSON()`` or by `JSONEncoder`.
    public init(wireJSON data: Data) throws {
        let fast = JSONTextReader.read(data) { (reader) throws(JSONTextReader.Malformed) in try Self.read(&reader) }
        self = try fast ?? SyncJSON.decoder.decode(PullResponse.self, from: data)
    }

    private static func read(_ reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> PullResponse {
        var epoch: String?, county: String?, next: String?, more: Bool?, hubTime: Int64?
        var events: [WireEvent]?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "epoch": try seen.insert(0); epoch = try reader.string()
            case "county": try seen.insert(1); county = try reader.string()
            case "next": try seen.insert(2); next = try reader.string()
            case "more": try seen.insert(3); more = try reader.bool()
            case "hubTime": try seen.insert(4); hubTime = try reader.integer()
            case "events":
                try seen.insert(5)
                var list: [WireEvent] = []
                try reader.array { (reader) throws(JSONTextReader.Malformed) in list.append(try WireEvent.read(&reader)) }
                events = list
            default: try reader.skipValue()
            }
        }
        guard let epoch, let county, let events, let next, let more, let hubTime else { throw JSONTextReader.Malformed() }
        return PullResponse(epoch: epoch, county: county, events: events, next: next, more: more, hubTime: hubTime)
    }
}

extension WireEvent {
    func write(to writer: inout JSONTextWriter) {
        writer.openObject()
        writer.key("id")
        writer.string(UUIDText.format(id, uppercase: true))
        writer.key("stream")
        writer.string(stream)
        writer.key("version")
        writer.integer(version)
        if let position {
            writer.key("position")
            writer.integer(position)
        }
        if let cursor {
            writer.key("cursor")
            writer.string(cursor)
        }
        writer.key("type")
        writer.string(type)
        writer.key("schemaVersion")
        writer.integer(schemaVersion)
        writer.key("payload")
        writer.string(payload)
        writer.key("metadata")
        writer.string(metadata)
        if let recordedAt {
            writer.key("recordedAt")
            writer.integer(recordedAt)
        }
        writer.closeObject()
    }

    static func read(_ reader: inout JSONTextReader) throws(JSONTextReader.Malformed) -> WireEvent {
        var id: UUID?, stream: String?, version: Int64?, type: String?, schemaVersion: Int64?
        var payload: String?, metadata: String?
        var position: Int64?, cursor: String?, recordedAt: Int64?
        var seen = SeenKeys()
        try reader.object { (reader, key) throws(JSONTextReader.Malformed) in
            switch key {
            case "id":
                try seen.insert(0)
                guard let uuid = UUIDText.parse(try reader.string()) else { throw JSONTextReader.Malformed() }
                id = uuid
            case "stream": try seen.insert(1); stream = try reader.string()
            case "version": try seen.insert(2); version = try reader.integer()
            case "type": try seen.insert(3); type = try reader.string()
            case "schemaVersion": try seen.insert(4); schemaVersion = try reader.integer()
            case "payload": try seen.insert(5); payload = try reader.string()
            case "metadata": try seen.insert(6); metadata = try reader.string()
            case "position": try seen.insert(7); position = try reader.null() ? nil : try reader.integer()
            case "cursor": try seen.insert(8); cursor = try reader.null() ? nil : try reader.string()
            case "recordedAt": try seen.insert(9); recordedAt = try reader.null() ? nil : try reader.integer()
            default: try reader.skipValue()
            }
        }
        guard let id, let stream, let version, let type, let schemaVersion, let payload, let metadata,
              let schema = Int(exactly: schemaVersion)
        else { throw JSONTextReader.Malformed() }
        return WireEvent(
            id: id, stream: stream, version: version, position: position, cursor: cursor, type: type,
            schemaVersion: schema, payload: payload, metadata: metadata, recordedAt: recordedAt)
    }
}
