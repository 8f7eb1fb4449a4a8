import Foundation
import Testing

@testable import Domain

/// For payloads a hand-written reader must refuse: checks that it refuses each (`fast` is `nil`) and that the public
/// `decode` then answers as `JSONDecoder` alone (`slow`) does — the same event, or the same `EVENT_PAYLOAD_INVALID`.
func expectRefusedAndDecidedByJSONDecoder<Event: Equatable>(
    _ texts: [String], fast: (Data) -> Event?, decode: (Data) throws -> Event, slow: (Data) throws -> Event
) {
    for text in texts {
        let payload = Data(text.utf8)
        #expect(fast(payload) == nil, "read: \(text)")
        let decoded = Result { try decode(payload) }
        let decider = Result { try slow(payload) }
        switch (decoded, decider) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
        case (.failure(let a as DomainError), .failure(let b as DomainError)):
            #expect(a.code == ErrorCode.eventPayloadInvalid && a.code == b.code, "\(text)")
        default: Issue.record("\(text): \(decoded) against \(decider)")
        }
    }
}
