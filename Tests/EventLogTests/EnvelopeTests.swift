import EventLog
import Foundation
import Testing

@Suite("Event log envelopes")
struct EnvelopeTests {
    @Test("log cursor tokens round-trip and order by commit order, then position")
    func cursorTokens() throws {
        let cursor = LogCursor(commitOrder: 981, position: 12)
        #expect(LogCursor(token: cursor.token) == cursor)
        for bad in ["", "1", "1.2.3", "a.b", "-1.2", "1.-2", " 1.2"] {
            #expect(LogCursor(token: bad) == nil, "\(bad)")
        }
        #expect(LogCursor(commitOrder: 5, position: 100) < LogCursor(commitOrder: 6, position: 1))
        #expect(LogCursor(commitOrder: 6, position: 1) < LogCursor(commitOrder: 6, position: 2))
        #expect(LogCursor.start < LogCursor(commitOrder: 0, position: 1))
        let json = try JSONEncoder().encode([cursor])
        #expect(try JSONDecoder().decode([LogCursor].self, from: json) == [cursor])
    }

    @Test("UUIDv7 ids carry their millisecond, version 7 and the RFC variant, and sort by time")
    func uuidV7() {
        var generator = SystemRandomNumberGenerator()
        let early = UUIDv7.make(milliseconds: 1_790_000_000_000, using: &generator)
        let late = UUIDv7.make(milliseconds: 1_790_000_000_001, using: &generator)
        let bytes = early.uuid
        #expect(bytes.6 >> 4 == 7)
        #expect(bytes.8 >> 6 == 0b10)
        #expect(early.uuidString < late.uuidString)
        #expect(UUIDv7.make() != UUIDv7.make())
    }

    @Test("a hybrid logical clock never goes backwards and moves past what it receives")
    func hybridLogicalClock() {
        var clock = HybridLogicalClock()
        let first = clock.tick(nowMilliseconds: 1_000)
        let second = clock.tick(nowMilliseconds: 900)  // the wall clock stepped back
        #expect(second > first)
        #expect(second.milliseconds == 1_000 && second.counter == 1)
        let remote = HybridTimestamp(milliseconds: 5_000, counter: 7)  // a node days ahead
        let received = clock.receive(remote, nowMilliseconds: 1_001)
        #expect(received > remote && received > second)
        let after = clock.tick(nowMilliseconds: 1_002)
        #expect(after > received)
        #expect(clock.tick(nowMilliseconds: 6_000) == HybridTimestamp(milliseconds: 6_000, counter: 0))
    }

    @Test("an exhausted counter moves the clock to the next millisecond instead of overflowing")
    func hybridLogicalClockCounterExhausted() {
        let full = HybridTimestamp(milliseconds: 2_000, counter: .max)
        var clock = HybridLogicalClock(last: full)
        #expect(clock.tick(nowMilliseconds: 1_000) == HybridTimestamp(milliseconds: 2_001, counter: 0))
        var receiver = HybridLogicalClock()
        #expect(receiver.receive(full, nowMilliseconds: 1_000) == HybridTimestamp(milliseconds: 2_001, counter: 0))
        var equal = HybridLogicalClock(last: full)
        #expect(equal.receive(full, nowMilliseconds: 2_000) == HybridTimestamp(milliseconds: 2_001, counter: 0))
        let largest = HybridTimestamp(milliseconds: .max, counter: .max)
        #expect(largest.next == largest)
    }

    @Test("filters match categories, types and county the way the stores do")
    func filters() throws {
        let event = RecordedEvent(
            id: UUID(), streamID: try StreamID("item-1"), version: 1, position: 1, cursor: .start, type: "a.b",
            schemaVersion: 1, payload: Data("{}".utf8), metadata: EventMetadata(county: "440113"), recordedAt: Date())
        #expect(LogFilter.all.matches(event))
        #expect(LogFilter.category("item").matches(event))
        #expect(!LogFilter.category("tour").matches(event))
        #expect(LogFilter.eventTypes(["a.b"]).matches(event))
        #expect(!LogFilter(county: "440783").matches(event))
    }

    @Test("metadata survives its JSON form, dates to the millisecond")
    func metadataJSON() throws {
        let metadata = EventMetadata(
            actor: ActorRef(role: "kiosk", id: "K-1"), deviceID: "K-1", deviceSequence: 9,
            clock: HybridTimestamp(milliseconds: 1, counter: 2), deviceTime: Date(timeIntervalSince1970: 1_790_000_000.125),
            correlationID: UUID(), causationID: nil, county: "440783")
        #expect(try EventLogJSON.decodeMetadata(EventLogJSON.encode(metadata)) == metadata)
    }
}
