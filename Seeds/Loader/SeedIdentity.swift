import Commands
import Foundation

/// Names derived deterministically from seed data, so that loading the same seed twice yields the same commands.
///
/// - ``commandID(file:record:step:)``: a name-based UUID (version 8, RFC 9562 §5.8; built like a version 5 UUID
///   but on SHA-256) of `"cunshi.seed.v1" ‖ file ‖ record ‖ step`. The command handler derives every event id from
///   it, so a second run finds each command already applied and appends nothing.
/// - ``mediaChecksum(item:media:)``: the seed's media files are placeholders — the checksum stands for a file that
///   is identified by it, not a digest of real bytes (Seeds/SOURCES.md says so).
/// - ``credentialFingerprint(device:)``: `sha256:<hex>` of a seed-only credential name; seeded kiosks must be
///   given a real credential (RotateCredential) before they are deployed.
public enum SeedIdentity {
    /// The namespace of seed command ids; changing it re-keys every seeded event.
    public static let namespace = "cunshi.seed.v1"

    public static func commandID(file: String, record: String, step: String) -> UUID {
        let name = [namespace, file, record, step].joined(separator: "\u{1F}")
        var b = Array(SHA256.hash(Array(name.utf8)).prefix(16))
        b[6] = (b[6] & 0x0F) | 0x80  // version 8
        b[8] = (b[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    public static func mediaChecksum(item: String, media: String) -> String {
        SHA256.hex("cunshi.seed.media.v1|\(item)|\(media)")
    }

    public static func audioChecksum(tour: String, stop: String, language: String) -> String {
        SHA256.hex("cunshi.seed.audio.v1|\(tour)|\(stop)|\(language)")
    }

    public static func credentialFingerprint(device: String) -> String {
        "sha256:" + SHA256.hex("cunshi.seed.credential.v1|\(device)")
    }
}
