import EventLog
import Foundation
import Testing

@Suite("UTC timestamps as SQLite stores them")
struct UTCTimestampTests {
    static let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    @Test("the text is Foundation's ISO 8601 with milliseconds, and reads back to the millisecond")
    func matchesFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        // 1970, a leap day with a half second, just before 1970, the end of 2099; then 1900–2199 at random.
        var milliseconds: [Int64] = [0, 951_782_400_500, -1, 4_102_444_799_999]
        for _ in 0..<5_000 { milliseconds.append(Int64.random(in: -2_208_988_800_000...7_258_118_399_999, using: &generator)) }
        for value in milliseconds {
            let date = Date(timeIntervalSince1970: Double(value) / 1000)
            // Foundation truncates the binary fraction (…26.5439999 → .543); a tenth of a millisecond more keeps it
            // on the intended millisecond.
            let expected = Date(timeIntervalSince1970: (Double(value) + 0.1) / 1000).formatted(Self.foundation)
            let text = UTCTimestamp.format(date)
            #expect(text == expected, "\(value)")
            let parsed = try #require(UTCTimestamp.parse(text))
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == value, "\(text)")
        }
    }

    @Test("other forms are not read")
    func refusesOtherForms() {
        for text in ["2026-05-01T02:30:00Z", "2026-05-01T02:30:00.250+08:00", "2026-13-01T02:30:00.250Z", "2026-05-01 02:30:00.250Z", ""] {
            #expect(UTCTimestamp.parse(text) == nil, "\(text)")
        }
    }
}
