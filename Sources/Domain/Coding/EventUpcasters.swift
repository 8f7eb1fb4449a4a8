import Foundation

/// Transforms of stored payloads from one schema version to the next.
///
/// A schema version belongs to an aggregate's event enum (``DomainEventCoding/schemaVersion``); when it is
/// raised, only the event types whose shape changed get an upcaster for `(eventType, fromVersion)`. Upcasting a
/// payload from version v to the current one applies the upcasters of v, v+1, … in turn; a step without an
/// upcaster leaves the payload unchanged.
public struct EventUpcasters: Sendable {
    public struct Key: Sendable, Hashable {
        public let eventType: String
        public let fromVersion: Int
        public init(eventType: String, fromVersion: Int) {
            self.eventType = eventType
            self.fromVersion = fromVersion
        }
    }

    public typealias Transform = @Sendable ([String: JSONValue]) throws -> [String: JSONValue]

    public private(set) var transforms: [Key: Transform] = [:]

    public init() {}

    /// Registers the transform of `eventType` payloads from `fromVersion` to `fromVersion + 1`.
    public mutating func register(_ eventType: String, from fromVersion: Int, _ transform: @escaping Transform) {
        transforms[Key(eventType: eventType, fromVersion: fromVersion)] = transform
    }

    /// Upcasts `payload` (a JSON object) from version `from` to version `to`.
    public func upcast(eventType: String, from: Int, to: Int, payload: Data) throws -> Data {
        guard from < to else { return payload }
        let steps = (from..<to).compactMap { transforms[Key(eventType: eventType, fromVersion: $0)] }
        guard !steps.isEmpty else { return payload }
        let decoded: JSONValue
        do { decoded = try JSONDecoder().decode(JSONValue.self, from: payload) } catch {
            throw DomainError(ErrorCode.eventPayloadInvalid, field: eventType, "\(eventType) payload is not JSON")
        }
        guard var object = decoded.objectValue else {
            throw DomainError(ErrorCode.eventPayloadInvalid, field: eventType, "\(eventType) payload is not a JSON object")
        }
        for step in steps { object = try step(object) }
        return try EventJSON.encode(JSONValue.object(object))
    }

    /// The upcasters of every aggregate in this module.
    public static let standard: EventUpcasters = {
        var registry = EventUpcasters()
        ArchiveItem.Event.registerUpcasters(in: &registry)
        return registry
    }()
}
