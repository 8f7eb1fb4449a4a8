import Foundation

/// UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort later,
/// which keeps the event-id index compact.
public enum UUIDv7 {
    /// A new UUIDv7 for the current time.
    public static func make() -> UUID {
        var generator = SystemRandomNumberGenerator()
        return make(milliseconds: UInt64(Date().timeIntervalSince1970 * 1000), using: &generator)
    }

    /// A UUIDv7 for the given time and randomness (deterministic for tests and seeds).
    public static func make(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        let high = generator.next(), low = generator.next()
        for index in 6..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * (index - 6)))
        }
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
