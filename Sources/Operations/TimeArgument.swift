import EventLog
import Foundation
import JSONText

/// Reads a moment given on the command line (`cunshi replay --until TIME`).
///
/// Accepted, strictly (anything else is ``OperationsError/badArgument(option:message:)`` saying what is accepted):
/// - ISO 8601 date and time with an offset: `2026-05-01T10:30:00+08:00`, `2026-05-01T02:30:00Z`,
///   `2026-05-01T10:30+0800`, fractional seconds `2026-05-01T10:30:00.250Z`; a space may replace the `T`.
/// - A date alone, `2026-05-01`: **the end of that day in China Standard Time (UTC+8)** — "what did the item say on
///   1 May" includes everything recorded that day.
/// A time without an offset is refused: hub times are instants, and a guessed zone would silently shift them.
public enum TimeArgument {
    /// China Standard Time, the offset a bare date is read in.
    public static let dateOffsetSeconds = 8 * 3600

    public static let accepted = """
        use ISO 8601 with an offset, e.g. 2026-05-01T10:30:00+08:00 or 2026-05-01T02:30:00Z, \
        or a date, 2026-05-01 (the end of that day, China Standard Time)
        """

    /// The moment `text` names (inclusive: events recorded at or before it).
    public static func parse(_ text: String, option: String = "--until") throws(OperationsError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func bad(_ reason: String) -> OperationsError {
            .badArgument(option: option, message: "'\(text)' is not a time: \(reason); \(accepted)")
        }
        let chars = Array(trimmed.unicodeScalars)
        guard chars.count >= 10 else { throw bad("too short") }
        guard let year = number(chars, 0, 4), chars[4] == "-", let month = number(chars, 5, 2), chars[7] == "-",
              let day = number(chars, 8, 2)
        else { throw bad("the date must be YYYY-MM-DD") }
        guard (1970...9999).contains(year) else { throw bad("year \(year) is outside 1970–9999") }
        guard (1...12).contains(month) else { throw bad("month \(month) is not 1–12") }
        guard (1...daysIn(month, of: year)).contains(day) else {
            throw bad("\(String(format: "%04d-%02d", year, month)) has no day \(day)")
        }
        let days = Int(UTCTimestamp.days(fromCivil: Int64(year), month: Int64(month), day: Int64(day)))
        if chars.count == 10 {
            // The end of the day in UTC+8: one microsecond (the hub's precision) before the next day begins.
            let nextDay = Double((days + 1) * 86_400 - dateOffsetSeconds)
            return Date(timeIntervalSince1970: nextDay - 0.000_001)
        }
        guard chars[10] == "T" || chars[10] == "t" || chars[10] == " " else {
            throw bad("expected 'T' between the date and the time")
        }
        var index = 11
        guard let hour = number(chars, index, 2), index + 2 < chars.count, chars[index + 2] == ":",
              let minute = number(chars, index + 3, 2)
        else { throw bad("the time must be HH:MM or HH:MM:SS") }
        index += 5
        var seconds = 0.0
        if index < chars.count, chars[index] == ":" {
            guard let whole = number(chars, index + 1, 2) else { throw bad("the seconds must be two digits") }
            seconds = Double(whole)
            index += 3
            if index < chars.count, chars[index] == "." || chars[index] == "," {
                var digits = ""
                index += 1
                while index < chars.count, ("0"..."9").contains(chars[index]) {
                    digits.unicodeScalars.append(chars[index])
                    index += 1
                }
                guard !digits.isEmpty, let fraction = Double("0." + digits) else { throw bad("no digits after the decimal point") }
                seconds += fraction
            }
        }
        guard hour < 24 else { throw bad("hour \(hour) is not 0–23") }
        guard minute < 60 else { throw bad("minute \(minute) is not 0–59") }
        guard seconds < 60 else { throw bad("second \(Int(seconds)) is not 0–59") }
        guard index < chars.count else {
            throw bad("it has no offset — add one, e.g. +08:00 for China Standard Time or Z for UTC")
        }
        let offset: Int
        let zone = String(String.UnicodeScalarView(chars[index...]))
        if zone == "Z" || zone == "z" {
            offset = 0
        } else if let sign = zone.first, sign == "+" || sign == "-" {
            let body = Array(zone.dropFirst().unicodeScalars)
            let hh: Int?, mm: Int?
            switch body.count {
            case 2: (hh, mm) = (number(body, 0, 2), 0)
            case 4: (hh, mm) = (number(body, 0, 2), number(body, 2, 2))
            case 5 where body[2] == ":": (hh, mm) = (number(body, 0, 2), number(body, 3, 2))
            default: (hh, mm) = (nil, nil)
            }
            guard let hh, let mm, hh <= 18, mm < 60 else { throw bad("the offset '\(zone)' must be ±HH:MM, ±HHMM or ±HH") }
            offset = (sign == "-" ? -1 : 1) * (hh * 3600 + mm * 60)
        } else {
            throw bad("'\(zone)' is not an offset (Z, +08:00, -05:00)")
        }
        let local = Double(days * 86_400 + hour * 3600 + minute * 60) + seconds
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// The digits `chars[start..<start+count]` as a number; `nil` when any is not a digit.
    private static func number(_ chars: [Unicode.Scalar], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= chars.count else { return nil }
        var value = 0
        for scalar in chars[start..<(start + count)] {
            guard ("0"..."9").contains(scalar) else { return nil }
            value = value * 10 + Int(scalar.value - 48)
        }
        return value
    }

    static func daysIn(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
