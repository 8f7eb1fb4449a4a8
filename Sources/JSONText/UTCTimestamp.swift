import Foundation

/// The text form of times in event payloads, metadata, documents and SQLite: ISO 8601 in UTC with milliseconds,
/// `2026-05-01T02:30:00.250Z` (fixed width, so text order is time order). The same text as
/// `Date.ISO8601FormatStyle(includingFractionalSeconds: true)`, made and read without Foundation's formatter, which
/// costs more than the rest of an event's insert.
///
/// Rules: the proleptic Gregorian calendar, years 0001–9999 (other dates fall back to Foundation, which also differs
/// before 1583, where it counts Julian days); times are truncated to whole milliseconds (within a microsecond).
/// ``parse(_:)`` reads exactly this form and answers `nil` for anything else; ``parseISO8601(_:)`` reads every form
/// Cunshi accepts in its inputs.
public enum UTCTimestamp {
    public static func format(_ date: Date) -> String {
        // Truncated to the millisecond; the microsecond added keeps a time meant to be a whole millisecond on it
        // despite binary fractions (26.544 s is stored as 26.543999…).
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000 + 0.001).rounded(.down))
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        let (year, month, day) = civil(fromDays: days)
        guard (1...9999).contains(year) else {
            return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, _ width: Int, at offset: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, 4, at: 0)
        bytes[4] = UInt8(ascii: "-")
        put(month, 2, at: 5)
        bytes[7] = UInt8(ascii: "-")
        put(day, 2, at: 8)
        bytes[10] = UInt8(ascii: "T")
        put(inDay / 3_600_000, 2, at: 11)
        bytes[13] = UInt8(ascii: ":")
        put(inDay / 60_000 % 60, 2, at: 14)
        bytes[16] = UInt8(ascii: ":")
        put(inDay / 1_000 % 60, 2, at: 17)
        bytes[19] = UInt8(ascii: ".")
        put(inDay % 1_000, 3, at: 20)
        bytes[23] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`), the inverse of
    /// ``civil(fromDays:)``.
    public static func days(fromCivil year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Any ISO 8601 time in UTC that Cunshi accepts: this form, then what Foundation reads with fractional seconds
    /// or without them (`2026-05-01T02:30:00Z`); `nil` for anything else.
    public static func parseISO8601(_ text: String) -> Date? {
        if let date = parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// Exactly the form of ``format(_:)``; `nil` for anything else.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ offset: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[offset..<(offset + width)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
              let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.days(fromCivil: year, month: month, day: day)
        let milliseconds = ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1_000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension JSONTextReader {
    /// A time as a string in any form ``UTCTimestamp/parseISO8601(_:)`` reads.
    package mutating func date() throws(Malformed) -> Date {
        guard let date = UTCTimestamp.parseISO8601(try string()) else { throw Malformed() }
        return date
    }
}
