import Foundation

/// The pull batch's JSON, written and read by hand: a batch of 10,000 events is most of a sync's bytes, and
/// Foundation's `JSONEncoder`/`JSONDecoder` spent more CPU on it than the kiosk's database did.
///
/// Rules:
/// - The shape is the one `Codable` gives (protocol v1, `openapi.yaml` `SyncPullResponse`): the same keys, `id` as an
///   uppercase UUID, absent optionals left out. Foundation's coders stay valid for the type, so either side may use
///   either coder.
/// - ``init(wireJSON:)`` accepts any JSON text of that shape (key order, whitespace, unknown keys); what it cannot
///   read is decoded again with `JSONDecoder`, which then answers with its own error.
extension PullResponse {
    /// The batch as JSON text.
    public func wireJSON() -> Data {
        var writer = WireJSONWriter(capacity: events.reduce(256) { $0 + $1.approximateBytes + $1.payload.utf8.count / 8 })
        writer.raw(#"{"epoch":"#)
        writer.string(epoch)
        writer.raw(#","county":"#)
        writer.string(county)
        writer.raw(#","events":["#)
        for (offset, event) in events.enumerated() {
            if offset > 0 { writer.byte(0x2C) }
            event.write(to: &writer)
        }
        writer.raw(#"],"next":"#)
        writer.string(next)
        writer.raw(#","more":"#)
        writer.bool(more)
        writer.raw(#","hubTime":"#)
        writer.integer(hubTime)
        writer.byte(0x7D)
        return Data(writer.bytes)
    }

    /// Reads a batch written by ``wireJSON()`` or by `JSONEncoder`.
    public init(wireJSON data: Data) throws {
        let fast: PullResponse? = data.withUnsafeBytes { raw in
            var reader = WireJSONReader(raw.bindMemory(to: UInt8.self))
            guard let response = try? Self.read(&reader), reader.atEnd else { return nil }
            return response
        }
        self = try fast ?? JSONDecoder().decode(PullResponse.self, from: data)
    }

    private static func read(_ reader: inout WireJSONReader) throws(WireJSONReader.Malformed) -> PullResponse {
        var epoch: String?, county: String?, next: String?, more: Bool?, hubTime: Int64?
        var events: [WireEvent]?
        try reader.object { (reader, key) throws(WireJSONReader.Malformed) in
            switch key {
            case "epoch": epoch = try reader.string()
            case "county": county = try reader.string()
            case "next": next = try reader.string()
            case "more": more = try reader.bool()
            case "hubTime": hubTime = try reader.integer()
            case "events":
                var list: [WireEvent] = []
                list.reserveCapacity(PullLimits.maxEvents)
                try reader.array { (reader) throws(WireJSONReader.Malformed) in list.append(try WireEvent.read(&reader)) }
                events = list
            default: try reader.skipValue()
            }
        }
        guard let epoch, let county, let events, let next, let more, let hubTime else { throw WireJSONReader.Malformed() }
        return PullResponse(epoch: epoch, county: county, events: events, next: next, more: more, hubTime: hubTime)
    }
}

extension WireEvent {
    func write(to writer: inout WireJSONWriter) {
        writer.raw(#"{"id":"#)
        writer.string(id.uuidString)
        writer.raw(#","stream":"#)
        writer.string(stream)
        writer.raw(#","version":"#)
        writer.integer(version)
        if let position {
            writer.raw(#","position":"#)
            writer.integer(position)
        }
        if let cursor {
            writer.raw(#","cursor":"#)
            writer.string(cursor)
        }
        writer.raw(#","type":"#)
        writer.string(type)
        writer.raw(#","schemaVersion":"#)
        writer.integer(Int64(schemaVersion))
        writer.raw(#","payload":"#)
        writer.string(payload)
        writer.raw(#","metadata":"#)
        writer.string(metadata)
        if let recordedAt {
            writer.raw(#","recordedAt":"#)
            writer.integer(recordedAt)
        }
        writer.byte(0x7D)
    }

    static func read(_ reader: inout WireJSONReader) throws(WireJSONReader.Malformed) -> WireEvent {
        var id: UUID?, stream: String?, version: Int64?, type: String?, schemaVersion: Int64?
        var payload: String?, metadata: String?
        var position: Int64?, cursor: String?, recordedAt: Int64?
        try reader.object { (reader, key) throws(WireJSONReader.Malformed) in
            switch key {
            case "id":
                guard let uuid = UUID(uuidString: try reader.string()) else { throw WireJSONReader.Malformed() }
                id = uuid
            case "stream": stream = try reader.string()
            case "version": version = try reader.integer()
            case "type": type = try reader.string()
            case "schemaVersion": schemaVersion = try reader.integer()
            case "payload": payload = try reader.string()
            case "metadata": metadata = try reader.string()
            case "position": position = try reader.null() ? nil : try reader.integer()
            case "cursor": cursor = try reader.null() ? nil : try reader.string()
            case "recordedAt": recordedAt = try reader.null() ? nil : try reader.integer()
            default: try reader.skipValue()
            }
        }
        guard let id, let stream, let version, let type, let schemaVersion, let payload, let metadata,
              let schema = Int(exactly: schemaVersion)
        else { throw WireJSONReader.Malformed() }
        return WireEvent(
            id: id, stream: stream, version: version, position: position, cursor: cursor, type: type,
            schemaVersion: schema, payload: payload, metadata: metadata, recordedAt: recordedAt)
    }
}
