import EventLog
import Foundation
import JSONText

/// JSON text written field by field (``EventLog/JSONTextWriter``, with the read models' numbers and dates), for the
/// few documents written so often that Foundation's `JSONEncoder` was most of a rebuild's cost (item snapshots,
/// history entries).
///
/// It writes **byte for byte what ``ReadModelJSON`` writes** (Foundation's encoder with sorted keys and unescaped
/// slashes), so stored documents keep one format whichever wrote them. Rules for a caller:
/// - write an object's keys in the encoder's order: sorted by their UTF-8 bytes (`"A" < "_x" < "a10" < "a9"`);
/// - leave out a key whose optional value is `nil` (synthesized `Codable` uses `encodeIfPresent`);
/// - a type given its own writer gets a test comparing it with `ReadModelJSON.encode` on fully populated values.
typealias JSONWriter = JSONTextWriter

extension JSONTextWriter {
    /// A finite double as the encoder writes it: whole numbers without a fraction (`30`, `-0`), others in their
    /// shortest form (`12.5`); anything unusual (huge, tiny, not finite) through the encoder itself.
    mutating func double(_ value: Double) throws {
        if value == 0 {
            number(value.sign == .minus ? "-0" : "0")
        } else if value.rounded() == value, abs(value) < 1e15 {
            number(String(Int64(value)))
        } else if value.isFinite, abs(value) >= 1e-4, abs(value) < 1e15 {
            number(value.description)
        } else {
            number(try ReadModelJSON.encode(value))
        }
    }

    /// A date as ``ReadModelJSON`` writes dates: ISO 8601 in UTC with milliseconds.
    mutating func date(_ value: Date) {
        string(UTCTimestamp.format(value))
    }

    /// A `[String: String]` as the encoder writes a dictionary: an object with sorted keys.
    mutating func stringMap(_ map: [String: String]) {
        openObject()
        for key in map.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            self.key(key)
            string(map[key]!)
        }
        closeObject()
    }

    /// `key` and `value`, or nothing for `nil` (synthesized `Codable` leaves a `nil` optional out).
    mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    /// `key` and the date, or nothing for `nil`.
    mutating func field(_ key: String, date value: Date?) {
        guard let value else { return }
        self.key(key)
        date(value)
    }

    /// `key` and the integer, or nothing for `nil`.
    mutating func field<I: BinaryInteger>(_ key: String, integer value: I?) {
        guard let value else { return }
        self.key(key)
        integer(value)
    }

    mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}
