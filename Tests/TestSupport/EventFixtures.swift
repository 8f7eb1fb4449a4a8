import EventLog
import Foundation

/// Small helpers to make events and stream ids in tests.
public enum EventFixtures {
    public static func stream(_ prefix: String = "test") -> StreamID {
        // A fixed, valid shape: force-unwrapping a literal-shaped id cannot fail.
        try! StreamID("\(prefix)-\(UUID().uuidString.lowercased())")
    }

    public static func event(
        _ type: String = "test.happened",
        _ fields: [String: any Sendable] = [:],
        id: UUID = UUIDv7.make(),
        metadata: EventMetadata = EventMetadata()
    ) -> NewEvent {
        let payload = try! JSONSerialization.data(withJSONObject: fields.isEmpty ? ["n": 1] : fields, options: [.sortedKeys])
        return NewEvent(id: id, type: type, payload: payload, metadata: metadata)
    }

    public static func events(_ count: Int, type: String = "test.happened") -> [NewEvent] {
        (0..<count).map { event(type, ["n": $0]) }
    }
}
