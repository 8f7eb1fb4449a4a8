import Foundation
import Operations
import Testing

@Suite("--until TIME")
struct TimeArgumentTests {
    static func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Double = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let whole = calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: Int(s))) ?? Date()
        return whole.addingTimeInterval(s - Double(Int(s)))
    }

    @Test("ISO 8601 with an offset or Z, with or without seconds and fractions", arguments: [
        ("2026-05-01T10:30:00+08:00", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("2026-05-01T02:30:00Z", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("2026-05-01t02:30:00z", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("2026-05-01 10:30+0800", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("2026-05-01T10:30:00.250+08", TimeArgumentTests.utc(2026, 5, 1, 2, 30, 0.25)),
        ("2026-04-30T21:30:00-05:00", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("  2026-05-01T02:30:00Z ", TimeArgumentTests.utc(2026, 5, 1, 2, 30)),
        ("2028-02-29T00:00:00Z", TimeArgumentTests.utc(2028, 2, 29)),
    ])
    func accepted(_ text: String, _ expected: Date) throws {
        let parsed = try TimeArgument.parse(text)
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.000_5, "\(text)")
    }

    @Test("a date alone is the end of that day in China Standard Time")
    func dateIsEndOfDay() throws {
        let parsed = try TimeArgument.parse("2026-05-01")
        let nextDayCST = Self.utc(2026, 5, 1, 16)  // 2026-05-02T00:00+08:00
        #expect(parsed < nextDayCST && nextDayCST.timeIntervalSince(parsed) < 0.000_01)
        #expect(HubTime.text(parsed) == "2026-05-01T23:59:59.999+08:00")
    }

    @Test("anything else is refused, saying what is accepted", arguments: [
        "", "2026", "yesterday", "2026-13-01", "2026-02-29", "2026-04-31", "2026-00-10", "1969-12-31",
        "2026-05-01T10:30", "2026-05-01T10:30:00", "2026-05-01T24:00Z", "2026-05-01T10:60Z", "2026-05-01T10:30:61Z",
        "2026-05-01T10:30:00+25:00", "2026-05-01T10:30:00+8", "2026-05-01T10:30:00.Z", "2026-05-01X10:30Z",
        "２０２６-05-01", "2026-5-1", "2026-05-01T10:30:00 CST", "2026-05-01T10:30:00Zjunk",
    ])
    func refused(_ text: String) {
        do {
            _ = try TimeArgument.parse(text)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect(error.description.contains("--until"))
            #expect(error.description.contains("e.g. 2026-05-01T10:30:00+08:00"))
        }
    }

    @Test("hub times print in +08:00 to the millisecond")
    func hubTime() {
        #expect(HubTime.text(Self.utc(2026, 5, 1, 2, 30, 0.1234)) == "2026-05-01T10:30:00.123+08:00")
        #expect(HubTime.text(Self.utc(2025, 12, 31, 16)) == "2026-01-01T00:00:00.000+08:00")
        #expect(HubTime.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T08:00:00.000+08:00")
    }
}
