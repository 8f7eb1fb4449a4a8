import Foundation
import JSONText
import Testing

@Suite("UTC timestamps as payloads, documents and SQLite store them")
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

    @Test("the lenient reader takes this form, other fractions and none, and refuses what is not an ISO 8601 time")
    func readsEveryAcceptedForm() throws {
        let cases: [(String, Double)] = [
            ("2026-05-01T02:30:00.250Z", 1_777_602_600.25),
            ("2026-05-01T02:30:00Z", 1_777_602_600),
            ("2026-05-01T02:30:00.5Z", 1_777_602_600.5),
        ]
        for (text, seconds) in cases {
            let date = try #require(UTCTimestamp.parseISO8601(text), "\(text)")
            #expect(abs(date.timeIntervalSince1970 - seconds) < 0.001, "\(text)")
        }
        for text in ["2026-13-01T02:30:00.250Z", "2026-05-01", "yesterday", ""] {
            #expect(UTCTimestamp.parseISO8601(text) == nil, "\(text)")
        }
        let read = JSONTextReaderTests.read(#""2026-05-01T02:30:00Z""#) { (reader) throws(JSONTextReader.Malformed) in
            try reader.date()
        }
        #expect(read?.timeIntervalSince1970 == 1_777_602_600)
        #expect(JSONTextReaderTests.read(#""soon""#) { (reader) throws(JSONTextReader.Malformed) in try reader.date() } == nil)
    }
}
