/// Identifiers are plain strings chosen by the caller (ids are passed in; the domain never generates them).
public typealias VillageID = String
public typealias DeviceID = String
public typealias ItemID = String
public typealias TourID = String
public typealias StopID = String
public typealias ListingID = String
public typealias OfferID = String
public typealias DealID = String
public typealias MediaID = String
public typealias PaymentID = String

/// Validation of identifiers.
///
/// An id is 1–100 characters of `A–Z a–z 0–9 _ . : -`, so that it can be embedded in a stream name
/// (`item-<id>`) and a URL path without escaping.
public enum Identifier {
    public static let maxLength = 100

    /// Returns `raw` or throws `INVALID_ID` naming `field`.
    public static func validated(_ raw: String, field: String) throws(DomainError) -> String {
        guard !raw.isEmpty else { throw DomainError(ErrorCode.invalidID, field: field, "\(field) is empty") }
        guard raw.utf8.count <= maxLength else {
            throw DomainError(ErrorCode.invalidID, field: field, "\(field) is longer than \(maxLength) characters")
        }
        guard raw.utf8.allSatisfy(isAllowed) else {
            throw DomainError(
                ErrorCode.invalidID, field: field,
                "\(field) '\(raw)' may only contain letters, digits, '_', '.', ':' and '-'")
        }
        return raw
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
