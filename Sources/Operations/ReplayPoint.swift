import EventLog
import Foundation
import JSONText

/// How far a replay goes: the whole stream, up to a log position, or up to a hub time (both inclusive).
public enum ReplayPoint: Sendable, Hashable {
    case end
    /// Events at log positions ≤ this one.
    case position(Int64)
    /// Events the hub recorded at or before this moment.
    case time(Date)

    /// Reads `cunshi replay`'s `--until TIME` and `--position P` (at most one of them).
    public static func parse(until: String?, position: String?) throws(OperationsError) -> ReplayPoint {
        switch (until, position) {
        case (nil, nil): return .end
        case (_?, _?): throw .badArgument(option: "--until/--position", message: "give one of them, not both")
        case (let text?, nil): return .time(try TimeArgument.parse(text))
        case (nil, let text?):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = Int64(trimmed), value >= 1 else {
                throw .badArgument(
                    option: "--position", message: "'\(text)' is not a log position: give a whole number ≥ 1 (see POSITION in the replay)")
            }
            return .position(value)
        }
    }

    /// Whether `event` happened at or before this point.
    public func includes(_ event: RecordedEvent) -> Bool {
        switch self {
        case .end: true
        case .position(let position): event.position <= position
        case .time(let time): event.recordedAt <= time
        }
    }

    /// `the end of the stream`, `position 1234`, `2026-05-01T23:59:59.999999+08:00`.
    public var description: String {
        switch self {
        case .end: "now"
        case .position(let position): "position \(position)"
        case .time(let time): HubTime.text(time)
        }
    }
}

/// How hub times are shown: ISO 8601 in China Standard Time with its offset, to the millisecond (truncated) —
/// unambiguous, and the zone a bare date is read in.
public enum HubTime {
    public static func text(_ date: Date) -> String {
        let local = date.timeIntervalSince1970 + Double(TimeArgument.dateOffsetSeconds)
        let milliseconds = Int64((local * 1000).rounded(.down))
        let (days, msOfDay) = floorDivide(milliseconds, 86_400_000)
        let civil = UTCTimestamp.civil(fromDays: days)
        let (year, month, day) = (Int(civil.year), Int(civil.month), Int(civil.day))
        let ms = Int(msOfDay)
        let hour = ms / 3_600_000, minute = ms / 60_000 % 60, second = ms / 1000 % 60, milli = ms % 1000
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":"
            + pad(second, 2) + "." + pad(milli, 3) + "+08:00"
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a >= 0 ? a / b : (a - b + 1) / b
        return (quotient, a - quotient * b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
