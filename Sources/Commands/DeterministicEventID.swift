import Foundation

/// Event ids derived from a command id, which make a repeated command idempotent.
///
/// The id of the i-th event a command appends (counting across every stream it writes, target stream first)
/// is a UUIDv8 (RFC 9562 §5.8) whose 122 free bits are the first bits of
/// `SHA-256("cunshi.command-event.v1" ‖ commandID (16 bytes) ‖ i (4 bytes, big-endian))`.
///
/// Why: the store answers a re-append of events it already holds (same ids, same content) with the original
/// positions. A client that re-sends a command after a timeout, a seed loaded twice, or a kiosk pushing its
/// outbox months late thus never creates a second copy. The handler also checks, before deciding, whether event
/// 0 of the command is already in the target stream, and if so returns the original outcome — because a
/// decider asked again would often refuse (`ALREADY_EXISTS`) or decide differently against the new state.
///
/// Rules: a `commandID` names one command — never reuse it for a different command (its events would collide
/// as `DUPLICATE_EVENT_ID`, or the later command would be answered with the earlier one's outcome). UUIDv8 ids do
/// not sort by time as UUIDv7 ids do; that costs a little index locality and nothing else.
public enum DeterministicEventID {
    public static func make(commandID: UUID, index: Int) -> UUID {
        var message = Array("cunshi.command-event.v1".utf8)
        withUnsafeBytes(of: commandID.uuid) { message.append(contentsOf: $0) }
        let i = UInt32(truncatingIfNeeded: index)
        message += [UInt8(truncatingIfNeeded: i >> 24), UInt8(truncatingIfNeeded: i >> 16),
                    UInt8(truncatingIfNeeded: i >> 8), UInt8(truncatingIfNeeded: i)]
        var b = Array(SHA256.hash(message).prefix(16))
        b[6] = (b[6] & 0x0F) | 0x80  // version 8
        b[8] = (b[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }
}
